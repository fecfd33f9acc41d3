package dev.shadowtrainer.rl;

import java.util.Locale;

/**
 * Trailing win rate (a fraction; 0.5 before any trade, see
 * {@link dev.shadowtrainer.features.TrailingWinRate}) in three buckets:
 * <ul>
 * <li>GOOD: w &gt; 0.60</li>
 * <li>NEUTRAL: 0.45 &le; w &le; 0.60 (both ends inclusive)</li>
 * <li>BAD: w &lt; 0.45</li>
 * </ul>
 */
public enum PerformanceBucket {
    GOOD, NEUTRAL, BAD;

    public static PerformanceBucket of(double winRate) {
        Buckets.requireNumber("win rate", winRate);
        if (winRate > 0.60) {
            return GOOD;
        }
        return winRate >= 0.45 ? NEUTRAL : BAD;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
