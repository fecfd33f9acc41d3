package dev.shadowtrainer.rl;

import java.time.Instant;

/**
 * The learner's settings and counters saved beside its table.
 *
 * @param learningRate    &alpha;
 * @param discount        &gamma; (unused by the bandit update of v1, saved for completeness)
 * @param explorationRate &epsilon; at save time
 * @param recentWinRate   trailing win rate of the learned-from trades (0.5 with none)
 * @param totalUpdates    value updates made
 * @param episodes        finished episodes (v2 agents; 0 for v1)
 * @param lastUpdated     time of the latest update, null before the first
 */
public record QMetadata(double learningRate, double discount, double explorationRate, double recentWinRate,
                        long totalUpdates, long episodes, Instant lastUpdated) {
}
