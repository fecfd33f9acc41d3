package dev.shadowtrainer.agent.ppo;

/**
 * Many environments stepped in lockstep, so that one batched forward pass of the policy serves all of
 * them at every step. Arrays are row-major with one row per environment and are owned by the caller;
 * an implementation writes into them and keeps no reference.
 *
 * <p>An environment whose episode ends in a step resets itself in that same step: the observation
 * written for it is the first one of its next episode, and {@code dones} is true for it (CleanRL's
 * convention for vectorised environments). Rewards may use information that arrives after the
 * decision; observations never do.
 */
public interface VectorEnv {
    int numEnvs();

    /** Values per observation row. */
    int observationSize();

    /** Discrete actions per environment, numbered 0 .. actionCount() - 1. */
    int actionCount();

    /** Starts every environment's first episode and writes the observations, [numEnvs x observationSize]. */
    void reset(long seed, float[] observations);

    /**
     * Applies one action per environment and writes the next observations, the rewards of the actions,
     * and whether each episode ended (the environment then has already reset).
     */
    void step(int[] actions, float[] observations, float[] rewards, boolean[] dones);

    /**
     * Writes which actions are allowed now, [numEnvs x actionCount], true = allowed, and returns true;
     * or returns false (the default) when every action is always allowed. Called after reset and after
     * every step, for the observations just written.
     */
    default boolean actionMask(boolean[] allowed) {
        return false;
    }
}
