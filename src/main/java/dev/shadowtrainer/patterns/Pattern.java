package dev.shadowtrainer.patterns;

import dev.shadowtrainer.memory.Embedding;
import java.util.Objects;

/**
 * One pattern of the library: a cluster of similar entry set-ups and how the trades in it went.
 *
 * @param id                index of the pattern in its library (0-based)
 * @param centroid          unit vector of {@link Embedding#DIMENSION} floats, the members' mean direction
 * @param members           trades in the pattern
 * @param wins              of them, winners
 * @param winRate           wins / members
 * @param winRateLowerBound Wilson 95% lower bound of the win rate, the ranking key: a high rate on few
 *                          trades ranks below a slightly lower rate on many
 * @param meanPnlPercent    mean pnl % per trade after costs
 * @param sharpe            mean / sample standard deviation of the members' pnl % per trade; 0 with fewer
 *                          than 2 members or no spread
 * @param profitFactor      sum of positive pnl % / |sum of negative pnl %|; null when no trade lost
 * @param sizeMultiplier    the size the pattern's edge supports (see {@link PatternStatistics})
 * @param takeProfitBps     suggested take profit: the median MFE of the winners
 * @param stopLossBps       suggested stop loss: the 90th percentile of the winners' adverse excursion, so
 *                          nine in ten winners would have survived it
 * @param drift             the win-rate inversion test; null when the pattern is not trusted
 * @param trusted           members &ge; memory.min_pattern_occurrences
 * @param status            BLACKLISTED when trusted and its win rate inverted ({@link WinRateDrift})
 */
public record Pattern(int id, float[] centroid, int members, int wins, double winRate, double winRateLowerBound,
                      double meanPnlPercent, double sharpe, Double profitFactor, double sizeMultiplier,
                      double takeProfitBps, double stopLossBps, WinRateDrift drift, boolean trusted,
                      PatternStatus status) {
    public Pattern {
        Objects.requireNonNull(centroid, "centroid is null");
        Objects.requireNonNull(status, "status is null");
        if (centroid.length != Embedding.DIMENSION) {
            throw new IllegalArgumentException("centroid of " + centroid.length + " floats, expected "
                    + Embedding.DIMENSION);
        }
        if (members < 1 || wins < 0 || wins > members) {
            throw new IllegalArgumentException("pattern " + id + ": " + wins + " wins of " + members + " members");
        }
        if (status == PatternStatus.BLACKLISTED && !trusted) {
            throw new IllegalArgumentException("pattern " + id + " is blacklisted but not trusted");
        }
        centroid = centroid.clone();
    }

    @Override
    public float[] centroid() {
        return centroid.clone();
    }

    /** The centroid without copying, for the library's look-ups. */
    float centroid(int i) {
        return centroid[i];
    }

    public boolean blacklisted() {
        return status == PatternStatus.BLACKLISTED;
    }
}
