package dev.shadowtrainer.agent.ppo;

import java.util.Objects;

/**
 * Where a PPO training stands after {@code update} updates: everything {@link PpoTrainer} needs to carry
 * on as if it had never stopped. The network's parameters and Adam's moments and step count are stored;
 * the rest (the environments' episodes and positions, the sampling and shuffling streams, the running
 * episode returns) is rebuilt by replaying the environments with the recorded actions, which takes no
 * forward pass and no update, and drawing from the streams as often as the training did. So the state at
 * an update boundary needs no serialisation of the environments or of {@link java.util.SplittableRandom}.
 *
 * @param update       updates done, >= 1
 * @param params       the network's flattened parameters after that update
 * @param firstMoment  Adam's first moment, as params
 * @param secondMoment Adam's second moment, as params
 * @param adamSteps    optimiser steps taken (Adam's bias correction)
 * @param actions      every action taken so far, rollout after rollout, [update x num_steps x num_envs]
 * @param epochs       epochs run by each update (each one shuffled the batch once), [update]
 */
public record PpoState(int update, float[] params, float[] firstMoment, float[] secondMoment, long adamSteps,
                       byte[] actions, int[] epochs) {
    public PpoState {
        Objects.requireNonNull(params, "params is null");
        Objects.requireNonNull(firstMoment, "firstMoment is null");
        Objects.requireNonNull(secondMoment, "secondMoment is null");
        Objects.requireNonNull(actions, "actions is null");
        Objects.requireNonNull(epochs, "epochs is null");
        if (update < 1 || epochs.length != update) {
            throw new IllegalArgumentException("a state after " + update + " updates needs that many epoch counts, got "
                    + epochs.length);
        }
        if (firstMoment.length != params.length || secondMoment.length != params.length) {
            throw new IllegalArgumentException("Adam's moments must have as many values as the parameters");
        }
    }
}
