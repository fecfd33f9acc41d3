package dev.shadowtrainer.rl;

import java.util.Locale;

/**
 * Portfolio exposure (open notional / equity, a fraction) in four buckets; outer thresholds strict, inner
 * boundaries in the bucket above:
 * <ul>
 * <li>LIGHT: e &lt; 0.30</li>
 * <li>MODERATE: 0.30 &le; e &lt; 0.60</li>
 * <li>HEAVY: 0.60 &le; e &le; 0.80</li>
 * <li>MAX: e &gt; 0.80</li>
 * </ul>
 */
public enum ExposureBucket {
    LIGHT, MODERATE, HEAVY, MAX;

    public static ExposureBucket of(double exposure) {
        Buckets.requireNumber("exposure", exposure);
        if (exposure < 0.30) {
            return LIGHT;
        }
        if (exposure < 0.60) {
            return MODERATE;
        }
        return exposure <= 0.80 ? HEAVY : MAX;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
