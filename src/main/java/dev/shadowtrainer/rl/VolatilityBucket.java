package dev.shadowtrainer.rl;

import java.util.Locale;

/**
 * Volatility (sample std of one-bar returns, a fraction) in three buckets, the bands of the v2 sizing reward's
 * volatility adjustment: LOW v &lt; 0.01, NORMAL 0.01 &le; v &le; 0.03 (both ends inclusive), HIGH v &gt; 0.03.
 */
public enum VolatilityBucket {
    LOW, NORMAL, HIGH;

    public static VolatilityBucket of(double volatility) {
        Buckets.requireNumber("volatility", volatility);
        if (volatility < 0.01) {
            return LOW;
        }
        return volatility <= 0.03 ? NORMAL : HIGH;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
