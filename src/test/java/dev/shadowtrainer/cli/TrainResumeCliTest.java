package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --resume as a user meets it: one-line errors with exit codes, and the documented exit code 130. */
class TrainResumeCliTest {
    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    /** A short synthetic train run in the temp dir, plus {@code more} arguments. */
    private CliRun train(String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--source", "synthetic", "--days", "21", "--seed", "5"));
        for (String set : List.of("output.runs_dir=" + dir.resolve("runs"),
                "output.models_dir=" + dir.resolve("models"), "database.url=h2:" + dir.resolve("memory"),
                "training.rl_agent.num_envs=8",
                "training.rl_agent.num_steps=32", "training.rl_agent.num_minibatches=4",
                "training.rl_agent.total_timesteps=256", "evaluation.train_days=10", "evaluation.test_days=5",
                "evaluation.step_days=5")) {
            args.add("--set");
            args.add(set);
        }
        args.addAll(List.of(more));
        return CliRun.run(context, args.toArray(String[]::new));
    }

    @Test
    void resumingAnUnknownRunIsAOneLineUsageError() {
        CliRun r = train("--resume", "20250101T000000Z-btcusdt-15m");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("error: no run '20250101T000000Z-btcusdt-15m' under");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void resumingAFinishedRunSaysItHasNoCheckpoint() throws Exception {
        CliRun done = train("--json");
        assertThat(done.exitCode()).as(done.err()).isZero();
        String runId = new ObjectMapper().readTree(done.out()).get("runId").asText();
        assertThat(dir.resolve("runs").resolve(runId).resolve("checkpoint.bin")).doesNotExist();
        assertThat(Files.isDirectory(dir.resolve("runs").resolve(runId))).isTrue();

        CliRun r = train("--resume", runId);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("run " + runId + " has no checkpoint");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void helpDocumentsResumeAndTheInterruptExitCode() {
        CliRun root = CliRun.run(context, "--help");
        assertThat(root.out()).contains("130   interrupted by Ctrl-C after saving a checkpoint");
        CliRun train = CliRun.run(context, "train", "--help");
        assertThat(train.out()).contains("--resume=RUN-ID", "training.checkpoint_every", "130");
    }
}
