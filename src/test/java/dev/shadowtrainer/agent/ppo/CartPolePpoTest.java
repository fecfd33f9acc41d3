package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PPO learns to balance the pole: with seed 1 and 200,000 environment steps, the deterministic policy
 * (argmax of the logits) averages at least 475 over 20 evaluation episodes on environments it has not seen
 * (another reset seed). The hyperparameters follow rl-baselines3-zoo's tuned CartPole-v1 PPO (gamma 0.98,
 * GAE lambda 0.8, 1e-3 annealed, no entropy bonus) with 16 x 32 steps in 2 minibatches over 10 epochs.
 */
class CartPolePpoTest {
    static final int EVALUATION_EPISODES = 20;

    static PpoConfig cartPoleConfig(long totalTimesteps) {
        return new PpoConfig(1e-3, 16, 32, true, 0.98, 0.8, 2, 10, true, 0.2, false, 0.0, 0.5, 0.5, Double.NaN,
                new int[] {64, 64}, totalTimesteps);
    }

    /** Mean return of the greedy policy over the first episode of each of {@code episodes} environments. */
    static double evaluate(ActorCritic network, int episodes, long seed) {
        CartPoleEnv env = new CartPoleEnv(episodes);
        float[] obs = new float[episodes * env.observationSize()];
        env.reset(seed, obs);
        double[] returns = new double[episodes];
        boolean[] finished = new boolean[episodes];
        int[] actions = new int[episodes];
        float[] rewards = new float[episodes];
        boolean[] dones = new boolean[episodes];
        int running = episodes;
        while (running > 0) {
            network.greedy(obs, episodes, null, actions, null);
            env.step(actions, obs, rewards, dones);
            for (int e = 0; e < episodes; e++) {
                if (!finished[e]) {
                    returns[e] += rewards[e];
                    if (dones[e]) {
                        finished[e] = true;
                        running--;
                    }
                }
            }
        }
        double sum = 0;
        for (double r : returns) {
            sum += r;
        }
        return sum / episodes;
    }

    private static double meanReturn(List<UpdateStats> updates) {
        return updates.stream().mapToDouble(UpdateStats::meanEpisodicReturn).filter(r -> !Double.isNaN(r))
                .average().orElseThrow();
    }

    @Test
    void reachesMeanReturnOf475Within200kSteps() {
        PpoConfig config = cartPoleConfig(200_000);
        List<UpdateStats> seen = new ArrayList<>();
        long start = System.nanoTime();
        TrainingResult result = new PpoTrainer(config).train(new CartPoleEnv(config.numEnvs()), 1,
                (stats, model) -> seen.add(stats));
        double seconds = (System.nanoTime() - start) / 1e9;

        double meanReturn = evaluate(result.model(), EVALUATION_EPISODES, 4242);
        UpdateStats last = result.updates().get(result.updates().size() - 1);
        System.out.printf("cart-pole: greedy mean return %.1f over %d episodes after %d steps, %.1f s, %.0f SPS%n",
                meanReturn, EVALUATION_EPISODES, last.globalStep(), seconds, last.sps());

        assertThat(last.globalStep()).isLessThanOrEqualTo(200_000);
        assertThat(meanReturn).isGreaterThanOrEqualTo(475);
        assertThat(seen).isEqualTo(result.updates()); // the listener saw every update, in order
        assertThat(result.updates()).extracting(UpdateStats::update)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, config.numUpdates()).boxed()
                        .toList());
        // the returns of the sampled episodes rose too, and the learning rate annealed linearly from 1e-3
        List<UpdateStats> updates = result.updates();
        assertThat(meanReturn(updates.subList(updates.size() * 3 / 4, updates.size())))
                .isGreaterThan(2 * meanReturn(updates.subList(0, 20)));
        assertThat(result.updates().get(0).learningRate()).isEqualTo(1e-3);
        assertThat(last.learningRate()).isCloseTo(1e-3 / config.numUpdates(), org.assertj.core.api.Assertions.within(1e-12));
    }
}
