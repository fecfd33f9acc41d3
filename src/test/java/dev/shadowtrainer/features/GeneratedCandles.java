package dev.shadowtrainer.features;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import java.util.Random;

/** Seeded synthetic candle series and the manipulations the tests need (fillers, garbage futures). */
final class GeneratedCandles {
    /** A Monday, 00:00 UTC. */
    static final long START = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
    static final SeriesId ID = new SeriesId("test", new Symbol("BTC", "USDT"), Timeframe.M15);

    private GeneratedCandles() {
    }

    /** A random walk with drifting trend and volatility regimes, so every regime can occur. */
    static CandleSeries randomWalk(int bars, long seed) {
        Random random = new Random(seed);
        CandleSeries.Builder series = CandleSeries.builder(ID, bars);
        double price = 30_000;
        double drift = 0;
        double sigma = 0.004;
        for (int i = 0; i < bars; i++) {
            if (i % 60 == 0) {
                drift = (random.nextDouble() - 0.5) * 0.004;
                sigma = 0.001 + random.nextDouble() * 0.012;
            }
            double open = price;
            price = price * Math.exp(drift + sigma * random.nextGaussian());
            double high = Math.max(open, price) * (1 + Math.abs(random.nextGaussian()) * sigma / 2);
            double low = Math.min(open, price) * (1 - Math.abs(random.nextGaussian()) * sigma / 2);
            series.add(START + i * ID.timeframe().millis(), open, high, low, price,
                    100 * Math.exp(0.5 * random.nextGaussian()));
        }
        return series.build();
    }

    /** A series from close prices only: open = previous close, high/low = max/min of open and close. */
    static CandleSeries fromCloses(double[] closes, double[] volumes) {
        int n = closes.length;
        CandleSeries.Builder series = CandleSeries.builder(ID, n);
        for (int i = 0; i < n; i++) {
            double open = i == 0 ? closes[0] : closes[i - 1];
            series.add(START + i * ID.timeframe().millis(), open, Math.max(open, closes[i]), Math.min(open, closes[i]),
                    closes[i], volumes[i]);
        }
        return series.build();
    }

    /** The same series with the given bars turned into gap fillers (previous close, no volume). */
    static CandleSeries withFillers(CandleSeries s, int... fillerBars) {
        boolean[] fill = new boolean[s.size()];
        for (int i : fillerBars) {
            fill[i] = true;
        }
        CandleSeries.Builder out = CandleSeries.builder(s.id(), s.size());
        double previousClose = 0;
        for (int i = 0; i < s.size(); i++) {
            if (fill[i]) {
                out.addFiller(s.openTime(i), previousClose);
            } else {
                out.addBar(s, i);
                previousClose = s.close(i);
            }
        }
        return out.build();
    }

    /**
     * The same grid with every bar after {@code lastKept} replaced by random but valid candles
     * (positive prices over many orders of magnitude, high >= low, some fillers).
     */
    static CandleSeries withGarbageAfter(CandleSeries s, int lastKept, long seed) {
        Random random = new Random(seed);
        CandleSeries.Builder out = CandleSeries.builder(s.id(), s.size());
        for (int i = 0; i < s.size(); i++) {
            if (i <= lastKept) {
                out.addBar(s, i);
                continue;
            }
            double a = Math.exp(random.nextDouble() * 20 - 5);
            double b = Math.exp(random.nextDouble() * 20 - 5);
            double low = Math.min(a, b);
            double high = Math.max(a, b);
            if (random.nextInt(10) == 0) {
                out.addFiller(s.openTime(i), low);
            } else {
                out.add(s.openTime(i), low + random.nextDouble() * (high - low), high, low,
                        low + random.nextDouble() * (high - low), random.nextDouble() * 1e6);
            }
        }
        return out.build();
    }
}
