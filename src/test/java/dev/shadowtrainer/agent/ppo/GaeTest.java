package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaeTest {
    private static final double GAMMA = 0.9;
    private static final double LAMBDA = 0.8; // gamma * lambda = 0.72

    /**
     * Env 0: rewards 1..4, values 0.5..2.0, the observation of step 2 starts a new episode (so step 1 ended
     * one and must not bootstrap from step 2), the last observation continues (bootstrap 3.0). By hand:
     * t=3: 4 + 0.9*3 - 2 = 4.7; t=2: 3 + 0.9*2 - 1.5 = 3.3, + 0.72*4.7 = 6.684; t=1: 2 - 1 = 1.0 (no
     * bootstrap, no carry); t=0: 1 + 0.9*1 - 0.5 = 1.4, + 0.72*1.0 = 2.12. Env 1 (interleaved, row-major
     * [step x env]): rewards 1, values 0, no dones, final observation ended an episode (nextDone): deltas all 1,
     * advantages 1, 1.72, 2.2384, 2.611648 from the back.
     */
    @Test
    void matchesHandComputedValuesWithADoneInTheMiddle() {
        float[] rewards = {1, 1, 2, 1, 3, 1, 4, 1};
        float[] values = {0.5f, 0, 1.0f, 0, 1.5f, 0, 2.0f, 0};
        float[] dones = {0, 0, 0, 0, 1, 0, 0, 0};
        float[] nextValues = {3.0f, 5.0f};
        float[] nextDones = {0, 1};
        float[] advantages = new float[8];
        float[] returns = new float[8];

        Gae.compute(rewards, values, dones, nextValues, nextDones, 4, 2, GAMMA, LAMBDA, advantages, returns);

        double[] expectedEnv0 = {2.12, 1.0, 6.684, 4.7};
        double[] expectedEnv1 = {2.611648, 2.2384, 1.72, 1.0};
        for (int t = 0; t < 4; t++) {
            assertThat(advantages[t * 2]).as("env 0 step %d", t).isCloseTo((float) expectedEnv0[t], within(1e-5f));
            assertThat(advantages[t * 2 + 1]).as("env 1 step %d", t).isCloseTo((float) expectedEnv1[t], within(1e-5f));
            assertThat(returns[t * 2]).isCloseTo(advantages[t * 2] + values[t * 2], within(1e-6f));
            assertThat(returns[t * 2 + 1]).isCloseTo(advantages[t * 2 + 1], within(1e-6f));
        }
    }

    @Test
    void aFinishedLastStepDoesNotBootstrap() {
        float[] advantages = new float[2];
        float[] returns = new float[2];
        Gae.compute(new float[] {1, 1}, new float[] {0.5f, 0.25f}, new float[] {0, 0}, new float[] {100f},
                new float[] {1}, 2, 1, GAMMA, LAMBDA, advantages, returns);
        // t=1: 1 - 0.25 = 0.75; t=0: 1 + 0.9*0.25 - 0.5 = 0.725, + 0.72*0.75 = 1.265
        assertThat(advantages[1]).isCloseTo(0.75f, within(1e-6f));
        assertThat(advantages[0]).isCloseTo(1.265f, within(1e-6f));
        assertThat(returns[0]).isCloseTo(1.765f, within(1e-6f));
    }
}
