package dev.shadowtrainer.rl;

import java.util.Locale;

/**
 * Equity-curve slope (growth per step as a fraction of mean equity, {@link dev.shadowtrainer.features.EquitySlope})
 * in three buckets: FALLING s &lt; &minus;0.001, FLAT &minus;0.001 &le; s &le; 0.001 (both ends inclusive),
 * RISING s &gt; 0.001 (0.1% of equity per step).
 */
public enum SlopeBucket {
    FALLING, FLAT, RISING;

    public static final double THRESHOLD = 0.001;

    public static SlopeBucket of(double slope) {
        Buckets.requireNumber("equity slope", slope);
        if (slope < -THRESHOLD) {
            return FALLING;
        }
        return slope <= THRESHOLD ? FLAT : RISING;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
