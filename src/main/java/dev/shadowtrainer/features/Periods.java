package dev.shadowtrainer.features;

/** The look-back periods of the standard feature set, shared by {@link Feature} and the pipeline. */
final class Periods {
    static final int RSI = 14;
    static final int ATR = 14;
    static final int ADX = 14;
    static final int EMA_FAST = 12;
    static final int EMA_SLOW = 26;
    static final int EMA_TREND = 50;
    static final int MACD_SIGNAL = 9;
    static final int BOLLINGER = 20;
    static final double BOLLINGER_K = 2.0;
    static final int VOLUME_Z = 20;
    static final int REALISED_VOL = 20;
    static final int PRESSURE = 5;
    static final double PRESSURE_GAIN = 20.0;
    static final int EFFICIENCY = 20;

    private Periods() {
    }
}
