package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.report.MetricsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.shadowtrainer.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A train run interrupted after an update in the middle of a fold and resumed from its checkpoint ends
 * where the same run without interruption ends: the same out-of-sample numbers, the same trades, equity
 * and folds files, the same Q-tables, the same training history and the same network, bit for bit.
 */
class TrainResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FOLD = 1;
    private static final int UPDATE = 3;

    @TempDir
    static Path dir;

    /** The same run without interruption, for every test to compare with. */
    private static Finished reference;

    @BeforeAll
    static void runUninterrupted() {
        ShadowConfig config = config("a", Map.of());
        PpoPolicyTrainer trainer = trainer(config);
        reference = new Finished(pipeline(trainer, RunInterrupt.NEVER).run(config, line -> { }), trainer);
        assertThat(reference.summary().evaluation().folds()).as("the tests need a fold after the first")
                .isGreaterThan(FOLD);
    }

    private static ShadowConfig config(String name, Map<String, String> more) {
        Map<String, String> flags = new HashMap<>(Map.of(
                "data.source", "synthetic", "data.days", "21", "seed", "11",
                "output.runs_dir", dir.resolve(name).resolve("runs").toString(),
                "output.models_dir", dir.resolve(name).resolve("models").toString(),
                "database.url", "h2:" + dir.resolve(name).resolve("memory"),
                "training.rl_agent.num_envs", "8", "training.rl_agent.num_steps", "32",
                "training.rl_agent.num_minibatches", "4", "training.rl_agent.total_timesteps", "1280"));
        flags.put("evaluation.train_days", "10");
        flags.put("evaluation.test_days", "5");
        flags.put("evaluation.step_days", "5");
        flags.put("training.checkpoint_every", "2");
        flags.putAll(more);
        return new ConfigLoader().load(null, Map.of(), flags);
    }

    private static PpoPolicyTrainer trainer(ShadowConfig config) {
        return new PpoPolicyTrainer(config.training().rlAgent(), config.evaluation().initialEquity(),
                Progress.of(line -> { }));
    }

    private static TrainPipeline pipeline(PolicyTrainer trainer, RunInterrupt interrupt) {
        return new TrainPipeline(new CandleLoader(Clock.systemUTC(), null), "test", Clock.systemUTC(), trainer,
                interrupt);
    }

    private record Finished(TrainSummary summary, PpoPolicyTrainer trainer) {
    }

    /** Starts a run in folder {@code name}, stops it with {@code stop} and returns the run id. */
    private static String interrupted(String name, Map<String, String> more, RunInterrupt stop,
                                      Class<? extends RuntimeException> thrown) {
        ShadowConfig config = config(name, more);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> pipeline(trainer(config), stop).run(config, line -> { }));
        assertThat(t).isInstanceOf(thrown);
        try (var runs = Files.list(dir.resolve(name).resolve("runs"))) {
            List<Path> folders = runs.toList();
            assertThat(folders).hasSize(1);
            return folders.get(0).getFileName().toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Finished resume(String name, String runId, List<String> notes) {
        ShadowConfig config = config(name, Map.of());
        PpoPolicyTrainer trainer = trainer(config);
        return new Finished(pipeline(trainer, RunInterrupt.NEVER).resume(config, runId, notes::add), trainer);
    }

    @Test
    void aRunInterruptedMidFoldAndResumedEqualsTheUninterruptedRun() throws IOException {
        String runId = interrupted("stopped", Map.of(), (fold, update) -> fold == FOLD && update == UPDATE,
                RunInterruptedException.class);
        Path runB = dir.resolve("stopped").resolve("runs").resolve(runId);
        RunCheckpoint saved = RunCheckpoint.read(runB.resolve(RunCheckpoint.FILE), runId);
        assertThat(saved.fold()).isEqualTo(FOLD);
        assertThat(saved.networks()).hasSize(FOLD);
        assertThat(saved.inProgress().update()).isEqualTo(UPDATE);
        assertThat(runB.resolve("summary.json")).doesNotExist();

        List<String> notes = new ArrayList<>();
        Finished b = resume("stopped", runId, notes);
        assertThat(notes).anyMatch(n -> n.contains("resuming run " + runId + " at fold 2 after update 3"));
        assertSameResult(reference, b);
        assertThat(runB.resolve(RunCheckpoint.FILE)).as("a finished run keeps no checkpoint").doesNotExist();
        // the first three updates of the fold in progress come from the checkpoint, not from training again
        assertThat(b.trainer().metrics().subList(0, saved.metrics().size())).isEqualTo(saved.metrics());
    }

    @Test
    void aRunStoppedAfterTheWalkForwardResumesWithoutTraining() throws IOException {
        int folds = reference.summary().evaluation().folds();
        String runId = interrupted("after", Map.of(), (fold, update) -> fold == folds, RunInterruptedException.class);
        RunCheckpoint saved = RunCheckpoint.read(dir.resolve("after").resolve("runs").resolve(runId)
                .resolve(RunCheckpoint.FILE), runId);
        assertThat(saved.networks()).hasSize(folds);
        assertThat(saved.inProgress()).isNull();
        Finished b = resume("after", runId, new ArrayList<>());
        assertThat(b.trainer().metrics()).as("all rows restored, none trained").isEqualTo(saved.metrics());
        assertSameResult(reference, b);
    }

    @Test
    void aRulePolicyRunStoppedBeforeItsSecondFoldResumesToTheSameResult() throws IOException {
        // rl.save_every 5: the sizing agent saves its table during fold 1, and a resume must not start from it
        Map<String, String> rules = Map.of("training.rl_agent.enabled", "false", "rl.save_every", "5");
        ShadowConfig config = config("rules-whole", rules);
        TrainSummary whole = pipeline(new RulePolicyTrainer(), RunInterrupt.NEVER).run(config, line -> { });

        ShadowConfig stopped = config("rules", rules);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> pipeline(new RulePolicyTrainer(),
                (fold, update) -> fold == 1).run(stopped, line -> { }));
        assertThat(t).isInstanceOf(RunInterruptedException.class).hasMessageContaining("before fold 2");
        String runId = ((RunInterruptedException) t).runId();
        assertThat(dir.resolve("rules").resolve("runs").resolve(runId).resolve(TrainPipeline.SIZING_Q_TABLE)).exists();
        TrainSummary resumed = pipeline(new RulePolicyTrainer(), RunInterrupt.NEVER).resume(stopped, runId, l -> { });

        Path a = Path.of(whole.runFolder());
        Path b = Path.of(resumed.runFolder());
        assertThat(b.getFileName().toString()).isEqualTo(runId);
        assertThat(JSON.readTree(b.resolve("summary.json").toFile()).get("evaluation"))
                .isEqualTo(JSON.readTree(a.resolve("summary.json").toFile()).get("evaluation"));
        for (String file : List.of("trades.csv", "equity.csv", TrainPipeline.SIZING_Q_TABLE)) {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file).isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
    }

    @Test
    void aRunThatDiedWithoutSavingResumesFromItsLastPeriodicCheckpoint() throws IOException {
        // Dies after update 3 of fold 2 without a checkpoint of its own: update 2's (checkpoint_every 2) is left.
        String runId = interrupted("died", Map.of(), (fold, update) -> {
            if (fold == FOLD && update == UPDATE) {
                throw new IllegalStateException("killed");
            }
            return false;
        }, IllegalStateException.class);
        Path runB = dir.resolve("died").resolve("runs").resolve(runId);
        RunCheckpoint saved = RunCheckpoint.read(runB.resolve(RunCheckpoint.FILE), runId);
        assertThat(saved.fold()).isEqualTo(FOLD);
        assertThat(saved.inProgress().update()).isEqualTo(2);
        assertSameResult(reference, resume("died", runId, new ArrayList<>()));
    }

    @Test
    void aResumeRefusesAnotherSeedOrConfigAnUnknownRunAndADamagedCheckpoint() throws IOException {
        String runId = interrupted("refused", Map.of(), (fold, update) -> fold == 0 && update == 1,
                RunInterruptedException.class);
        ShadowConfig otherSeed = config("refused", Map.of("seed", "12"));
        assertThatThrownBy(() -> pipeline(trainer(otherSeed), RunInterrupt.NEVER).resume(otherSeed, runId, l -> { }))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("seed was '11' and is now '12'")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        ShadowConfig otherGamma = config("refused", Map.of("training.rl_agent.gamma", "0.9"));
        assertThatThrownBy(() -> pipeline(trainer(otherGamma), RunInterrupt.NEVER).resume(otherGamma, runId, l -> { }))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("training.rl_agent.gamma");
        ShadowConfig otherData = config("refused", Map.of("data.days", "31"));
        assertThatThrownBy(() -> pipeline(trainer(otherData), RunInterrupt.NEVER).resume(otherData, runId, l -> { }))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("data.days");

        ShadowConfig same = config("refused", Map.of());
        Path file = dir.resolve("refused").resolve("runs").resolve(runId).resolve(RunCheckpoint.FILE);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> pipeline(trainer(same), RunInterrupt.NEVER).resume(same, runId, l -> { }))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("cannot read the checkpoint")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.STORAGE));

        assertThatThrownBy(() -> pipeline(trainer(same), RunInterrupt.NEVER).resume(same, "no-such-run", l -> { }))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("no run 'no-such-run'")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> pipeline(trainer(same), RunInterrupt.NEVER).resume(same, "../b", l -> { }))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("no run '../b'");
    }

    @Test
    void aResumeRefusesOtherCandlesWithTheBadDataCode() throws IOException {
        Path csv = dir.resolve("candles.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.binance2025("BTCUSDT_15m.csv")));
        Files.write(csv, lines);
        Map<String, String> file = Map.of("data.source", "file:" + csv);
        String runId = interrupted("data", file, (fold, update) -> fold == 0 && update == 1,
                RunInterruptedException.class);
        // the newest candle's volume changes: the same window and config, other data
        String last = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, last.substring(0, last.lastIndexOf(',') + 1) + "1.5");
        Files.write(csv, lines);
        ShadowConfig changed = config("data", file);
        assertThatThrownBy(() -> pipeline(trainer(changed), RunInterrupt.NEVER).resume(changed, runId, l -> { }))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("candles.sha256 was")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.BAD_DATA));
    }

    private static void assertSameResult(Finished a, Finished b) throws IOException {
        Path runA = Path.of(a.summary().runFolder());
        Path runB = Path.of(b.summary().runFolder());
        JsonNode sa = JSON.readTree(runA.resolve("summary.json").toFile());
        JsonNode sb = JSON.readTree(runB.resolve("summary.json").toFile());
        assertThat(sb.get("evaluation")).isEqualTo(sa.get("evaluation"));
        assertThat(sb.get("sizing").get("learned")).isEqualTo(sa.get("sizing").get("learned"));
        for (String file : List.of("trades.csv", "shadow_trades.csv", "equity.csv", "folds.csv",
                TrainPipeline.SIZING_Q_TABLE)) {
            assertThat(Files.readAllBytes(runB.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(runA.resolve(file)));
        }
        assertThat(withoutSps(b.trainer().metrics())).isEqualTo(withoutSps(a.trainer().metrics()));
        float[] pa = a.trainer().model().get(PpoPolicyTrainer.NETWORK).params().toFloatVector();
        float[] pb = b.trainer().model().get(PpoPolicyTrainer.NETWORK).params().toFloatVector();
        assertThat(pa.length).isPositive();
        assertThat(pb).containsExactly(pa);
        assertThat(saved(b.summary())).containsExactly(saved(a.summary()));
    }

    /** The parameters of the network saved under models/&lt;run-id&gt;/. */
    private static float[] saved(TrainSummary summary) {
        Path folder = Path.of(summary.modelFolder());
        return new ModelStore(folder.getParent(), Clock.systemUTC()).load(summary.runId())
                .graph(PpoPolicyTrainer.NETWORK).params().toFloatVector();
    }

    private static List<MetricsCsv.Row> withoutSps(List<MetricsCsv.Row> rows) {
        return rows.stream().map(r -> new MetricsCsv.Row(r.fold(), r.update(), r.globalStep(), r.policyLoss(),
                r.valueLoss(), r.entropy(), r.approxKl(), r.clipfrac(), r.explainedVariance(), 0, r.learningRate(),
                r.meanEpisodeReward(), r.episodes(), r.epochs())).toList();
    }
}
