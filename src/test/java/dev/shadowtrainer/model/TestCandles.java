package dev.shadowtrainer.model;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import java.util.Random;

/** Candle series for the model tests. */
final class TestCandles {
    private TestCandles() {
    }

    /** {@code bars} 15m candles of BTC/USDT from 2025-03-01 (a seeded random walk), a gap filler at bar 3. */
    static CandleSeries btc15m(int bars, long seed) {
        SeriesId id = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.parse("15m"));
        CandleSeries.Builder b = CandleSeries.builder(id, bars);
        Random random = new Random(seed);
        long t = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
        double price = 60_000;
        for (int i = 0; i < bars; i++) {
            if (i == 3) {
                b.addFiller(t, price);
            } else {
                double next = price * (1 + random.nextGaussian() * 0.002);
                b.add(t, price, Math.max(price, next) * 1.001, Math.min(price, next) * 0.999, next,
                        10 + random.nextDouble());
                price = next;
            }
            t += 15 * 60_000L;
        }
        return b.build();
    }
}
