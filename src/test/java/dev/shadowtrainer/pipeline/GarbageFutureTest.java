package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import org.junit.jupiter.api.Test;

/** The garbage future keeps the past bit for bit and is a valid market after it. */
class GarbageFutureTest {
    private static final SeriesId ID = new SeriesId("test", Symbol.parse("BTC/USDT"), Timeframe.M15);
    private static final long T0 = 1_735_689_600_000L;

    /** 400 bars drifting gently around 100, with a gap filler at the cut so its zero volume is covered. */
    private static CandleSeries market(int cut) {
        CandleSeries.Builder b = CandleSeries.builder(ID, 400);
        double close = 100;
        for (int i = 0; i < 400; i++) {
            long time = T0 + i * Timeframe.M15.millis();
            if (i == cut) {
                b.addFiller(time, close);
                continue;
            }
            double open = close;
            close = open * (1 + 0.001 * Math.sin(i * 0.3));
            b.add(time, open, Math.max(open, close) + 0.05, Math.min(open, close) - 0.05, close, 10 + i % 5);
        }
        return b.build();
    }

    @Test
    void barsUpToTheCutAreKeptAndLaterOnesAreAValidRandomWalk() {
        int cut = 150;
        CandleSeries real = market(cut);
        CandleSeries garbage = GarbageFuture.after(real, cut, 9);

        assertThat(garbage.size()).isEqualTo(real.size());
        assertThat(garbage.openTimes()).isEqualTo(real.openTimes());
        for (int i = 0; i <= cut; i++) {
            assertThat(garbage.candle(i)).isEqualTo(real.candle(i));
            assertThat(garbage.isFiller(i)).isEqualTo(real.isFiller(i));
        }
        assertThat(garbage.open(cut + 1)).as("the walk continues from the cut's close").isEqualTo(real.close(cut));
        int differentCloses = 0;
        for (int i = cut + 1; i < garbage.size(); i++) {
            double o = garbage.open(i);
            double c = garbage.close(i);
            for (double v : new double[] {o, garbage.high(i), garbage.low(i), c, garbage.volume(i)}) {
                assertThat(v).as("bar %d", i).isFinite().isPositive();
            }
            assertThat(garbage.high(i)).isGreaterThanOrEqualTo(Math.max(o, c));
            assertThat(garbage.low(i)).isLessThanOrEqualTo(Math.min(o, c));
            assertThat(garbage.isFiller(i)).isFalse();
            differentCloses += c != real.close(i) ? 1 : 0;
        }
        assertThat(differentCloses).isEqualTo(garbage.size() - cut - 1);
    }

    @Test
    void theSameSeedGivesTheSameGarbageAndAnotherSeedOther() {
        CandleSeries real = market(-1);
        assertThat(GarbageFuture.after(real, 200, 5).closes()).isEqualTo(GarbageFuture.after(real, 200, 5).closes());
        assertThat(GarbageFuture.after(real, 200, 5).closes()).isNotEqualTo(GarbageFuture.after(real, 200, 6).closes());
    }

    @Test
    void aCutOutsideTheSeriesIsRejected() {
        assertThatThrownBy(() -> GarbageFuture.after(market(-1), 400, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
