package dev.shadowtrainer.rl;

import java.util.List;

/**
 * A finished episode: the steps' states, actions and rewards in order, the total reward &Sigma; r_k and the
 * discounted return G = &Sigma; &gamma;^k r_k.
 */
public record Episode(String id, List<String> states, List<String> actions, double[] rewards, double totalReward,
                      double discountedReturn) {
    public Episode {
        states = List.copyOf(states);
        actions = List.copyOf(actions);
        rewards = rewards.clone();
    }

    public int steps() {
        return rewards.length;
    }

    @Override
    public double[] rewards() {
        return rewards.clone();
    }
}
