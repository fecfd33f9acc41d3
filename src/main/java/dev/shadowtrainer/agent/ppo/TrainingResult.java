package dev.shadowtrainer.agent.ppo;

import java.util.List;

/** A finished PPO training: the trained network and the stats of every update, in order. */
public record TrainingResult(ActorCritic model, List<UpdateStats> updates) {
    public TrainingResult {
        updates = List.copyOf(updates);
    }
}
