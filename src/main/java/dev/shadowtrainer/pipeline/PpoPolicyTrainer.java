package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.env.NetworkPolicy;
import dev.shadowtrainer.agent.env.PpoSetup;
import dev.shadowtrainer.agent.env.TradingVectorEnv;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.agent.ppo.PpoConfig;
import dev.shadowtrainer.agent.ppo.PpoState;
import dev.shadowtrainer.agent.ppo.PpoTrainer;
import dev.shadowtrainer.agent.ppo.TrainingResult;
import dev.shadowtrainer.agent.ppo.UpdateListener;
import dev.shadowtrainer.agent.ppo.UpdateStats;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.config.ShadowConfig.RlAgentConfig;
import dev.shadowtrainer.report.MetricsCsv;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Trains a fresh PPO agent on each fold's training window: {@code num_envs} lockstep environments play
 * episodes that start at seeded random bars inside [trainFrom, trainTo) and never reach past trainTo, so
 * the purge gap and the test window stay unseen. The trained network acts greedily (masked argmax) on
 * the test window. Every update is one row of metrics.csv; progress shows a bar over all folds' updates
 * and a short line every {@value #LINE_EVERY} updates and at the end of each fold.
 *
 * <p>With {@link Checkpoints}, every finished fold's network is kept for the checkpoint, the fold in
 * progress is saved after its updates as the checkpoints ask, and a resumed run takes the finished folds'
 * networks as they were (no training) and continues the fold in progress from its {@link PpoState}.
 */
public final class PpoPolicyTrainer implements PolicyTrainer {
    public static final String NAME = "ppo";
    /** The name of the saved network in models/&lt;run-id&gt;/. */
    public static final String NETWORK = "policy";
    static final int LINE_EVERY = 10;

    private final RlAgentConfig rl;
    private final PpoConfig ppo;
    private final double initialEquity;
    private final Progress progress;
    private final List<MetricsCsv.Row> metrics = new ArrayList<>();
    private final List<float[]> finished = new ArrayList<>();
    private int folds = 1;
    private ActorCritic last;
    private Checkpoints checkpoints = Checkpoints.NONE;
    /** Folds whose networks came from the checkpoint resumed from (their training is not repeated). */
    private int restoredFolds;

    /**
     * @param initialEquity equity each training episode starts with (that of the test windows)
     */
    public PpoPolicyTrainer(RlAgentConfig rl, double initialEquity, Progress progress) {
        this.rl = Objects.requireNonNull(rl, "rl is null");
        this.ppo = PpoSetup.ppoConfig(rl);
        this.initialEquity = initialEquity;
        this.progress = Objects.requireNonNull(progress, "progress is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void begin(List<Fold> planned) {
        folds = Math.max(1, planned.size());
    }

    @Override
    public void checkpointing(Checkpoints run) {
        this.checkpoints = Objects.requireNonNull(run, "run is null");
        finished.clear();
        restoredFolds = 0;
        RunCheckpoint restored = run.restored();
        if (restored != null) {
            if (restored.networks().size() != restored.fold()) {
                throw new ShadowTrainerException(ExitCodes.STORAGE, "the checkpoint holds "
                        + restored.networks().size() + " networks for " + restored.fold()
                        + " finished folds; it cannot be resumed, start a new run");
            }
            finished.addAll(restored.networks());
            restoredFolds = finished.size();
            metrics.addAll(restored.metrics());
        }
        run.source(() -> List.copyOf(finished), () -> List.copyOf(metrics));
    }

    @Override
    public Policy train(Simulator simulator, Fold fold, long seed) {
        RunCheckpoint restored = checkpoints.restored();
        if (fold.index() < restoredFolds) { // trained before the run was interrupted: as it was
            last = ActorCritic.create(simulator.stateDim(), Action.values().length, ppo.hiddenSizes(), seed);
            last.setParams(finished.get(fold.index()));
            progress.advance((long) ppo.numUpdates() * (fold.index() + 1), (long) ppo.numUpdates() * folds,
                    String.format(Locale.ROOT, "fold %d restored from the checkpoint", fold.index() + 1));
            return new NetworkPolicy(NAME, last);
        }
        PpoState from = restored != null && restored.fold() == fold.index() ? restored.inProgress() : null;
        int episodeBars = rl.episodeBars() > 0 ? rl.episodeBars() : fold.testBars();
        TradingVectorEnv env = PpoSetup.environment(simulator, rl, ppo.numEnvs(), fold.trainFrom(), fold.trainTo(),
                episodeBars, initialEquity);
        int updates = ppo.numUpdates();
        long total = (long) updates * folds;
        long before = (long) updates * fold.index();
        TrainingResult result = new PpoTrainer(ppo).train(env, seed, from, new UpdateListener() {
            @Override
            public void onUpdate(UpdateStats stats, ActorCritic model) {
                metrics.add(row(fold.index(), stats));
                String status = String.format(Locale.ROOT, "fold %d update %d/%d", fold.index() + 1, stats.update(),
                        updates);
                progress.advance(before + stats.update(), total, status);
                if (stats.update() % LINE_EVERY == 0 || stats.update() == updates) {
                    progress.note(line(fold.index(), updates, stats));
                }
            }

            @Override
            public void onUpdate(UpdateStats stats, ActorCritic model, Supplier<PpoState> state) {
                onUpdate(stats, model);
                checkpoints.afterUpdate(fold.index(), stats.update(), state);
            }
        });
        last = result.model();
        finished.add(last.params());
        return new NetworkPolicy(NAME, last);
    }

    @Override
    public List<MetricsCsv.Row> metrics() {
        return Collections.unmodifiableList(metrics);
    }

    @Override
    public Map<String, ComputationGraph> model() {
        return last == null ? Map.of() : Map.of(NETWORK, last.graph());
    }

    private static MetricsCsv.Row row(int fold, UpdateStats s) {
        return new MetricsCsv.Row(fold, s.update(), s.globalStep(), s.policyLoss(), s.valueLoss(), s.entropy(),
                s.approxKl(), s.clipFraction(), s.explainedVariance(), s.sps(), s.learningRate(),
                s.meanEpisodicReturn(), s.episodesFinished(), s.epochs());
    }

    static String line(int fold, int updates, UpdateStats s) {
        return String.format(Locale.ROOT,
                "  fold %d update %d/%d: step %,d, episode reward %s, entropy %.3f, approx_kl %.4f, clipfrac %.3f,"
                        + " explained variance %.2f, %,.0f steps/s",
                fold + 1, s.update(), updates, s.globalStep(),
                Double.isNaN(s.meanEpisodicReturn()) ? "-" : String.format(Locale.ROOT, "%.4f", s.meanEpisodicReturn()),
                s.entropy(), s.approxKl(), s.clipFraction(), s.explainedVariance(), s.sps());
    }
}
