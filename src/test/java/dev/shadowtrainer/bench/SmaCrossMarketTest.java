package dev.shadowtrainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.agent.rules.SmaCrossPolicy;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.MarketData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The running-sum SMAs against plain means, and which bars a cross may be judged on. */
class SmaCrossMarketTest {
    private static final CandleSeries CANDLES = new SyntheticMarket(3)
            .generate(new Symbol("BTC", "USDT"), Timeframe.M1, Instant.parse("2024-05-01T00:00:00Z"), 3_000).series();

    @Test
    void columnsAreTheMeansOfTheLastCloses() {
        MarketData data = new SmaCrossMarket(5, 20).apply(CANDLES);
        FeatureMatrix m = data.rawFeatures();
        int fast = m.indexOf(SmaCrossPolicy.FAST_COLUMN);
        int slow = m.indexOf(SmaCrossPolicy.SLOW_COLUMN);
        for (int i = 19; i < CANDLES.size(); i++) {
            assertThat((double) m.value(i, fast)).isCloseTo(mean(i, 5), within(mean(i, 5) * 1e-6));
            assertThat((double) m.value(i, slow)).isCloseTo(mean(i, 20), within(mean(i, 20) * 1e-6));
        }
        assertThat(m.value(3, fast)).isNaN();
        assertThat(m.value(18, slow)).isNaN();
        assertThat(data.features()).isSameAs(m);
        assertThat(data.regimes()).containsOnly((byte) 0);
    }

    @Test
    void aBarIsUsableWhenItAndThePreviousBarHaveFullWindowsOfRealCandles() {
        CandleSeries.Builder b = CandleSeries.builder(CANDLES.id(), 200);
        for (int i = 0; i < 200; i++) {
            if (i == 100) {
                b.addFiller(CANDLES.openTime(i), CANDLES.close(i - 1));
            } else {
                b.addBar(CANDLES, i);
            }
        }
        FeatureMatrix m = new SmaCrossMarket(5, 20).apply(b.build()).rawFeatures();
        for (int i = 0; i < 200; i++) {
            boolean expected = i >= 20 && (i < 100 || i > 120);
            assertThat(m.isUsable(i)).as("bar %d", i).isEqualTo(expected);
        }
    }

    private static double mean(int i, int period) {
        double sum = 0;
        for (int k = i - period + 1; k <= i; k++) {
            sum += CANDLES.close(k);
        }
        return sum / period;
    }
}
