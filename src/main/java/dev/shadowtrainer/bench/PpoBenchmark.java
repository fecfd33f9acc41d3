package dev.shadowtrainer.bench;

import dev.shadowtrainer.agent.ppo.PpoConfig;
import dev.shadowtrainer.agent.ppo.PpoTrainer;
import dev.shadowtrainer.agent.ppo.UpdateListener;
import dev.shadowtrainer.agent.ppo.VectorEnv;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Measures, in one run, what the PPO learner costs on an environment:
 *
 * <ol>
 *   <li><b>rollout SPS</b>: environment steps per second (all environments counted) of rollouts of
 *       num_envs lockstep environments with one batched forward pass per step, without updates;</li>
 *   <li><b>end-to-end SPS</b>: steps per second of a PPO training at the given settings, rollouts and
 *       updates together;</li>
 *   <li><b>naive SPS</b>: the same rollout code with ONE environment, so one forward pass per environment
 *       step, same network; and the speed-up of (1) over (3).</li>
 * </ol>
 *
 * Everything is warmed up first (JIT, ND4J workspaces, native libraries), then each case runs for at least
 * the measured time (end to end: whole updates until then). Each case gets a fresh environment from the
 * factory and a fresh network from the seed.
 */
public final class PpoBenchmark {
    static final double ROLLOUT_SPS_TARGET = 50_000;
    static final double END_TO_END_SPS_TARGET = 15_000;
    static final double SPEEDUP_TARGET = 10;

    private PpoBenchmark() {
    }

    /**
     * @param warmupSeconds   time spent warming up each case before measuring
     * @param measuredSeconds minimum measured time per case
     */
    public record Settings(double warmupSeconds, double measuredSeconds) {
        public Settings {
            if (!(warmupSeconds >= 0) || !(measuredSeconds > 0)) {
                throw new IllegalArgumentException("warm-up must be >= 0 s and measured time > 0 s");
            }
        }

        public static Settings defaults() {
            return new Settings(3, 5);
        }
    }

    /**
     * @param numEnvs      environments of the rollout and end-to-end cases
     * @param rolloutSps   (i) batched rollout steps per second
     * @param endToEndSps  (ii) training steps per second, updates included
     * @param naiveSps     (iii) one environment, one forward pass per step
     * @param speedup      rolloutSps / naiveSps
     */
    public record Result(int numEnvs, int numSteps, long rolloutSteps, double rolloutSps, long endToEndSteps,
                         double endToEndSps, long naiveSteps, double naiveSps, double speedup) {
        public boolean meetsTargets() {
            return rolloutSps >= ROLLOUT_SPS_TARGET && endToEndSps >= END_TO_END_SPS_TARGET
                    && speedup >= SPEEDUP_TARGET;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "num_envs=%d num_steps=%d: rollout %.0f SPS (%d steps), end-to-end %.0f SPS (%d steps),"
                            + " naive 1 env %.0f SPS (%d steps), rollout/naive %.1fx (targets %.0f / %.0f / %.0fx: %s)",
                    numEnvs, numSteps, rolloutSps, rolloutSteps, endToEndSps, endToEndSteps, naiveSps, naiveSteps,
                    speedup, ROLLOUT_SPS_TARGET, END_TO_END_SPS_TARGET, SPEEDUP_TARGET,
                    meetsTargets() ? "met" : "NOT met");
        }
    }

    public static Result run(IntFunction<VectorEnv> envFactory, PpoConfig config, long seed) {
        return run(envFactory, config, seed, Settings.defaults());
    }

    public static Result run(IntFunction<VectorEnv> envFactory, PpoConfig config, long seed, Settings settings) {
        return run(envFactory, config, seed, settings, line -> { });
    }

    /** As {@link #run(IntFunction, PpoConfig, long, Settings)}, telling {@code progress} which case runs. */
    public static Result run(IntFunction<VectorEnv> envFactory, PpoConfig config, long seed, Settings settings,
                             Consumer<String> progress) {
        Objects.requireNonNull(envFactory, "envFactory is null");
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(progress, "progress is null");
        PpoTrainer trainer = new PpoTrainer(config);
        int numEnvs = config.numEnvs();

        progress.accept("rollouts, " + numEnvs + " environments");
        Timed rollout = rollouts(trainer, envFactory, numEnvs, seed, settings);
        progress.accept("naive loop, 1 environment");
        Timed naive = rollouts(trainer, envFactory, 1, seed, settings);
        progress.accept("end to end, rollouts and updates");
        Timed endToEnd = endToEnd(envFactory, config, seed, settings);
        return new Result(numEnvs, config.numSteps(), rollout.steps, rollout.sps(), endToEnd.steps, endToEnd.sps(),
                naive.steps, naive.sps(), rollout.sps() / naive.sps());
    }

    /** Rollout SPS alone on config.numEnvs() environments, as the rollouts case of {@link #run} measures it. */
    public static double rolloutSps(IntFunction<VectorEnv> envFactory, PpoConfig config, long seed,
                                    Settings settings) {
        return rollouts(new PpoTrainer(config), envFactory, config.numEnvs(), seed, settings).sps();
    }

    /**
     * Rollouts as {@link #rolloutSps} measures them, and the share of the measured rollouts' time that
     * {@code counted} (a running total of nanoseconds, e.g. those spent inside one component) grew by
     * during them: both from the same run, side by side.
     */
    public static double rolloutShare(IntFunction<VectorEnv> envFactory, PpoConfig config, long seed,
                                      Settings settings, LongSupplier counted) {
        PpoTrainer trainer = new PpoTrainer(config);
        int measured = warmUp(trainer, envFactory, config.numEnvs(), seed, settings);
        VectorEnv env = envFactory.apply(config.numEnvs());
        long before = counted.getAsLong();
        PpoTrainer.RolloutRun run = trainer.rolloutOnly(env, seed, measured);
        return (double) (counted.getAsLong() - before) / run.nanos();
    }

    private record Timed(long steps, long nanos) {
        double sps() {
            return steps / (nanos / 1e9);
        }
    }

    /** Rollouts of config.numSteps() steps on numEnvs environments, no updates. */
    private static Timed rollouts(PpoTrainer trainer, IntFunction<VectorEnv> envFactory, int numEnvs, long seed,
                                  Settings settings) {
        int measured = warmUp(trainer, envFactory, numEnvs, seed, settings);
        PpoTrainer.RolloutRun run = trainer.rolloutOnly(envFactory.apply(numEnvs), seed, measured);
        return new Timed(run.envSteps(), run.nanos());
    }

    /** A probe rollout, then rollouts for the warm-up time; returns how many fill the measured time. */
    private static int warmUp(PpoTrainer trainer, IntFunction<VectorEnv> envFactory, int numEnvs, long seed,
                              Settings settings) {
        PpoTrainer.RolloutRun probe = trainer.rolloutOnly(envFactory.apply(numEnvs), seed, 1);
        double secondsPerRollout = Math.max(probe.nanos() / 1e9, 1e-6);
        int warmup = (int) Math.ceil(settings.warmupSeconds() / secondsPerRollout);
        if (warmup > 0) {
            PpoTrainer.RolloutRun run = trainer.rolloutOnly(envFactory.apply(numEnvs), seed, warmup);
            secondsPerRollout = run.nanos() / 1e9 / warmup;
        }
        return (int) Math.max(1, Math.ceil(settings.measuredSeconds() / secondsPerRollout));
    }

    /** Trainings at the given settings, as many whole updates as fill the time; timed as a whole. */
    private static Timed endToEnd(IntFunction<VectorEnv> envFactory, PpoConfig config, long seed, Settings settings) {
        long batch = config.batchSize();
        PpoConfig probeConfig = withTotalTimesteps(config, batch);
        long start = System.nanoTime();
        new PpoTrainer(probeConfig).train(envFactory.apply(config.numEnvs()), seed, UpdateListener.NONE);
        double secondsPerUpdate = Math.max((System.nanoTime() - start) / 1e9, 1e-6);
        long warmupUpdates = (long) Math.ceil(settings.warmupSeconds() / secondsPerUpdate);
        if (warmupUpdates > 0) {
            start = System.nanoTime();
            new PpoTrainer(withTotalTimesteps(config, warmupUpdates * batch))
                    .train(envFactory.apply(config.numEnvs()), seed, UpdateListener.NONE);
            secondsPerUpdate = (System.nanoTime() - start) / 1e9 / warmupUpdates;
        }
        long updates = (long) Math.max(1, Math.ceil(settings.measuredSeconds() / secondsPerUpdate));
        PpoConfig measured = withTotalTimesteps(config, updates * batch);
        start = System.nanoTime();
        new PpoTrainer(measured).train(envFactory.apply(config.numEnvs()), seed, UpdateListener.NONE);
        return new Timed(updates * batch, System.nanoTime() - start);
    }

    /** The same settings over another number of steps (the learning-rate schedule scales with it). */
    static PpoConfig withTotalTimesteps(PpoConfig c, long totalTimesteps) {
        return new PpoConfig(c.learningRate(), c.numEnvs(), c.numSteps(), c.annealLr(), c.gamma(), c.gaeLambda(),
                c.numMinibatches(), c.updateEpochs(), c.normAdv(), c.clipCoef(), c.clipVloss(), c.entCoef(),
                c.vfCoef(), c.maxGradNorm(), c.targetKl(), c.hiddenSizes(), totalTimesteps);
    }
}
