package dev.shadowtrainer.pipeline;

/**
 * Asks a {@code train} run to stop at its next safe point: after a PPO update, or before a fold's
 * training. The run then saves a checkpoint and throws {@link RunInterruptedException}. Ctrl-C sets it
 * (see the train command); tests ask for a stop at a chosen update.
 */
@FunctionalInterface
public interface RunInterrupt {
    RunInterrupt NEVER = (fold, update) -> false;

    /**
     * @param fold   index of the fold being trained
     * @param update updates done in that fold (0: before its training starts)
     */
    boolean requested(int fold, int update);
}
