package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.analysis.AnalysisStore;
import dev.shadowtrainer.analysis.RunAnalysis;
import dev.shadowtrainer.analysis.SampleRun;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.RunRecord;
import dev.shadowtrainer.memory.TradeMemory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);
    private String db;
    private RunAnalysis stored;

    @BeforeEach
    void storeAnAnalysedRunAndABareOne() {
        db = "h2:" + dir.resolve("memory");
        MemoryDatabase database = MemoryDatabase.open(MemoryUrl.parse(db));
        TradeMemory memory = new TradeMemory(database);
        for (String run : new String[] {"run-1", "run-bare"}) {
            memory.saveRun(new RunRecord(run, Instant.parse("2025-03-01T00:00:00Z"), "binance", "BTC/USDT", "15m",
                    "test", 7, "ppo", "{}"));
        }
        stored = SampleRun.analysis("run-1");
        new AnalysisStore(database).save(stored);
    }

    @Test
    void printsTheStoredWinLossAndPostExitReport() {
        CliRun r = CliRun.run(context, "analyze", "--run", "run-1", "--db", db);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // SampleRun: pattern 0 is 3 wins of 5 (Wilson lower 0.231, d of b -3.54), pattern 7 is 1 of 10.
        assertThat(r.out()).contains("analyze: run run-1, 31 trades; patterns need 5 members")
                .contains("win analysis: 2 pattern(s) with enough members")
                .containsPattern("0 +5 +60\\.0% +0\\.231  b -3\\.54, f \\+1\\.31, a \\+0\\.82")
                .containsPattern("7 +10 +10\\.0% +0\\.018  -")
                .contains("skill vs luck: mean 1.00 over 1 of 2 winning agent trade(s)")
                .contains("loss analysis: 19 losing trade(s)")
                .contains("reasons: LIQUIDATION 1, FEES_EXCEED_MOVE 1, VOLATILITY_SPIKE_STOP 1, REGIME_CHANGE 1, "
                        + "TIMEOUT 9, ADVERSE_MOVE 6")
                .contains("actions: RAISE_CONFIDENCE_THRESHOLD 7, WIDEN_STOP 1, TIGHTEN_STOP 2, BLACKLIST_PATTERN 9")
                .contains("patterns to blacklist: 7")
                .containsPattern("all +11 +9 +1 +0 +1 +90\\.0% +3\\.00")
                .containsPattern("agent +1 +0 +0 +0 +1 +- +-")
                .contains("holding period: 1 of 2 pattern(s) with a recommendation")
                .containsPattern("7 +10 +-0\\.80 +-0\\.90 +-1\\.70 +-2\\.65  AT_EXIT");
    }

    @Test
    void jsonIsTheStoredAnalysis() throws Exception {
        CliRun r = CliRun.run(context, "analyze", "--run", "run-1", "--db", db, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode node = new ObjectMapper().readTree(r.out());
        assertThat(node.get("runId").asText()).isEqualTo("run-1");
        assertThat(node.at("/win/patterns/0/reliability").asDouble())
                .isEqualTo(stored.win().patterns().get(0).reliability());
        assertThat(node.at("/loss/byAction/BLACKLIST_PATTERN").asInt()).isEqualTo(9);
        assertThat(node.at("/postExit/exitTiming/0/accuracy").asDouble()).isEqualTo(0.9);
        assertThat(node.at("/postExit/exitTiming/1/accuracy").isNull()).isTrue();
        assertThat(node.at("/postExit/holding/1/recommended").asText()).isEqualTo("AT_EXIT");
    }

    @Test
    void anUnknownRunOrOneWithoutAnalysisIsExitThreeInOneLine() {
        CliRun unknown = CliRun.run(context, "analyze", "--run", "run-9", "--db", db);
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(unknown.err()).contains("run 'run-9' is not in the trade memory").contains("--db");
        assertThat(unknown.errorLines()).isEqualTo(1);

        CliRun bare = CliRun.run(context, "analyze", "--run", "run-bare", "--db", db);
        assertThat(bare.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(bare.err()).contains("run 'run-bare'").contains("has no stored analysis");
        assertThat(bare.errorLines()).isEqualTo(1);
    }

    @Test
    void anUnreachableDatabaseIsExitFourAndAMissingRunFlagIsTwo() {
        CliRun r = CliRun.run(context, "analyze", "--run", "run-1", "--db",
                "postgresql://trader:hunter2@127.0.0.1:1/shadow");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).contains("is unreachable").doesNotContain("hunter2");
        assertThat(r.errorLines()).isEqualTo(1);

        CliRun usage = CliRun.run(context, "analyze", "--db", db);
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("--run");
    }
}
