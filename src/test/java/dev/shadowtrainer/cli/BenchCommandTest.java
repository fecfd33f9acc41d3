package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} end to end on a small bar count: it runs, prints every field and does the same work on
 * both sides. Speed is measured by {@code scripts/bench}, not asserted here: it depends on the machine.
 */
class BenchCommandTest {
    private static final String[] SMALL = {"bench", "--bars", "20000", "--warmup", "1", "--iterations", "2"};

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    private static String[] with(String... more) {
        String[] args = new String[SMALL.length + more.length];
        System.arraycopy(SMALL, 0, args, 0, SMALL.length);
        System.arraycopy(more, 0, args, SMALL.length, more.length);
        return args;
    }

    @Test
    void printsSpeedRatiosTradeCountsAndTargets() {
        CliRun r = run(SMALL);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("20,000 synthetic 1m candles", "SMA cross 50/200", "1 warm-up + 2 measured",
                "(a) simulator, shadow trades off", "(b) simulator, shadow trades every bar",
                "(c) ta4j 0.17 BarSeriesManager", "bars/s", "speed (a) vs (c):", "target >= 20x",
                "shadow-trade cost (b)/(a):", "target <= 2x", "trade counts (a)", "comparable", "machine: ");
        assertThat(r.err()).contains("iteration 1 of 3 (warm-up)", "iteration 3 of 3");
    }

    @Test
    void jsonHasTheSameFieldsAndBothSidesDoTheSameWork() throws IOException {
        CliRun r = run(with("--json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.get("bars").asInt()).isEqualTo(20_000);
        assertThat(s.get("measuredIterations").asInt()).isEqualTo(2);
        for (String side : new String[] {"simulator", "simulatorWithShadows", "ta4j"}) {
            JsonNode c = s.get(side);
            assertThat(c.get("barsPerSecond").asDouble()).as(side).isPositive();
            assertThat(c.get("medianMillis").asDouble()).as(side).isPositive();
            assertThat(c.get("samplesMillis")).as(side).hasSize(2);
            assertThat(c.get("trades").asInt()).as(side).isPositive();
        }
        // Shadow trades do not change what the SMA policy does; ta4j closes about as many round trips.
        assertThat(s.get("simulatorWithShadows").get("trades")).isEqualTo(s.get("simulator").get("trades"));
        assertThat(s.get("tradeCountsComparable").asBoolean()).isTrue();
        assertThat(s.get("shadowTrades").asInt()).isBetween(19_000, 20_000);
        assertThat(s.get("speedupOverTa4j").asDouble()).isPositive();
        assertThat(s.get("shadowTradeCost").asDouble()).isPositive();
        assertThat(s.get("speedupTarget").asDouble()).isEqualTo(20.0);
        assertThat(s.get("shadowCostTarget").asDouble()).isEqualTo(2.0);
        assertThat(s.has("speedupTargetMet")).isTrue();
        assertThat(s.has("shadowCostTargetMet")).isTrue();
        assertThat(s.get("machine").get("processors").asInt()).isPositive();
    }

    @Test
    void tooFewBarsIsAOneLineUsageError() {
        CliRun r = run("bench", "--bars", "300");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--bars must be at least twice the slow period (400)");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void fastPeriodMustBeBelowSlow() {
        CliRun r = run("bench", "--fast", "200", "--slow", "50");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("1 <= fast < slow");
        assertThat(r.errorLines()).isEqualTo(1);
    }
}
