package dev.shadowtrainer.rl;

import java.util.Locale;

/**
 * Market pressure (in [&minus;1, 1], tanh of a scaled recent move; see {@link StateBuilderV2#marketPressure})
 * in three buckets: SELLING p &lt; &minus;0.33, BALANCED &minus;0.33 &le; p &le; 0.33 (both ends inclusive),
 * BUYING p &gt; 0.33.
 */
public enum PressureBucket {
    SELLING, BALANCED, BUYING;

    public static final double THRESHOLD = 0.33;

    public static PressureBucket of(double pressure) {
        Buckets.requireNumber("market pressure", pressure);
        if (pressure < -THRESHOLD) {
            return SELLING;
        }
        return pressure <= THRESHOLD ? BALANCED : BUYING;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
