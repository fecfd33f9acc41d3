package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionMaskTest {
    /**
     * Four actions; action 0 pays 1, the others nothing, so the policy learns to want action 0. Every other
     * step (per environment, by step parity) action 0 is masked, and on steps divisible by 3 action 3 is
     * masked too. The observation tells the parity. Counts every action taken and every masked one.
     */
    static final class MaskedEnv implements VectorEnv {
        private final int numEnvs;
        private final int[] steps;
        int maskedTaken;
        final long[] taken = new long[4];
        long zeroTakenWhenAllowed;
        long zeroAllowed;

        MaskedEnv(int numEnvs) {
            this.numEnvs = numEnvs;
            this.steps = new int[numEnvs];
        }

        @Override
        public int numEnvs() {
            return numEnvs;
        }

        @Override
        public int observationSize() {
            return 2;
        }

        @Override
        public int actionCount() {
            return 4;
        }

        private boolean allowed(int e, int action) {
            return !(action == 0 && steps[e] % 2 == 1) && !(action == 3 && steps[e] % 3 == 0);
        }

        private void observe(int e, float[] obs) {
            obs[e * 2] = steps[e] % 2;
            obs[e * 2 + 1] = steps[e] % 3 == 0 ? 1 : 0;
        }

        @Override
        public void reset(long seed, float[] observations) {
            for (int e = 0; e < numEnvs; e++) {
                steps[e] = e; // envs start out of phase
                observe(e, observations);
            }
        }

        @Override
        public void step(int[] actions, float[] observations, float[] rewards, boolean[] dones) {
            for (int e = 0; e < numEnvs; e++) {
                int a = actions[e];
                taken[a]++;
                if (!allowed(e, a)) {
                    maskedTaken++;
                }
                if (allowed(e, 0)) {
                    zeroAllowed++;
                    if (a == 0) {
                        zeroTakenWhenAllowed++;
                    }
                }
                rewards[e] = a == 0 ? 1f : 0f;
                steps[e]++;
                dones[e] = steps[e] % 20 == 0;
                observe(e, observations);
            }
        }

        @Override
        public boolean actionMask(boolean[] allowed) {
            for (int e = 0; e < numEnvs; e++) {
                for (int a = 0; a < 4; a++) {
                    allowed[e * 4 + a] = allowed(e, a);
                }
            }
            return true;
        }
    }

    @Test
    void aMaskedActionIsNeverSampledWhileTheAllowedOnesAreLearned() {
        PpoConfig config = new PpoConfig(5e-3, 8, 32, false, 0.9, 0.95, 4, 4, true, 0.2, true, 0.0, 0.5, 0.5,
                Double.NaN, new int[] {16}, 40 * 256);
        MaskedEnv env = new MaskedEnv(8);
        TrainingResult result = new PpoTrainer(config).train(env, 3, UpdateListener.NONE);

        assertThat(env.maskedTaken).isZero();
        long total = env.taken[0] + env.taken[1] + env.taken[2] + env.taken[3];
        assertThat(total).isEqualTo(40L * 256);
        assertThat(java.util.Arrays.stream(env.taken).min().orElseThrow()).isPositive();
        // the rewarded action, where allowed, ends up chosen most of the time
        assertThat((double) env.zeroTakenWhenAllowed / env.zeroAllowed).isGreaterThan(0.6);
        assertThat(result.updates()).allSatisfy(u -> assertThat(u.approxKl()).isFinite());

        // and the greedy policy respects the mask: with action 0 masked it picks another one
        boolean[] mask = {false, true, true, true};
        int[] action = new int[1];
        float[] probability = new float[1];
        result.model().greedy(new float[] {1, 0}, 1, mask, action, probability);
        assertThat(action[0]).isNotZero();
        assertThat(probability[0]).isPositive();
    }
}
