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

/** {@code lookahead-check} as a user runs it on the real BTC candles. */
class LookaheadCheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);
    private final String btc = "file:" + SharedData.binance2025("BTCUSDT_15m.csv");

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    @Test
    void theRealPipelineOnAllNinetyDaysOfBtcHasNoLookahead() {
        // Without --days the whole file is checked: 8640 bars, the first 668 as indicator history.
        CliRun r = run("lookahead-check", "--symbol", "BTC/USDT", "--source", btc);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("policy trend-rule")
                .contains("checked 20 decision points x 2 variants (cut, garbage) over 7972 bars: no lookahead")
                .doesNotContain("LOOKAHEAD");
        assertThat(r.err()).contains("41 runs");
    }

    @Test
    void jsonListsTheDecisionPointsAndWhatWasCompared() throws IOException {
        CliRun r = run("lookahead-check", "--symbol", "BTC/USDT", "--source", btc, "--days", "30", "--samples", "5",
                "--seed", "3", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("clean").asBoolean()).isTrue();
        assertThat(json.get("totalDifferences").asLong()).isZero();
        assertThat(json.get("cutPoints")).hasSize(5);
        assertThat(json.get("variants").toString()).isEqualTo("[\"CUT\",\"GARBAGE\"]");
        assertThat(json.get("compared").get("fills").asLong()).isPositive();
        assertThat(json.get("differences")).isEmpty();
    }

    @Test
    void aModelPathThatIsNoModelFolderIsOneLineAndExit3() {
        // (a real model is checked in ExportPredictCommandTest, which trains one)
        CliRun r = run("lookahead-check", "--source", btc, "--model", "models/ppo.zip");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isOne();
        assertThat(r.err()).contains("models/ppo.zip");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void fewerThanOneSampleIsAUsageError() {
        CliRun r = run("lookahead-check", "--source", btc, "--samples", "0");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--samples must be at least 1");
    }

    @Test
    void moreSamplesThanDecisionBarsIsInsufficientDataOnStderrNotALeak() {
        CliRun r = run("lookahead-check", "--source", btc, "--days", "10", "--samples", "5000");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
                .singleElement().asString().contains("decision points were asked for").contains("--samples");
        assertThat(r.out()).doesNotContain("LOOKAHEAD");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        CliRun r = run("lookahead-check", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--samples", "--model", "0   no lookahead found", "3   lookahead found");
        assertThat(run("--help").out()).contains("lookahead-check");
    }
}
