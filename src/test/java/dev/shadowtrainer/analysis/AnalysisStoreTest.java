package dev.shadowtrainer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.RunRecord;
import dev.shadowtrainer.memory.TestPostgres;
import dev.shadowtrainer.memory.TradeMemory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analyses round trip on both stores, a second save replaces the first, nothing half-written. */
class AnalysisStoreTest {
    @TempDir
    Path dir;

    private MemoryUrl postgres;

    @AfterEach
    void dropDatabase() {
        if (postgres != null) {
            TestPostgres.drop(postgres);
        }
    }

    private MemoryDatabase open(String store) {
        MemoryUrl url;
        if (store.equals("h2")) {
            url = MemoryUrl.parse("h2:" + dir.resolve("memory"));
        } else {
            postgres = TestPostgres.create("analyses");
            url = postgres;
        }
        MemoryDatabase db = MemoryDatabase.open(url);
        TradeMemory memory = new TradeMemory(db);
        for (String run : List.of("run-1", "run-2")) {
            memory.saveRun(new RunRecord(run, Instant.parse("2025-03-01T00:00:00Z"), "binance", "BTC/USDT", "15m",
                    "test", 7, "ppo", "{}"));
        }
        return db;
    }

    private static long rows(MemoryDatabase db, String table, String runId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE run_id = :r")
                .bind("r", runId).mapTo(Long.class).one());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void savedAnalysisLoadsBackEqualAndASecondSaveReplacesIt(String store) {
        MemoryDatabase db = open(store);
        AnalysisStore analyses = new AnalysisStore(db);
        RunAnalysis full = SampleRun.analysis("run-1");
        // The sample exercises every table and both null and non-null values.
        assertThat(full.win().patterns()).hasSize(2);
        assertThat(full.win().patterns().get(0).contributingFeatures()).hasSize(3);
        assertThat(full.win().skills()).extracting(WinAnalysis.SkillScore::skill).containsNull()
                .anyMatch(s -> s != null);
        assertThat(full.loss().losses()).anyMatch(l -> l.misleadingFeatures().size() == 2);
        assertThat(full.postExit().exitTiming()).extracting(PostExitAnalysis.ExitTiming::accuracy).containsNull();
        assertThat(full.postExit().holding()).extracting(PostExitAnalysis.HoldingPeriod::recommended)
                .contains(PostExitAnalysis.Horizon.AT_EXIT).containsNull();

        analyses.save(full);
        assertThat(analyses.load("run-1")).contains(full);
        assertThat(analyses.load("run-2")).isEmpty();
        assertThat(analyses.runExists("run-2")).isTrue();
        assertThat(analyses.runExists("run-3")).isFalse();

        analyses.save(full);
        assertThat(rows(db, "loss_analysis", "run-1")).isEqualTo(full.loss().losses().size());
        assertThat(rows(db, "win_analysis_feature", "run-1")).isEqualTo(3);

        // A smaller analysis of the same run replaces every row of the first.
        RunAnalysis small = RunAnalysis.of("run-1", WinAnalyzerTest.patternZero(), 5);
        analyses.save(small);
        assertThat(analyses.load("run-1")).contains(small);
        assertThat(rows(db, "win_skill", "run-1")).isZero();
        assertThat(rows(db, "post_exit_holding", "run-1")).isEqualTo(1);
        assertThat(rows(db, "post_exit_analysis", "run-1")).isEqualTo(2);
        assertThat(rows(db, "win_analysis", "run-1")).isEqualTo(1);

        // Another run's analysis is kept apart.
        RunAnalysis other = SampleRun.analysis("run-2");
        analyses.save(other);
        assertThat(analyses.load("run-1")).contains(small);
        assertThat(analyses.load("run-2")).contains(other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRunThatIsNotStoredIsRefusedAndAFailedSaveKeepsTheOldAnalysis(String store) {
        MemoryDatabase db = open(store);
        AnalysisStore analyses = new AnalysisStore(db);
        assertThatThrownBy(() -> analyses.save(SampleRun.analysis("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run nowhere is not in the trade "
                        + "memory");
        RunAnalysis full = SampleRun.analysis("run-1");
        analyses.save(full);
        // Two skill rows of the same trade break the primary key halfway through the save: rolled back.
        WinAnalysis.SkillScore s = full.win().skills().get(0);
        RunAnalysis broken = new RunAnalysis("run-1", 5, 1, WinAnalysis.of(List.of(), List.of(s, s)),
                LossAnalysis.of(List.of()), new PostExitAnalysis(List.of(), List.of()));
        assertThatThrownBy(() -> analyses.save(broken)).isInstanceOfSatisfying(ShadowTrainerException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.STORAGE));
        assertThat(analyses.load("run-1")).contains(full);
    }

    @Test
    void theAnalysisIsJsonWithNullsWhereANumberIsUnknown() throws Exception {
        String json = new ObjectMapper().writeValueAsString(SampleRun.analysis("run-1"));
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("runId").asText()).isEqualTo("run-1");
        assertThat(node.at("/win/patterns/0/contributingFeatures/0/feature").asText()).isEqualTo("b");
        assertThat(node.at("/win/patterns/0/contributingFeatures/0/direction").asText())
                .isEqualTo("LOWER_IN_WINNERS");
        assertThat(node.at("/loss/byReason/LIQUIDATION").asInt()).isEqualTo(1);
        assertThat(node.at("/postExit/exitTiming/0/scope").asText()).isEqualTo("all");
        assertThat(node.at("/win/meanSkill").isNumber()).isTrue();
        assertThat(node.at("/win/patterns/0/losers").asInt()).isEqualTo(2);
        assertThat(node.at("/postExit/exitTiming/0/settled").isInt()).isTrue();
        assertThat(node.at("/postExit/exitTiming/1/accuracy").isNull()).as("agent: nothing settled").isTrue();
    }

    @Test
    void anUnreachableDatabaseIsAStorageError() {
        MemoryDatabase db = MemoryDatabase.inspect(MemoryUrl.parse("postgresql://postgres@127.0.0.1:1/none"));
        assertThatThrownBy(() -> new AnalysisStore(db).load("run-1"))
                .isInstanceOfSatisfying(ShadowTrainerException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.STORAGE))
                .hasMessageContaining("could not load the analysis of run run-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void moreLossesThanOneStatementBatchAreAllStoredOnce(String store) {
        MemoryDatabase db = open(store);
        RunAnalysis sample = SampleRun.analysis("run-1");
        LossAnalysis.Loss one = sample.loss().losses().get(0);
        int n = 2 * AnalysisStore.BATCH_ROWS + 7;
        java.util.List<LossAnalysis.Loss> losses = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            losses.add(new LossAnalysis.Loss("key-" + i, one.kind(), one.pattern(), one.reason(), one.action(),
                    one.misleadingFeatures()));
        }
        RunAnalysis big = new RunAnalysis("run-1", sample.minOccurrences(), sample.trades(), sample.win(),
                new LossAnalysis(losses, sample.loss().byReason(), sample.loss().byAction()), sample.postExit());
        new AnalysisStore(db).save(big);
        assertThat(rows(db, "loss_analysis", "run-1")).isEqualTo(n);
        RunAnalysis loaded = new AnalysisStore(db).load("run-1").orElseThrow();
        // in order; (the counts by reason are recounted on load, so the sample's are not compared)
        assertThat(loaded.loss().losses()).containsExactlyElementsOf(losses);
    }
}
