package dev.shadowtrainer.features;

/** Volatility x trend regime from ATR, ADX and the efficiency ratio; see {@link AtrAdxRegimeDetector}. */
public enum AtrAdxRegime {
    LOW_VOL_TRENDING,
    HIGH_VOL_TRENDING,
    LOW_VOL_RANGING,
    HIGH_VOL_RANGING,
    /** Undefined: warm-up, NaN input or a data gap in the look-back window. */
    NEUTRAL;

    private static final AtrAdxRegime[] VALUES = values();

    /** The regime stored as {@code ordinal} in a detector's byte array. */
    public static AtrAdxRegime ofOrdinal(byte ordinal) {
        return VALUES[ordinal];
    }
}
