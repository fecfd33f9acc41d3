package dev.shadowtrainer.features;

import dev.shadowtrainer.market.CandleSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link CandleSeries} into a raw {@link FeatureMatrix} of the {@link Feature} set in one
 * pass: a ta4j pass on {@code DoubleNum} for RSI, ATR, ADX, EMA, MACD and Bollinger, then plain
 * loops over the candle arrays for the rest (no allocation per bar after the ta4j pass).
 *
 * <p>Bar i is usable when i is at least the matrix warm-up W (the largest column warm-up), every
 * value in its row is finite, and no filler bar lies in {@code [i - W, i]}, the longest look-back
 * window of any column; so no value is used that was computed across a data gap, and the effect
 * of a gap on recursive indicators has faded by the same rule as their seed ({@link SeedFade}).
 *
 * <p>Stateless and thread-safe: each call builds its own ta4j series.
 */
public final class FeaturePipeline {

    /** The columns this pipeline produces, with their warm-ups, in column order. */
    public List<FeatureColumn> columns() {
        return columns(null);
    }

    /** Computes every feature for every bar of the series; the value at bar i uses bars up to i only. */
    public FeatureMatrix featurise(CandleSeries candles) {
        Objects.requireNonNull(candles, "candles is null");
        int n = candles.size();
        int width = Feature.count();
        float[] values = new float[n * width];
        IndicatorColumns indicators = null;
        if (n > 0) {
            indicators = new IndicatorColumns(Ta4jBars.toBarSeries(candles, Ta4jBars.priceScale(candles)));
            indicators.write(n, values, width);
        }
        writeWindowColumns(candles, values, width);
        List<FeatureColumn> columns = columns(indicators);
        int warmup = 0;
        for (FeatureColumn column : columns) {
            warmup = Math.max(warmup, column.warmup());
        }
        return new FeatureMatrix(columns, values, usableFlags(candles, values, width, warmup), false);
    }

    private static List<FeatureColumn> columns(IndicatorColumns indicators) {
        List<FeatureColumn> columns = new ArrayList<>(Feature.count());
        for (Feature feature : Feature.all()) {
            int unstable = indicators == null ? 0 : indicators.unstableBars(feature);
            columns.add(new FeatureColumn(feature.columnName(), Math.max(feature.warmup(), unstable)));
        }
        return List.copyOf(columns);
    }

    private static void writeWindowColumns(CandleSeries s, float[] values, int width) {
        for (int i = 0; i < s.size(); i++) {
            int row = i * width;
            values[row + Feature.LOG_RETURN_1.ordinal()] = (float) CandleWindows.logReturn(s, i, 1);
            values[row + Feature.LOG_RETURN_4.ordinal()] = (float) CandleWindows.logReturn(s, i, 4);
            values[row + Feature.LOG_RETURN_16.ordinal()] = (float) CandleWindows.logReturn(s, i, 16);
            values[row + Feature.LOG_RETURN_48.ordinal()] = (float) CandleWindows.logReturn(s, i, 48);
            values[row + Feature.VOLUME_Z_20.ordinal()] = (float) CandleWindows.volumeZScore(s, i, Periods.VOLUME_Z);
            values[row + Feature.REALISED_VOLATILITY_20.ordinal()] =
                    (float) CandleWindows.realisedVolatility(s, i, Periods.REALISED_VOL);
            values[row + Feature.MARKET_PRESSURE_5.ordinal()] =
                    (float) CandleWindows.marketPressure(s, i, Periods.PRESSURE, Periods.PRESSURE_GAIN);
            values[row + Feature.TREND_STRENGTH_20.ordinal()] =
                    (float) CandleWindows.efficiencyRatio(s, i, Periods.EFFICIENCY);
            double day = CandleWindows.timeOfDayAngle(s.openTime(i));
            double week = CandleWindows.dayOfWeekAngle(s.openTime(i));
            values[row + Feature.TIME_OF_DAY_SIN.ordinal()] = (float) Math.sin(day);
            values[row + Feature.TIME_OF_DAY_COS.ordinal()] = (float) Math.cos(day);
            values[row + Feature.DAY_OF_WEEK_SIN.ordinal()] = (float) Math.sin(week);
            values[row + Feature.DAY_OF_WEEK_COS.ordinal()] = (float) Math.cos(week);
        }
    }

    private static boolean[] usableFlags(CandleSeries s, float[] values, int width, int warmup) {
        boolean[] usable = new boolean[s.size()];
        int lastFiller = -1;
        for (int i = 0; i < usable.length; i++) {
            if (s.isFiller(i)) {
                lastFiller = i;
            }
            usable[i] = i >= warmup && lastFiller < i - warmup && rowFinite(values, i * width, width);
        }
        return usable;
    }

    private static boolean rowFinite(float[] values, int from, int width) {
        for (int k = from; k < from + width; k++) {
            if (!Float.isFinite(values[k])) {
                return false;
            }
        }
        return true;
    }
}
