package dev.shadowtrainer.features;

import java.util.Objects;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;

/**
 * The ta4j pass: writes the indicator-based feature columns of a series. Each indicator chain (the EMAs with the
 * MACD and its signal line, RSI, ATR, ADX, Bollinger %B, Bollinger band width) is built, read bar by bar in
 * ascending order (so each ta4j cache fills once, in time order) and dropped before the next chain is built: the
 * chains share no cached indicator, so each computes what it would beside the others, while only one chain's
 * caches (a {@code DoubleNum} per bar and cached indicator, about 0.1 KB per bar and chain) are held at a time.
 * A year of 1m candles held all of them at once, some 800 MB.
 */
final class IndicatorColumns {
    private final BarSeries bars;
    private final ClosePriceIndicator close;
    private final java.util.Map<Feature, Integer> unstable = new java.util.EnumMap<>(Feature.class);

    IndicatorColumns(BarSeries bars) {
        this.bars = Objects.requireNonNull(bars, "bars is null");
        close = new ClosePriceIndicator(bars);
        // What ta4j declares unstable depends only on how the indicators are made: read off fresh, unread chains.
        Trend trend = new Trend(close);
        RSIIndicator rsi = rsi();
        ATRIndicator atr = atr();
        ADXIndicator adx = adx();
        PercentBIndicator percentB = percentB();
        BollingerBandWidthIndicator bandWidth = bandWidth();
        unstable.put(Feature.RSI_14, rsi.getUnstableBars());
        unstable.put(Feature.ATR_REL_14, atr.getUnstableBars());
        unstable.put(Feature.ADX_14, adx.getUnstableBars());
        unstable.put(Feature.EMA_SLOPE_12, trend.fast.getUnstableBars() + 1);
        unstable.put(Feature.EMA_SLOPE_26, trend.slow.getUnstableBars() + 1);
        unstable.put(Feature.EMA_SLOPE_50, trend.trend.getUnstableBars() + 1);
        unstable.put(Feature.EMA_DISTANCE_12, trend.fast.getUnstableBars());
        unstable.put(Feature.EMA_DISTANCE_26, trend.slow.getUnstableBars());
        unstable.put(Feature.EMA_DISTANCE_50, trend.trend.getUnstableBars());
        unstable.put(Feature.BOLLINGER_PERCENT_B_20, percentB.getUnstableBars());
        unstable.put(Feature.BOLLINGER_WIDTH_20, bandWidth.getUnstableBars());
        unstable.put(Feature.MACD_LINE, Math.max(trend.macd.getUnstableBars(), trend.slow.getUnstableBars()));
        int signal = trend.slow.getUnstableBars() + trend.signal.getUnstableBars();
        unstable.put(Feature.MACD_SIGNAL, signal);
        unstable.put(Feature.MACD_HISTOGRAM, signal);
    }

    /** The EMAs, the MACD line (from the fast and slow EMAs) and its signal line: one chain. */
    private static final class Trend {
        final MACDIndicator macd;
        final EMAIndicator fast;
        final EMAIndicator slow;
        final EMAIndicator trend;
        final EMAIndicator signal;

        Trend(ClosePriceIndicator close) {
            macd = new MACDIndicator(close, Periods.EMA_FAST, Periods.EMA_SLOW);
            fast = macd.getShortTermEma();
            slow = macd.getLongTermEma();
            trend = new EMAIndicator(close, Periods.EMA_TREND);
            signal = macd.getSignalLine(Periods.MACD_SIGNAL);
        }
    }

    private RSIIndicator rsi() {
        return new RSIIndicator(close, Periods.RSI);
    }

    private ATRIndicator atr() {
        return new ATRIndicator(bars, Periods.ATR);
    }

    private ADXIndicator adx() {
        return new ADXIndicator(bars, Periods.ADX);
    }

    private PercentBIndicator percentB() {
        return new PercentBIndicator(close, Periods.BOLLINGER, Periods.BOLLINGER_K);
    }

    private BollingerBandWidthIndicator bandWidth() {
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, Periods.BOLLINGER));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, Periods.BOLLINGER);
        Num k = bars.numOf(Periods.BOLLINGER_K);
        return new BollingerBandWidthIndicator(new BollingerBandsUpperIndicator(middle, deviation, k), middle,
                new BollingerBandsLowerIndicator(middle, deviation, k));
    }

    /** What ta4j itself declares unstable for the indicators behind a feature (0 if none). */
    int unstableBars(Feature feature) {
        return unstable.getOrDefault(feature, 0);
    }

    /** Writes the ta4j-based columns of bars {@code [0, barCount)} into the row-major values, one chain at a time. */
    void write(int barCount, float[] values, int featureCount) {
        writeTrend(barCount, values, featureCount);
        RSIIndicator rsi = rsi();
        for (int i = 0; i < barCount; i++) {
            values[i * featureCount + Feature.RSI_14.ordinal()] = (float) (value(rsi, i) / 100.0);
        }
        rsi = null; // the chain's caches may go before the next chain fills its own
        ATRIndicator atr = atr();
        for (int i = 0; i < barCount; i++) {
            values[i * featureCount + Feature.ATR_REL_14.ordinal()] = (float) (value(atr, i) / value(close, i));
        }
        atr = null;
        ADXIndicator adx = adx();
        for (int i = 0; i < barCount; i++) {
            values[i * featureCount + Feature.ADX_14.ordinal()] = (float) (value(adx, i) / 100.0);
        }
        adx = null;
        PercentBIndicator percentB = percentB();
        for (int i = 0; i < barCount; i++) {
            values[i * featureCount + Feature.BOLLINGER_PERCENT_B_20.ordinal()] = (float) value(percentB, i);
        }
        percentB = null;
        BollingerBandWidthIndicator bandWidth = bandWidth();
        for (int i = 0; i < barCount; i++) {
            values[i * featureCount + Feature.BOLLINGER_WIDTH_20.ordinal()] = (float) (value(bandWidth, i) / 100.0);
        }
    }

    private void writeTrend(int barCount, float[] values, int featureCount) {
        Trend t = new Trend(close);
        double previousFast = Double.NaN;
        double previousSlow = Double.NaN;
        double previousTrend = Double.NaN;
        for (int i = 0; i < barCount; i++) {
            int row = i * featureCount;
            double c = value(close, i);
            double fast = value(t.fast, i);
            double slow = value(t.slow, i);
            double trend = value(t.trend, i);
            double line = value(t.macd, i);
            double signal = value(t.signal, i);
            values[row + Feature.EMA_SLOPE_12.ordinal()] = (float) (fast / previousFast - 1.0);
            values[row + Feature.EMA_SLOPE_26.ordinal()] = (float) (slow / previousSlow - 1.0);
            values[row + Feature.EMA_SLOPE_50.ordinal()] = (float) (trend / previousTrend - 1.0);
            values[row + Feature.EMA_DISTANCE_12.ordinal()] = (float) (c / fast - 1.0);
            values[row + Feature.EMA_DISTANCE_26.ordinal()] = (float) (c / slow - 1.0);
            values[row + Feature.EMA_DISTANCE_50.ordinal()] = (float) (c / trend - 1.0);
            values[row + Feature.MACD_LINE.ordinal()] = (float) (line / c);
            values[row + Feature.MACD_SIGNAL.ordinal()] = (float) (signal / c);
            values[row + Feature.MACD_HISTOGRAM.ordinal()] = (float) ((line - signal) / c);
            previousFast = fast;
            previousSlow = slow;
            previousTrend = trend;
        }
    }

    private static double value(Indicator<Num> indicator, int index) {
        return indicator.getValue(index).doubleValue();
    }
}
