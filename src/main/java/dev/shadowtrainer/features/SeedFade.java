package dev.shadowtrainer.features;

/**
 * The warm-up rule for recursive smoothers (EMA, Wilder's moving average).
 *
 * <p>A smoother with weight {@code a} keeps {@code (1 - a)^k <= e^(-a k)} of its seed after
 * {@code k} bars, so after {@code k >= 6 / a} bars the seed weighs at most {@code e^-6 ~ 0.25%}.
 * That gives {@code 3 (n + 1)} bars for an EMA(n) ({@code a = 2 / (n + 1)}) and {@code 6 n} bars
 * for Wilder's average ({@code a = 1 / n}); both are at least three periods. Chained smoothers
 * (an average of an average) add their fade lengths. The pipeline then takes the larger of this
 * and ta4j's {@code getUnstableBars()}.
 */
final class SeedFade {
    private SeedFade() {
    }

    /** Bars until the seed of an EMA(n) (weight {@code 2 / (n + 1)}) has faded. */
    static int ema(int period) {
        requirePositive(period);
        return 3 * (period + 1);
    }

    /** Bars until the seed of Wilder's moving average (weight {@code 1 / n}) has faded. */
    static int wilder(int period) {
        requirePositive(period);
        return 6 * period;
    }

    private static void requirePositive(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, got " + period);
        }
    }
}
