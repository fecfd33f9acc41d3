package dev.shadowtrainer.sim;

/**
 * Decides at each bar's close what to do, from the observation alone. The simulator runs any policy:
 * learned agents, rule-based baselines, a seeded random policy.
 */
public interface Policy {
    /** A short stable name for summaries, e.g. {@code sma-cross}. */
    String name();

    /** The action for the bar just closed. Called once per bar in time order. */
    Action decide(Observation observation);

    /** Confidence in [0, 1] of the last decision; entries below training.shadow_trading.min_confidence_threshold are skipped. */
    default double confidence() {
        return 1.0;
    }

    /** Called before a run starts, with the run's seed. */
    default void reset(long seed) {
    }
}
