package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.ppo.PpoState;
import dev.shadowtrainer.report.MetricsCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A run's checkpoints as its trainer sees them: the checkpoint it resumes from (if any), and the points
 * where it saves one: every {@code training.checkpoint_every} PPO updates, and wherever the run is
 * asked to stop ({@link RunInterrupt}), after which it throws {@link RunInterruptedException}.
 */
public final class Checkpoints {
    /** No checkpoints: nothing restored, nothing saved, never interrupted. */
    public static final Checkpoints NONE = new Checkpoints(null, "", Map.of(), Integer.MAX_VALUE, RunInterrupt.NEVER,
            null);

    private final Path file;
    private final String runId;
    private final Map<String, String> fingerprint;
    private final int every;
    private final RunInterrupt interrupt;
    private final RunCheckpoint restored;
    private Supplier<List<float[]>> networks = List::of;
    private Supplier<List<MetricsCsv.Row>> metrics = List::of;

    /**
     * @param file     where checkpoints go (runs/&lt;run-id&gt;/checkpoint.bin)
     * @param every    PPO updates between checkpoints, >= 1
     * @param restored the checkpoint the run resumes from, or null
     */
    public Checkpoints(Path file, String runId, Map<String, String> fingerprint, int every, RunInterrupt interrupt,
                       RunCheckpoint restored) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        this.file = file;
        this.runId = Objects.requireNonNull(runId, "runId is null");
        this.fingerprint = Map.copyOf(fingerprint);
        this.every = every;
        this.interrupt = Objects.requireNonNull(interrupt, "interrupt is null");
        this.restored = restored;
    }

    /** The checkpoint this run resumes from, or null for a fresh run. */
    public RunCheckpoint restored() {
        return restored;
    }

    /**
     * Where the trainer's share of a checkpoint comes from: the networks of its finished folds and its
     * metrics rows so far (the trainer calls this once, before the first fold).
     */
    public void source(Supplier<List<float[]>> finishedNetworks, Supplier<List<MetricsCsv.Row>> rows) {
        this.networks = Objects.requireNonNull(finishedNetworks, "finishedNetworks is null");
        this.metrics = Objects.requireNonNull(rows, "rows is null");
    }

    /** Before fold {@code fold} trains: stops the run (saving a checkpoint) if asked to. */
    public void beforeFold(int fold) {
        if (file != null && interrupt.requested(fold, 0)) {
            save(fold, null);
            throw new RunInterruptedException(runId, "before fold " + (fold + 1));
        }
    }

    /**
     * After the walk-forward's last fold: stops the run (saving a checkpoint with every fold's network, so a
     * resume only runs the test windows again and writes the outputs) if asked to.
     */
    public void afterWalkForward(int folds) {
        if (file != null && interrupt.requested(folds, 0)) {
            save(folds, null);
            throw new RunInterruptedException(runId, "after the walk-forward");
        }
    }

    /**
     * After update {@code update} (1-based) of fold {@code fold}: saves a checkpoint every {@code every}
     * updates, and saves one and stops the run if asked to. A null state (a training too long to replay)
     * saves the fold's start instead, so a resume trains that fold again from its beginning.
     */
    public void afterUpdate(int fold, int update, Supplier<PpoState> state) {
        if (file == null) {
            return;
        }
        boolean stop = interrupt.requested(fold, update);
        if (stop || update % every == 0) {
            save(fold, state.get());
        }
        if (stop) {
            throw new RunInterruptedException(runId, "after update " + update + " of fold " + (fold + 1));
        }
    }

    private void save(int fold, PpoState state) {
        new RunCheckpoint(fingerprint, fold, networks.get(), metrics.get(), state).write(file);
    }
}
