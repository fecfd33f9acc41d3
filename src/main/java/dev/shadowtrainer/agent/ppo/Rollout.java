package dev.shadowtrainer.agent.ppo;

import java.util.SplittableRandom;

/**
 * Collects one rollout of {@code numSteps} lockstep steps into primitive arrays, with ONE batched forward
 * pass of the network per step for all environments, then one more for the bootstrap values of the
 * observations after the last step. Arrays are row-major [step x env (x width)], so flat index
 * {@code step * numEnvs + env} is the sample's index in the batch.
 *
 * <p>Actions are sampled from the softmax of the logits over the allowed actions (disallowed ones get
 * probability 0 and are never drawn) with a seeded {@link SplittableRandom}: one uniform draw per
 * environment and step, inverse CDF in double precision. The stored log-probability is that of the
 * masked policy, which the update recomputes the same way (see {@link PpoLoss}).
 */
final class Rollout {
    final int numEnvs;
    final int numSteps;
    final int observationSize;
    final int actionCount;
    final boolean masked;

    final float[] observations;
    final int[] actions;
    final float[] logProbs;
    final float[] rewards;
    final float[] dones;
    final float[] values;
    /** [step x env x action], true = allowed; unused (null) when the environment does not mask. */
    final boolean[] allowed;
    final float[] nextValues;
    final float[] nextDones;

    private final VectorEnv env;
    private final SplittableRandom random;
    private final float[] nextObservations;
    private final boolean[] nextAllowed;
    private final int[] stepActions;
    private final float[] stepRewards;
    private final boolean[] stepDones;
    private final float[] stepLogits;
    private final float[] stepValues;
    private final double[] episodeReturns;
    private double finishedReturnSum;
    private int finishedEpisodes;

    Rollout(VectorEnv env, int numSteps, long resetSeed, SplittableRandom random) {
        this.env = env;
        this.random = random;
        this.numEnvs = env.numEnvs();
        this.numSteps = numSteps;
        this.observationSize = env.observationSize();
        this.actionCount = env.actionCount();
        int batch = numEnvs * numSteps;
        observations = new float[batch * observationSize];
        actions = new int[batch];
        logProbs = new float[batch];
        rewards = new float[batch];
        dones = new float[batch];
        values = new float[batch];
        nextValues = new float[numEnvs];
        nextDones = new float[numEnvs];
        nextObservations = new float[numEnvs * observationSize];
        stepActions = new int[numEnvs];
        stepRewards = new float[numEnvs];
        stepDones = new boolean[numEnvs];
        stepLogits = new float[numEnvs * actionCount];
        stepValues = new float[numEnvs];
        episodeReturns = new double[numEnvs];
        boolean[] mask = new boolean[numEnvs * actionCount];
        env.reset(resetSeed, nextObservations);
        masked = env.actionMask(mask);
        nextAllowed = masked ? mask : null;
        allowed = masked ? new boolean[batch * actionCount] : null;
    }

    /** Runs one rollout with the given network; returns the environment steps taken (all envs). */
    long collect(ActorCritic network) {
        finishedReturnSum = 0;
        finishedEpisodes = 0;
        int n = numEnvs;
        for (int t = 0; t < numSteps; t++) {
            int row = t * n;
            System.arraycopy(nextObservations, 0, observations, row * observationSize, n * observationSize);
            System.arraycopy(nextDones, 0, dones, row, n);
            if (masked) {
                System.arraycopy(nextAllowed, 0, allowed, row * actionCount, n * actionCount);
            }
            network.forward(nextObservations, n, stepLogits, stepValues);
            System.arraycopy(stepValues, 0, values, row, n);
            for (int e = 0; e < n; e++) {
                int action = sample(e, row + e);
                stepActions[e] = action;
                actions[row + e] = action;
            }
            step();
            System.arraycopy(stepRewards, 0, rewards, row, n);
        }
        network.forward(nextObservations, n, stepLogits, nextValues);
        return (long) n * numSteps;
    }

    /**
     * Plays one rollout again with the actions {@link #collect} took, read from {@code log} (as
     * {@link #recordActions} wrote them) at {@code offset}: the environments, the running episode returns
     * and the sampling stream (one draw per environment and step, as sampling makes whatever the logits)
     * end where they ended, without a forward pass. The batch arrays are left as they are: the next
     * update's rollout overwrites them anyway.
     */
    void replay(byte[] log, int offset) {
        finishedReturnSum = 0;
        finishedEpisodes = 0;
        int n = numEnvs;
        for (int t = 0; t < numSteps; t++) {
            for (int e = 0; e < n; e++) {
                random.nextDouble();
                stepActions[e] = log[offset + t * n + e] & 0xFF;
            }
            step();
        }
    }

    /** Writes the last rollout's actions, one byte each, into {@code log} at {@code offset}. */
    void recordActions(byte[] log, int offset) {
        if (actionCount > 256) {
            throw new IllegalStateException("cannot record " + actionCount + " actions in a byte each");
        }
        for (int i = 0; i < actions.length; i++) {
            log[offset + i] = (byte) actions[i];
        }
    }

    /** Steps the environments with stepActions and keeps the episode accounting. */
    private void step() {
        int n = numEnvs;
        env.step(stepActions, nextObservations, stepRewards, stepDones);
        for (int e = 0; e < n; e++) {
            episodeReturns[e] += stepRewards[e];
            if (stepDones[e]) {
                finishedReturnSum += episodeReturns[e];
                finishedEpisodes++;
                episodeReturns[e] = 0;
                nextDones[e] = 1f;
            } else {
                nextDones[e] = 0f;
            }
        }
        if (masked && !env.actionMask(nextAllowed)) {
            throw new IllegalStateException("the environment stopped supplying action masks");
        }
    }

    /** Samples env e's action from the masked softmax of its logits; stores its log-probability at index. */
    private int sample(int e, int index) {
        int base = e * actionCount;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actionCount; a++) {
            if (!masked || nextAllowed[base + a]) {
                max = Math.max(max, stepLogits[base + a]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("environment " + e + " allows no action");
        }
        double sum = 0;
        for (int a = 0; a < actionCount; a++) {
            if (!masked || nextAllowed[base + a]) {
                sum += Math.exp(stepLogits[base + a] - max);
            }
        }
        double u = random.nextDouble() * sum;
        int chosen = -1;
        double cumulative = 0;
        for (int a = 0; a < actionCount; a++) {
            if (!masked || nextAllowed[base + a]) {
                chosen = a; // the last allowed action absorbs rounding at the top of the CDF
                cumulative += Math.exp(stepLogits[base + a] - max);
                if (u < cumulative) {
                    break;
                }
            }
        }
        logProbs[index] = (float) (stepLogits[base + chosen] - max - Math.log(sum));
        return chosen;
    }

    int finishedEpisodes() {
        return finishedEpisodes;
    }

    double meanFinishedReturn() {
        return finishedEpisodes == 0 ? Double.NaN : finishedReturnSum / finishedEpisodes;
    }
}
