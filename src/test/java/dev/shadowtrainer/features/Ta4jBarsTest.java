package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.market.CandleSeries;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;

class Ta4jBarsTest {

    private static CandleSeries closes(double... closes) {
        return GeneratedCandles.fromCloses(closes, new double[closes.length]);
    }

    @Test
    void pricesBelowOneHundredAreLiftedByAPowerOfTen() {
        assertThat(Ta4jBars.priceScale(closes(84_000, 1))).isEqualTo(1.0);
        assertThat(Ta4jBars.priceScale(closes(100, 1))).isEqualTo(1.0);
        assertThat(Ta4jBars.priceScale(closes(99.9, 1))).isEqualTo(10.0);
        assertThat(Ta4jBars.priceScale(closes(0.2, 1))).isEqualTo(1_000.0);
        assertThat(Ta4jBars.priceScale(closes(0.000012, 1))).isEqualTo(1e7);
    }

    @Test
    void barSeriesUsesDoubleNumScaledPricesAndOneFlatSentinel() {
        CandleSeries s = GeneratedCandles.randomWalk(50, 3);
        BarSeries bars = Ta4jBars.toBarSeries(s, 10.0);
        assertThat(bars.getBarCount()).isEqualTo(51);
        assertThat(bars.getBar(0).getClosePrice()).isInstanceOf(DoubleNum.class);
        assertThat(bars.getBar(7).getHighPrice().doubleValue()).isEqualTo(s.high(7) * 10.0);
        assertThat(bars.getBar(7).getEndTime().toInstant().toEpochMilli()).isEqualTo(s.closeTime(7));
        assertThat(bars.getBar(50).getOpenPrice().doubleValue()).isEqualTo(s.close(49) * 10.0);
        assertThat(bars.getBar(50).getLowPrice().doubleValue()).isEqualTo(s.close(49) * 10.0);
    }

    /**
     * Regression: without the sentinel, ta4j recomputes the uncached last bar and its running-total
     * SMA takes the exact-sum path on the second request, so %B at the last bar of a cut series
     * differed from the same bar in the full series in the last bits of the double.
     */
    @Test
    void theLastBarOfACutSeriesMatchesTheFullSeriesInDoublePrecision() {
        CandleSeries s = GeneratedCandles.randomWalk(400, 12);
        PercentBIndicator full = new PercentBIndicator(new ClosePriceIndicator(Ta4jBars.toBarSeries(s, 1.0)), 20, 2.0);
        double[] expected = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            expected[i] = full.getValue(i).doubleValue();
        }
        for (int cut = 20; cut < s.size(); cut++) {
            BarSeries bars = Ta4jBars.toBarSeries(s.slice(0, cut + 1), 1.0);
            PercentBIndicator percentB = new PercentBIndicator(new ClosePriceIndicator(bars), 20, 2.0);
            double last = Double.NaN;
            for (int i = 0; i <= cut; i++) {
                last = percentB.getValue(i).doubleValue();
            }
            assertThat(Double.doubleToLongBits(last)).as("cut %d", cut)
                    .isEqualTo(Double.doubleToLongBits(expected[cut]));
        }
    }
}
