package dev.shadowtrainer.agent.ppo;

/** Called on the training thread after every PPO update (for progress output or a metrics file). */
@FunctionalInterface
public interface UpdateListener {
    UpdateListener NONE = (stats, model) -> { };

    /**
     * @param stats the update just finished
     * @param model the network after it; valid only during the call (it keeps training afterwards)
     */
    void onUpdate(UpdateStats stats, ActorCritic model);

    /**
     * As {@link #onUpdate(UpdateStats, ActorCritic)}, with the training state after the update on demand
     * (for checkpoints; building it copies the parameters and moments, so ask only when saving). The state
     * is null when the training is too long to record its actions (over 2^31 steps).
     */
    default void onUpdate(UpdateStats stats, ActorCritic model, java.util.function.Supplier<PpoState> state) {
        onUpdate(stats, model);
    }
}
