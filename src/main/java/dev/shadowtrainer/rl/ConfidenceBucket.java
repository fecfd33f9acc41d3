package dev.shadowtrainer.rl;

import java.util.Locale;

/**
 * Signal confidence (a fraction in [0, 1]) in five buckets. The outer thresholds are strict as the design
 * writes them (below 45%, above 85%); every inner boundary belongs to the bucket above it:
 * <ul>
 * <li>VERY_LOW: c &lt; 0.45</li>
 * <li>LOW: 0.45 &le; c &lt; 0.55</li>
 * <li>MEDIUM: 0.55 &le; c &lt; 0.70</li>
 * <li>HIGH: 0.70 &le; c &le; 0.85</li>
 * <li>VERY_HIGH: c &gt; 0.85</li>
 * </ul>
 */
public enum ConfidenceBucket {
    VERY_LOW, LOW, MEDIUM, HIGH, VERY_HIGH;

    public static ConfidenceBucket of(double confidence) {
        Buckets.requireNumber("confidence", confidence);
        if (confidence < 0.45) {
            return VERY_LOW;
        }
        if (confidence < 0.55) {
            return LOW;
        }
        if (confidence < 0.70) {
            return MEDIUM;
        }
        return confidence <= 0.85 ? HIGH : VERY_HIGH;
    }

    /** Lower-case name used in state keys, e.g. {@code very_high}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
