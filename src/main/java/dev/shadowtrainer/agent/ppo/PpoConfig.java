package dev.shadowtrainer.agent.ppo;

import java.util.Arrays;

/**
 * PPO hyperparameters under CleanRL's names (ppo.py), so a setting reads the same here as there.
 *
 * @param learningRate    Adam step size at the start (annealed linearly to 0 when annealLr)
 * @param numEnvs         environments stepped in lockstep
 * @param numSteps        steps per environment per rollout; batch = numEnvs * numSteps
 * @param annealLr        anneal the learning rate linearly to zero over the run
 * @param gamma           discount factor
 * @param gaeLambda       lambda of generalised advantage estimation
 * @param numMinibatches  minibatches per epoch; minibatch = batch / numMinibatches
 * @param updateEpochs    passes over each batch per update
 * @param normAdv         normalise advantages per minibatch
 * @param clipCoef        surrogate clipping coefficient
 * @param clipVloss       clip the value loss as in the PPO paper's implementation
 * @param entCoef         entropy bonus coefficient
 * @param vfCoef          value loss coefficient
 * @param maxGradNorm     global gradient norm clip
 * @param targetKl        stop the update's epochs early once approx_kl exceeds this; NaN = never
 * @param hiddenSizes     hidden layer widths of the actor and of the critic (tanh)
 * @param totalTimesteps  environment steps to train for (all environments together)
 */
public record PpoConfig(double learningRate, int numEnvs, int numSteps, boolean annealLr, double gamma,
                        double gaeLambda, int numMinibatches, int updateEpochs, boolean normAdv, double clipCoef,
                        boolean clipVloss, double entCoef, double vfCoef, double maxGradNorm, double targetKl,
                        int[] hiddenSizes, long totalTimesteps) {
    public PpoConfig {
        hiddenSizes = hiddenSizes.clone();
        if (numEnvs < 1 || numSteps < 1 || numMinibatches < 1 || updateEpochs < 1) {
            throw new IllegalArgumentException("num_envs, num_steps, num_minibatches and update_epochs must be >= 1");
        }
        if ((numEnvs * numSteps) % numMinibatches != 0) {
            throw new IllegalArgumentException("num_envs * num_steps (" + numEnvs * numSteps
                    + ") must be a multiple of num_minibatches (" + numMinibatches + ")");
        }
        if (hiddenSizes.length == 0 || Arrays.stream(hiddenSizes).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden sizes must be one or more widths >= 1");
        }
    }

    /**
     * The recommended settings: CleanRL's ppo.py defaults (gamma 0.99, GAE lambda 0.95, 4 epochs, clip 0.2
     * with value clipping, entropy 0.01, value 0.5, grad norm 0.5, no target KL, 64x64 tanh, lr annealed)
     * with two changes. 64 environments x 128 steps in 8 minibatches of 1024 instead of 4 x 128 in 4 of 128,
     * so one forward pass serves 64 environments and each minibatch amortises DL4J's per-call overhead
     * (cart-pole: about 140k rollout and 22k end-to-end steps/s on this 2-core machine). And lr 1e-3 instead
     * of 2.5e-4, because 16x larger batches give 32x fewer Adam steps per sample: on cart-pole 2.5e-4 was
     * still near 300 after 1M steps, 1e-3 reached 500 by about 500k (16 minibatches of 512: by 164k, at
     * about 16k steps/s).
     */
    public static PpoConfig defaults(long totalTimesteps) {
        return new PpoConfig(1e-3, 64, 128, true, 0.99, 0.95, 8, 4, true, 0.2, true, 0.01, 0.5, 0.5, Double.NaN,
                new int[] {64, 64}, totalTimesteps);
    }

    public int batchSize() {
        return numEnvs * numSteps;
    }

    public int minibatchSize() {
        return batchSize() / numMinibatches;
    }

    /** Updates in a run: total timesteps over the batch size, at least one. */
    public int numUpdates() {
        return (int) Math.max(1, totalTimesteps / batchSize());
    }

    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PpoConfig p && learningRate == p.learningRate && numEnvs == p.numEnvs
                && numSteps == p.numSteps && annealLr == p.annealLr && gamma == p.gamma && gaeLambda == p.gaeLambda
                && numMinibatches == p.numMinibatches && updateEpochs == p.updateEpochs && normAdv == p.normAdv
                && clipCoef == p.clipCoef && clipVloss == p.clipVloss && entCoef == p.entCoef && vfCoef == p.vfCoef
                && maxGradNorm == p.maxGradNorm && Double.compare(targetKl, p.targetKl) == 0
                && Arrays.equals(hiddenSizes, p.hiddenSizes) && totalTimesteps == p.totalTimesteps;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(learningRate) * 31 + Arrays.hashCode(hiddenSizes) + Long.hashCode(totalTimesteps);
    }
}
