package dev.shadowtrainer.rl;

/**
 * Statistics over the finished episodes an {@link EpisodeTracker} keeps (the latest, at most its cap).
 *
 * @param finished               episodes finished since the tracker started (kept or not)
 * @param kept                   episodes the statistics are over
 * @param meanReward             mean over kept episodes of the total reward &Sigma; r_k
 * @param meanDiscountedReturn   mean over kept episodes of G = &Sigma; &gamma;^k r_k
 * @param meanSteps              mean steps per kept episode
 */
public record EpisodeStats(long finished, int kept, double meanReward, double meanDiscountedReturn,
                           double meanSteps) {
}
