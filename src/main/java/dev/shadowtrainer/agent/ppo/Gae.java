package dev.shadowtrainer.agent.ppo;

/**
 * Generalised advantage estimation, CleanRL's recursion (ppo.py) on row-major [step x env] arrays, in
 * float like CleanRL's tensors:
 *
 * <pre>
 * for t = T-1 .. 0:
 *   nextNonTerminal = 1 - (t == T-1 ? nextDone : dones[t+1]);  nextValue = (t == T-1 ? nextValue : values[t+1])
 *   delta = rewards[t] + gamma * nextValue * nextNonTerminal - values[t]
 *   advantages[t] = lastGaeLam = delta + gamma * lambda * nextNonTerminal * lastGaeLam
 * returns = advantages + values
 * </pre>
 *
 * {@code dones[t]} says that the observation of step t is the first of a new episode (the step before
 * ended one); {@code nextDone}/{@code nextValue} are those of the observation after the last step, whose
 * value bootstraps the unfinished episodes.
 */
final class Gae {
    private Gae() {
    }

    static void compute(float[] rewards, float[] values, float[] dones, float[] nextValues, float[] nextDones,
                        int numSteps, int numEnvs, double gamma, double lambda, float[] advantages,
                        float[] returns) {
        float g = (float) gamma;
        float gl = (float) (gamma * lambda);
        for (int e = 0; e < numEnvs; e++) {
            float lastGaeLam = 0;
            for (int t = numSteps - 1; t >= 0; t--) {
                int i = t * numEnvs + e;
                float nextNonTerminal;
                float nextValue;
                if (t == numSteps - 1) {
                    nextNonTerminal = 1f - nextDones[e];
                    nextValue = nextValues[e];
                } else {
                    nextNonTerminal = 1f - dones[i + numEnvs];
                    nextValue = values[i + numEnvs];
                }
                float delta = rewards[i] + g * nextValue * nextNonTerminal - values[i];
                lastGaeLam = delta + gl * nextNonTerminal * lastGaeLam;
                advantages[i] = lastGaeLam;
                returns[i] = lastGaeLam + values[i];
            }
        }
    }
}
