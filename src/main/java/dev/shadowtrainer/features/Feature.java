package dev.shadowtrainer.features;

import java.util.List;
import java.util.Objects;

/**
 * The standard feature set, in column order; {@link #ordinal()} is the column index in a
 * {@link FeatureMatrix} built by {@link FeaturePipeline}. Names are stable: saved models refer to them.
 *
 * <p>Warm-ups: a window of n bars needs n - 1 earlier bars (n for anything built on returns); a
 * recursive smoother needs {@link SeedFade} bars for its seed to fade, chained smoothers add up.
 * The pipeline raises a warm-up further if ta4j declares more unstable bars.
 */
public enum Feature {
    /** ln(close_i / close_{i-1}). */
    LOG_RETURN_1("log_return_1", 1),
    /** ln(close_i / close_{i-4}). */
    LOG_RETURN_4("log_return_4", 4),
    /** ln(close_i / close_{i-16}). */
    LOG_RETURN_16("log_return_16", 16),
    /** ln(close_i / close_{i-48}). */
    LOG_RETURN_48("log_return_48", 48),
    /** Wilder's RSI(14) / 100, in [0, 1]. */
    RSI_14("rsi_14", SeedFade.wilder(Periods.RSI)),
    /** ATR(14) / close as a fraction (0.02 is 2 %). */
    ATR_REL_14("atr_rel_14", SeedFade.wilder(Periods.ATR)),
    /** ADX(14) / 100, in [0, 1]; two chained Wilder averages (DI, then ADX). */
    ADX_14("adx_14", 2 * SeedFade.wilder(Periods.ADX)),
    /** ema12_i / ema12_{i-1} - 1. */
    EMA_SLOPE_12("ema_slope_12", SeedFade.ema(Periods.EMA_FAST) + 1),
    /** ema26_i / ema26_{i-1} - 1. */
    EMA_SLOPE_26("ema_slope_26", SeedFade.ema(Periods.EMA_SLOW) + 1),
    /** ema50_i / ema50_{i-1} - 1. */
    EMA_SLOPE_50("ema_slope_50", SeedFade.ema(Periods.EMA_TREND) + 1),
    /** close / ema12 - 1. */
    EMA_DISTANCE_12("ema_distance_12", SeedFade.ema(Periods.EMA_FAST)),
    /** close / ema26 - 1. */
    EMA_DISTANCE_26("ema_distance_26", SeedFade.ema(Periods.EMA_SLOW)),
    /** close / ema50 - 1. */
    EMA_DISTANCE_50("ema_distance_50", SeedFade.ema(Periods.EMA_TREND)),
    /** Bollinger(20, 2) %B: (close - lower) / (upper - lower), population standard deviation. */
    BOLLINGER_PERCENT_B_20("bollinger_percent_b_20", Periods.BOLLINGER - 1),
    /** Bollinger(20, 2) width relative to the middle band: (upper - lower) / middle. */
    BOLLINGER_WIDTH_20("bollinger_width_20", Periods.BOLLINGER - 1),
    /** MACD(12, 26) line / close. */
    MACD_LINE("macd_line", SeedFade.ema(Periods.EMA_SLOW)),
    /** MACD signal line (EMA 9 of the MACD line) / close. */
    MACD_SIGNAL("macd_signal", SeedFade.ema(Periods.EMA_SLOW) + SeedFade.ema(Periods.MACD_SIGNAL)),
    /** (MACD line - signal) / close. */
    MACD_HISTOGRAM("macd_histogram", SeedFade.ema(Periods.EMA_SLOW) + SeedFade.ema(Periods.MACD_SIGNAL)),
    /** (volume - mean) / population std over the 20 bars ending at i; 0 when the std is 0. */
    VOLUME_Z_20("volume_z_20", Periods.VOLUME_Z - 1),
    /** Sample standard deviation (n - 1) of the 20 one-bar log returns ending at i. */
    REALISED_VOLATILITY_20("realised_volatility_20", Periods.REALISED_VOL),
    /** tanh(20 * (close_i / close_{i-5} - 1)), in (-1, 1). */
    MARKET_PRESSURE_5("market_pressure_5", Periods.PRESSURE),
    /** Kaufman efficiency ratio over 20 bars: |net change| / sum of |bar changes|, in [0, 1]. */
    TREND_STRENGTH_20("trend_strength_20", Periods.EFFICIENCY),
    /** sin(2 pi * time of day of the bar's open, UTC). */
    TIME_OF_DAY_SIN("time_of_day_sin", 0),
    /** cos(2 pi * time of day of the bar's open, UTC). */
    TIME_OF_DAY_COS("time_of_day_cos", 0),
    /** sin(2 pi * day of week / 7), Monday = 0, of the bar's open in UTC. */
    DAY_OF_WEEK_SIN("day_of_week_sin", 0),
    /** cos(2 pi * day of week / 7), Monday = 0, of the bar's open in UTC. */
    DAY_OF_WEEK_COS("day_of_week_cos", 0);

    private static final List<Feature> ALL = List.of(values());

    private final String columnName;
    private final int warmup;

    Feature(String columnName, int warmup) {
        this.columnName = Objects.requireNonNull(columnName, "columnName is null");
        this.warmup = warmup;
    }

    /** The stable column name. */
    public String columnName() {
        return columnName;
    }

    /** The warm-up by the seed-fade and window rules (ta4j may raise it in the matrix). */
    public int warmup() {
        return warmup;
    }

    /** Every feature in column order. */
    public static List<Feature> all() {
        return ALL;
    }

    public static int count() {
        return ALL.size();
    }
}
