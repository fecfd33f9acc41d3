package dev.shadowtrainer.agent.ppo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PPO with the clipped surrogate objective for discrete actions, step for step CleanRL's ppo.py:
 * rollouts of num_steps lockstep steps over all environments (one batched forward pass per step, see
 * {@link Rollout}), GAE(lambda) with bootstrapping on the value after the last step, then update_epochs
 * passes over the batch in seeded shuffled minibatches; per minibatch the loss of {@link PpoLoss} (its
 * gradient with respect to logits and values is fed back through the graph with
 * {@link ComputationGraph#backpropGradient}), a global gradient-norm clip and Adam ({@link PpoOptimizer});
 * the learning rate anneals linearly to 0 over the run when anneal_lr; the epochs stop early once the last
 * minibatch's approx_kl exceeds target_kl (checked after each epoch, as CleanRL; NaN = never).
 *
 * <p><b>Action masks.</b> When the environment supplies masks, disallowed actions get probability 0 when
 * sampling, the masks are stored with the rollout, and the update recomputes log-probabilities and
 * entropy under the same masks (disallowed logits replaced by a large negative constant), so the ratio
 * compares the same masked policy before and after, and no gradient pushes on actions that could not be
 * taken.
 *
 * <p><b>Reproducibility.</b> The seed (never 0) drives the network initialisation, the environments'
 * reset, the action sampling and the minibatch shuffles (independent {@link SplittableRandom} streams
 * split from it). ND4J runs single-threaded in float32 ({@link Nd4jSettings}), so the same seed, the same
 * environment and the same config give bit-identical parameters and stats (all but sps) on one machine.
 */
public final class PpoTrainer {
    /** Most actions recorded per training (one byte each) for checkpoints. */
    static final long MAX_LOG = Integer.MAX_VALUE - 16;

    private final PpoConfig config;

    public PpoTrainer(PpoConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    public PpoConfig config() {
        return config;
    }

    /**
     * Trains a new network on the environment for config.numUpdates() updates.
     *
     * @param env  must have config.numEnvs() environments
     * @param seed any value but 0
     */
    public TrainingResult train(VectorEnv env, long seed, UpdateListener listener) {
        return train(env, seed, null, listener);
    }

    /**
     * As {@link #train(VectorEnv, long, UpdateListener)}, continuing from {@code from} (null: from the
     * start) made by an earlier training with the same environment, seed and config: the environments are
     * reset and replayed with the recorded actions, the streams drawn from as often as before, and the
     * network and Adam set to the saved values, so the updates after {@code from.update()} are bit for bit
     * those of a training that never stopped. The listener hears only those.
     */
    public TrainingResult train(VectorEnv env, long seed, PpoState from, UpdateListener listener) {
        checkSeed(seed);
        Objects.requireNonNull(listener, "listener is null");
        if (env.numEnvs() != config.numEnvs()) {
            throw new IllegalArgumentException("the environment has " + env.numEnvs() + " environments, num_envs is "
                    + config.numEnvs());
        }
        SplittableRandom root = new SplittableRandom(seed);
        long networkSeed = nonZero(root.nextLong());
        long envSeed = root.nextLong();
        SplittableRandom sampling = root.split();
        SplittableRandom shuffling = root.split();

        ActorCritic network = ActorCritic.create(env.observationSize(), env.actionCount(), config.hiddenSizes(),
                networkSeed);
        Rollout rollout = new Rollout(env, config.numSteps(), envSeed, sampling);
        Update update = new Update(network, rollout);
        int numUpdates = config.numUpdates();
        int batch = config.batchSize();
        // The action log a checkpoint replays; a fold of more steps than an array holds keeps none (its
        // checkpoints then restart the fold, see UpdateListener).
        long steps = (long) numUpdates * batch;
        byte[] actions = steps <= MAX_LOG ? new byte[(int) steps] : null;
        int[] epochs = new int[numUpdates];
        int first = 1;
        if (from != null) {
            first = resume(from, network, rollout, update, shuffling, actions, epochs) + 1;
        }
        List<UpdateStats> history = new ArrayList<>(numUpdates);
        long globalStep = (long) (first - 1) * batch;
        long start = System.nanoTime();
        long stepsBefore = globalStep;
        for (int u = first; u <= numUpdates; u++) {
            double learningRate = config.annealLr()
                    ? (1.0 - (u - 1.0) / numUpdates) * config.learningRate() : config.learningRate();
            globalStep += rollout.collect(network);
            if (actions != null) {
                rollout.recordActions(actions, (u - 1) * batch);
            }
            UpdateStats stats = update.run(u, globalStep, learningRate, shuffling);
            epochs[u - 1] = stats.epochs();
            double seconds = (System.nanoTime() - start) / 1e9;
            stats = new UpdateStats(stats.update(), stats.globalStep(), stats.learningRate(), stats.policyLoss(),
                    stats.valueLoss(), stats.entropy(), stats.oldApproxKl(), stats.approxKl(), stats.clipFraction(),
                    stats.explainedVariance(), stats.epochs(), stats.episodesFinished(), stats.meanEpisodicReturn(),
                    (globalStep - stepsBefore) / seconds);
            history.add(stats);
            int done = u;
            listener.onUpdate(stats, network, () -> actions == null ? null : new PpoState(done, network.params(),
                    update.optimizer.firstMoment(), update.optimizer.secondMoment(), update.optimizer.steps(),
                    Arrays.copyOf(actions, done * batch), Arrays.copyOf(epochs, done)));
        }
        return new TrainingResult(network, history);
    }

    /** Brings a fresh training to {@code from}; returns the updates it stands after. */
    private int resume(PpoState from, ActorCritic network, Rollout rollout, Update update,
                       SplittableRandom shuffling, byte[] actions, int[] epochs) {
        int batch = config.batchSize();
        if (from.update() > config.numUpdates() || from.actions().length != from.update() * batch
                || from.params().length != network.numParams()) {
            throw new IllegalArgumentException("the saved state (" + from.update() + " updates, "
                    + from.actions().length + " actions, " + from.params().length + " parameters) does not fit this "
                    + "training (" + config.numUpdates() + " updates of " + batch + " steps, " + network.numParams()
                    + " parameters)");
        }
        int[] scratch = new int[batch];
        for (int u = 0; u < from.update(); u++) {
            rollout.replay(from.actions(), u * batch);
            for (int e = 0; e < from.epochs()[u]; e++) {
                shuffle(scratch, shuffling); // the stream's draws do not depend on the values shuffled
            }
        }
        if (actions == null) {
            throw new IllegalArgumentException("this training records no actions, so it cannot continue from a state");
        }
        System.arraycopy(from.actions(), 0, actions, 0, from.actions().length);
        System.arraycopy(from.epochs(), 0, epochs, 0, from.update());
        network.setParams(from.params());
        update.optimizer.restore(from.firstMoment(), from.secondMoment(), from.adamSteps());
        return from.update();
    }

    /** Environment steps and wall time of rollouts run without updates. */
    public record RolloutRun(long envSteps, long nanos) {
        public double stepsPerSecond() {
            return envSteps / (nanos / 1e9);
        }
    }

    /**
     * Runs {@code rollouts} rollouts of config.numSteps() steps on the environment with a fresh network
     * built from the seed, without updates (for benchmarks). Any number of environments; the network is
     * built and the environment reset before the clock starts.
     */
    public RolloutRun rolloutOnly(VectorEnv env, long seed, int rollouts) {
        checkSeed(seed);
        SplittableRandom root = new SplittableRandom(seed);
        ActorCritic network = ActorCritic.create(env.observationSize(), env.actionCount(), config.hiddenSizes(),
                nonZero(root.nextLong()));
        Rollout rollout = new Rollout(env, config.numSteps(), root.nextLong(), root.split());
        long steps = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rollouts; i++) {
            steps += rollout.collect(network);
        }
        return new RolloutRun(steps, System.nanoTime() - start);
    }

    static void checkSeed(long seed) {
        if (seed == 0) {
            throw new IllegalArgumentException("seed must not be 0 (DL4J treats 0 as no seed)");
        }
    }

    private static long nonZero(long seed) {
        return seed == 0 ? 1 : seed;
    }

    /** The update phase: GAE, then epochs of shuffled minibatches; owns the minibatch buffers. */
    private final class Update {
        private final ComputationGraph graph;
        private final Rollout rollout;
        private final PpoOptimizer optimizer;
        private final int batch;
        private final int minibatch;
        private final int obsSize;
        private final int actions;
        private final float[] advantages;
        private final float[] returns;
        private final int[] indices;
        private final float[] mbObs;
        private final float[] mbOneHot;
        private final float[] mbAllowed;
        private final float[] mbLogProbs;
        private final float[] mbAdvantages;
        private final float[] mbReturns;
        private final float[] mbValues;
        // The same minibatch data as ND4J arrays, made once and overwritten per minibatch.
        private final INDArray obsArray;
        private final INDArray oneHotArray;
        private final INDArray allowedArray;
        private final INDArray logProbArray;
        private final INDArray advantageArray;
        private final INDArray returnArray;
        private final INDArray valueArray;

        Update(ActorCritic network, Rollout rollout) {
            this.graph = network.graph();
            this.rollout = rollout;
            this.optimizer = new PpoOptimizer(graph.params(), config.maxGradNorm());
            this.batch = config.batchSize();
            this.minibatch = config.minibatchSize();
            this.obsSize = rollout.observationSize;
            this.actions = rollout.actionCount;
            advantages = new float[batch];
            returns = new float[batch];
            indices = new int[batch];
            mbObs = new float[minibatch * obsSize];
            mbOneHot = new float[minibatch * actions];
            mbAllowed = rollout.masked ? new float[minibatch * actions] : null;
            mbLogProbs = new float[minibatch];
            mbAdvantages = new float[minibatch];
            mbReturns = new float[minibatch];
            mbValues = new float[minibatch];
            obsArray = matrix(obsSize);
            oneHotArray = matrix(actions);
            allowedArray = rollout.masked ? matrix(actions) : null;
            logProbArray = matrix(1);
            advantageArray = matrix(1);
            returnArray = matrix(1);
            valueArray = matrix(1);
        }

        UpdateStats run(int update, long globalStep, double learningRate, SplittableRandom shuffling) {
            Gae.compute(rollout.rewards, rollout.values, rollout.dones, rollout.nextValues, rollout.nextDones,
                    rollout.numSteps, rollout.numEnvs, config.gamma(), config.gaeLambda(), advantages, returns);
            for (int i = 0; i < batch; i++) {
                indices[i] = i;
            }
            PpoLoss.Result last = null;
            double clipFractionSum = 0;
            int minibatches = 0;
            int epochs = 0;
            for (int epoch = 0; epoch < config.updateEpochs(); epoch++) {
                shuffle(indices, shuffling);
                for (int start = 0; start < batch; start += minibatch) {
                    last = trainMinibatch(start, learningRate);
                    clipFractionSum += last.clipFraction();
                    minibatches++;
                }
                epochs++;
                if (last.approxKl() > config.targetKl()) { // false for NaN: never stops
                    break;
                }
            }
            return new UpdateStats(update, globalStep, learningRate, last.policyLoss(), last.valueLoss(),
                    last.entropy(), last.oldApproxKl(), last.approxKl(), clipFractionSum / minibatches,
                    explainedVariance(rollout.values, returns), epochs, rollout.finishedEpisodes(),
                    rollout.meanFinishedReturn(), 0);
        }

        private PpoLoss.Result trainMinibatch(int start, double learningRate) {
            Arrays.fill(mbOneHot, 0f);
            for (int k = 0; k < minibatch; k++) {
                int i = indices[start + k];
                System.arraycopy(rollout.observations, i * obsSize, mbObs, k * obsSize, obsSize);
                mbOneHot[k * actions + rollout.actions[i]] = 1f;
                if (mbAllowed != null) {
                    for (int a = 0; a < actions; a++) {
                        mbAllowed[k * actions + a] = rollout.allowed[i * actions + a] ? 1f : 0f;
                    }
                }
                mbLogProbs[k] = rollout.logProbs[i];
                mbAdvantages[k] = advantages[i];
                mbReturns[k] = returns[i];
                mbValues[k] = rollout.values[i];
            }
            ActorCritic.fill(obsArray, mbObs, mbObs.length);
            ActorCritic.fill(oneHotArray, mbOneHot, mbOneHot.length);
            if (mbAllowed != null) {
                ActorCritic.fill(allowedArray, mbAllowed, mbAllowed.length);
            }
            ActorCritic.fill(logProbArray, mbLogProbs, minibatch);
            ActorCritic.fill(advantageArray, mbAdvantages, minibatch);
            ActorCritic.fill(returnArray, mbReturns, minibatch);
            ActorCritic.fill(valueArray, mbValues, minibatch);
            PpoLoss.Result result;
            // DL4J's feedForward must run outside any workspace (it checks); its outputs are detached arrays.
            var activations = graph.feedForward(new INDArray[] {obsArray}, true, false);
            try (MemoryWorkspace ignored = Nd4jSettings.scratch()) {
                result = PpoLoss.compute(activations.get(ActorCritic.LOGITS), activations.get(ActorCritic.VALUE),
                        oneHotArray, allowedArray, logProbArray, advantageArray, returnArray, valueArray, config);
                graph.backpropGradient(result.logitsGradient(), result.valuesGradient());
            }
            optimizer.step(graph.getFlattenedGradients(), learningRate);
            release(activations);
            return result.withoutGradients();
        }

        /**
         * Frees the activations feedForward made outside any workspace (about 1.4 MB of native memory per
         * minibatch at the defaults) now rather than when the garbage collector finds their small Java
         * objects dead: until then they count in the resident set, which grew past 2.5 GB in a 120-day train
         * with a 1 GB heap. The layers drop their references first; the minibatch input, which this class
         * reuses, is kept.
         */
        private void release(java.util.Map<String, INDArray> activations) {
            graph.clearLayersStates();
            for (INDArray a : activations.values()) {
                if (a != obsArray && !a.isView() && a.closeable()) {
                    a.close();
                }
            }
        }

        private INDArray matrix(int columns) {
            return Nd4j.create(DataType.FLOAT, minibatch, columns);
        }
    }

    /** Fisher-Yates with the given stream. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** CleanRL's explained variance, population variances in double. */
    static double explainedVariance(float[] predicted, float[] actual) {
        int n = actual.length;
        double meanY = 0;
        double meanD = 0;
        for (int i = 0; i < n; i++) {
            meanY += actual[i];
            meanD += actual[i] - predicted[i];
        }
        meanY /= n;
        meanD /= n;
        double varY = 0;
        double varD = 0;
        for (int i = 0; i < n; i++) {
            double y = actual[i] - meanY;
            double d = actual[i] - predicted[i] - meanD;
            varY += y * y;
            varD += d * d;
        }
        return varY == 0 ? Double.NaN : 1 - varD / varY;
    }
}
