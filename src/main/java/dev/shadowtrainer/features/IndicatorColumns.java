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
 * The ta4j pass: builds the indicators once per series and writes their feature columns.
 * Bars are read strictly in ascending order so each ta4j cache fills once, in time order.
 */
final class IndicatorColumns {
    private final ClosePriceIndicator close;
    private final RSIIndicator rsi;
    private final ATRIndicator atr;
    private final ADXIndicator adx;
    private final MACDIndicator macd;
    private final EMAIndicator emaFast;
    private final EMAIndicator emaSlow;
    private final EMAIndicator emaTrend;
    private final EMAIndicator macdSignal;
    private final PercentBIndicator percentB;
    private final BollingerBandWidthIndicator bandWidth;

    IndicatorColumns(BarSeries bars) {
        Objects.requireNonNull(bars, "bars is null");
        close = new ClosePriceIndicator(bars);
        rsi = new RSIIndicator(close, Periods.RSI);
        atr = new ATRIndicator(bars, Periods.ATR);
        adx = new ADXIndicator(bars, Periods.ADX);
        macd = new MACDIndicator(close, Periods.EMA_FAST, Periods.EMA_SLOW);
        emaFast = macd.getShortTermEma();
        emaSlow = macd.getLongTermEma();
        emaTrend = new EMAIndicator(close, Periods.EMA_TREND);
        macdSignal = macd.getSignalLine(Periods.MACD_SIGNAL);
        percentB = new PercentBIndicator(close, Periods.BOLLINGER, Periods.BOLLINGER_K);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, Periods.BOLLINGER));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, Periods.BOLLINGER);
        Num k = bars.numOf(Periods.BOLLINGER_K);
        bandWidth = new BollingerBandWidthIndicator(new BollingerBandsUpperIndicator(middle, deviation, k), middle,
                new BollingerBandsLowerIndicator(middle, deviation, k));
    }

    /** What ta4j itself declares unstable for the indicators behind a feature (0 if none). */
    int unstableBars(Feature feature) {
        return switch (feature) {
            case RSI_14 -> rsi.getUnstableBars();
            case ATR_REL_14 -> atr.getUnstableBars();
            case ADX_14 -> adx.getUnstableBars();
            case EMA_SLOPE_12 -> emaFast.getUnstableBars() + 1;
            case EMA_SLOPE_26 -> emaSlow.getUnstableBars() + 1;
            case EMA_SLOPE_50 -> emaTrend.getUnstableBars() + 1;
            case EMA_DISTANCE_12 -> emaFast.getUnstableBars();
            case EMA_DISTANCE_26 -> emaSlow.getUnstableBars();
            case EMA_DISTANCE_50 -> emaTrend.getUnstableBars();
            case BOLLINGER_PERCENT_B_20 -> percentB.getUnstableBars();
            case BOLLINGER_WIDTH_20 -> bandWidth.getUnstableBars();
            case MACD_LINE -> Math.max(macd.getUnstableBars(), emaSlow.getUnstableBars());
            case MACD_SIGNAL, MACD_HISTOGRAM -> emaSlow.getUnstableBars() + macdSignal.getUnstableBars();
            default -> 0;
        };
    }

    /** Writes the ta4j-based columns of bars {@code [0, barCount)} into the row-major values. */
    void write(int barCount, float[] values, int featureCount) {
        double previousFast = Double.NaN;
        double previousSlow = Double.NaN;
        double previousTrend = Double.NaN;
        for (int i = 0; i < barCount; i++) {
            int row = i * featureCount;
            double c = value(close, i);
            double fast = value(emaFast, i);
            double slow = value(emaSlow, i);
            double trend = value(emaTrend, i);
            double line = value(macd, i);
            double signal = value(macdSignal, i);
            values[row + Feature.RSI_14.ordinal()] = (float) (value(rsi, i) / 100.0);
            values[row + Feature.ATR_REL_14.ordinal()] = (float) (value(atr, i) / c);
            values[row + Feature.ADX_14.ordinal()] = (float) (value(adx, i) / 100.0);
            values[row + Feature.EMA_SLOPE_12.ordinal()] = (float) (fast / previousFast - 1.0);
            values[row + Feature.EMA_SLOPE_26.ordinal()] = (float) (slow / previousSlow - 1.0);
            values[row + Feature.EMA_SLOPE_50.ordinal()] = (float) (trend / previousTrend - 1.0);
            values[row + Feature.EMA_DISTANCE_12.ordinal()] = (float) (c / fast - 1.0);
            values[row + Feature.EMA_DISTANCE_26.ordinal()] = (float) (c / slow - 1.0);
            values[row + Feature.EMA_DISTANCE_50.ordinal()] = (float) (c / trend - 1.0);
            values[row + Feature.BOLLINGER_PERCENT_B_20.ordinal()] = (float) value(percentB, i);
            values[row + Feature.BOLLINGER_WIDTH_20.ordinal()] = (float) (value(bandWidth, i) / 100.0);
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
