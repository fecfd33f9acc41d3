package dev.shadowtrainer.features;

/** Trend / range regime from the n-bar move and the typical n-bar move; see {@link TrendRegimeDetector}. */
public enum TrendRegime {
    TREND,
    BREAKOUT,
    RANGE,
    MEAN_REVERSION,
    /** No rule matched, or undefined: warm-up, NaN input or a data gap in the look-back window. */
    NEUTRAL;

    private static final TrendRegime[] VALUES = values();

    /** The regime stored as {@code ordinal} in a detector's byte array. */
    public static TrendRegime ofOrdinal(byte ordinal) {
        return VALUES[ordinal];
    }
}
