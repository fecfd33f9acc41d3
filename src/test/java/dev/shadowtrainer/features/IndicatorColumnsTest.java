package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;
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
 * The indicator columns are written one ta4j chain at a time (so only one chain's caches are held); every value
 * must be the one of all chains built together and read bar by bar side by side, as they were before.
 */
class IndicatorColumnsTest {
    private static final Feature[] TA4J = {Feature.RSI_14, Feature.ATR_REL_14, Feature.ADX_14, Feature.EMA_SLOPE_12,
        Feature.EMA_SLOPE_26, Feature.EMA_SLOPE_50, Feature.EMA_DISTANCE_12, Feature.EMA_DISTANCE_26,
        Feature.EMA_DISTANCE_50, Feature.BOLLINGER_PERCENT_B_20, Feature.BOLLINGER_WIDTH_20, Feature.MACD_LINE,
        Feature.MACD_SIGNAL, Feature.MACD_HISTOGRAM};

    @Test
    void oneChainAtATimeWritesWhatAllChainsTogetherDid() {
        for (long seed : new long[] {3, 11}) {
            CandleSeries candles = new SyntheticMarket(seed).generate(Symbol.parse("BTC/USDT"), Timeframe.M1,
                    Instant.parse("2025-01-01T00:00:00Z"), 6_000).series();
            int n = candles.size();
            int width = Feature.count();
            BarSeries bars = Ta4jBars.toBarSeries(candles, Ta4jBars.priceScale(candles));
            float[] chains = new float[n * width];
            new IndicatorColumns(bars).write(n, chains, width);
            float[] together = new float[n * width];
            allTogether(Ta4jBars.toBarSeries(candles, Ta4jBars.priceScale(candles)), n, together, width);
            int finite = 0;
            for (int i = 0; i < n; i++) {
                for (Feature f : TA4J) {
                    int k = i * width + f.ordinal();
                    assertThat(Float.floatToRawIntBits(chains[k])).as("bar %d %s", i, f)
                            .isEqualTo(Float.floatToRawIntBits(together[k]));
                    finite += Float.isFinite(chains[k]) ? 1 : 0;
                }
            }
            assertThat(finite).isGreaterThan(n * TA4J.length * 9 / 10);
        }
    }

    /** The columns as the pass wrote them before: every chain built at once, all read at each bar in turn. */
    private static void allTogether(BarSeries bars, int barCount, float[] values, int featureCount) {
        ClosePriceIndicator close = new ClosePriceIndicator(bars);
        RSIIndicator rsi = new RSIIndicator(close, Periods.RSI);
        ATRIndicator atr = new ATRIndicator(bars, Periods.ATR);
        ADXIndicator adx = new ADXIndicator(bars, Periods.ADX);
        MACDIndicator macd = new MACDIndicator(close, Periods.EMA_FAST, Periods.EMA_SLOW);
        EMAIndicator emaFast = macd.getShortTermEma();
        EMAIndicator emaSlow = macd.getLongTermEma();
        EMAIndicator emaTrend = new EMAIndicator(close, Periods.EMA_TREND);
        EMAIndicator macdSignal = macd.getSignalLine(Periods.MACD_SIGNAL);
        PercentBIndicator percentB = new PercentBIndicator(close, Periods.BOLLINGER, Periods.BOLLINGER_K);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, Periods.BOLLINGER));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, Periods.BOLLINGER);
        Num k = bars.numOf(Periods.BOLLINGER_K);
        BollingerBandWidthIndicator bandWidth = new BollingerBandWidthIndicator(
                new BollingerBandsUpperIndicator(middle, deviation, k), middle,
                new BollingerBandsLowerIndicator(middle, deviation, k));
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
