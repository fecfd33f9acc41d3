package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.SharedData;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ab-test} as a user runs it on the real BTC candles. */
class AbTestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);
    private final String btc = "file:" + SharedData.binance2025("BTCUSDT_15m.csv");

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    private JsonNode json(String... args) throws IOException {
        CliRun r = run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void ninetyDaysOfBtcSplitEveryTradeIntoTheTwoGroups() throws IOException {
        JsonNode j = json("ab-test", "--symbol", "BTC/USDT", "--days", "90", "--source", btc, "--seed", "3", "--json");
        JsonNode a = j.get("result").get("a");
        JsonNode b = j.get("result").get("b");
        int trades = j.get("trades").asInt();
        // 90 days of 15m bars = 8640; the trend rule trades often enough for 100 per group
        assertThat(j.get("bars").asInt()).isEqualTo(8640);
        assertThat(a.get("trades").asInt()).isGreaterThanOrEqualTo(100);
        assertThat(b.get("trades").asInt()).isGreaterThanOrEqualTo(100);
        assertThat(a.get("trades").asInt() + b.get("trades").asInt()).isEqualTo(trades);
        // a fair coin: each group within 5 sd (sd = sqrt(n)/2) of half
        assertThat(Math.abs(a.get("trades").asInt() - trades / 2.0)).isLessThan(2.5 * Math.sqrt(trades));
        // the agent learned from exactly its own group's trades
        assertThat(j.get("agentLearned").asInt()).isEqualTo(a.get("trades").asInt() - j.get("agentFallbacks").asInt());
        for (JsonNode g : new JsonNode[] {a, b}) {
            assertThat(g.get("winRate").asDouble()).isEqualTo(g.get("wins").asDouble() / g.get("trades").asInt());
            assertThat(g.get("sharpe").asDouble())
                    .isCloseTo(g.get("meanR").asDouble() / g.get("sdR").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(g.get("maxDrawdown").asDouble()).isNotNegative();
        }
        JsonNode result = j.get("result");
        double p = result.get("p").asDouble();
        assertThat(p).isBetween(0.0, 1.0);
        assertThat(result.get("df").asDouble()).isPositive();
        assertThat(result.get("significant").asBoolean()).isEqualTo(p < 0.05);
        assertThat(result.get("verdict").asText()).startsWith(p < 0.05 ? "significant" : "not significant");

        // the trend rule's signals do not depend on the split: another seed, other groups, the same trades
        JsonNode other = json("ab-test", "--symbol", "BTC/USDT", "--days", "90", "--source", btc, "--seed", "4",
                "--json");
        assertThat(other.get("trades").asInt()).isEqualTo(trades);
        assertThat(other.get("result").get("a").get("trades").asInt()).isNotEqualTo(a.get("trades").asInt());
        // and the same seed repeats the run exactly
        JsonNode again = json("ab-test", "--symbol", "BTC/USDT", "--days", "90", "--source", btc, "--seed", "3",
                "--json");
        assertThat(again).isEqualTo(j);
    }

    @Test
    void theTextSummaryNamesEveryNumber() {
        CliRun r = run("ab-test", "--symbol", "BTC/USDT", "--days", "30", "--source", btc, "--policy", "random");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("policy random", "R = pnl / (notional x stop 15.00 bps)", "win rate", "mean R",
                "Sharpe", "max drawdown", "total pnl", "A (rl-v1)", "B (atr)", "Welch t = ", "df = ", "p = ",
                "Cohen's d = ", "verdict: ");
    }

    @Test
    void aShortWindowSaysItHasTooFewTradesAndStillExitsZero() throws IOException {
        JsonNode j = json("ab-test", "--symbol", "BTC/USDT", "--days", "5", "--source", btc, "--json");
        JsonNode result = j.get("result");
        assertThat(result.get("a").get("trades").asInt()).isLessThan(100);
        assertThat(result.get("significant").asBoolean()).isFalse();
        assertThat(result.get("verdict").asText()).startsWith("not significant: too few trades")
                .contains("at least 100 per group");
    }

    @Test
    void anUnknownPolicyIsAUsageError() {
        CliRun r = run("ab-test", "--source", btc, "--days", "5", "--policy", "moon");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLines()).isOne();
        assertThat(r.err()).contains("--policy moon is unknown").contains("trend-rule, random");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void smaCrossIsRefusedWithTheReason() {
        CliRun r = run("ab-test", "--source", btc, "--days", "5", "--policy", "sma-cross");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLines()).isOne();
        assertThat(r.err()).contains("sma_fast/sma_slow").contains("trend-rule or random");
    }

    @Test
    void badDaysAreAUsageError() {
        CliRun zero = run("ab-test", "--source", btc, "--days", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.errorLines()).isOne();
        assertThat(zero.err()).contains("data.days").contains("out of range");

        CliRun word = run("ab-test", "--source", btc, "--days", "ninety");
        assertThat(word.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(word.err()).contains("--days");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        CliRun r = run("ab-test", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--policy", "fewer than 100 trades: the verdict says so", "0   test run and reported",
                "2   usage");
        assertThat(run("--help").out()).contains("ab-test");
    }
}
