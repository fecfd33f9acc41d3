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
        long[] t = new long[bars];
        double[] o = new double[bars];
        double[] h = new double[bars];
        double[] l = new double[bars];
        double[] c = new double[bars];
        double[] v = new double[bars];
        double price = 30_000;
        double drift = 0;
        double sigma = 0.004;
        for (int i = 0; i < bars; i++) {
            if (i % 60 == 0) {
                drift = (random.nextDouble() - 0.5) * 0.004;
                sigma = 0.001 + random.nextDouble() * 0.012;
            }
            t[i] = START + i * ID.timeframe().millis();
            o[i] = price;
            price = price * Math.exp(drift + sigma * random.nextGaussian());
            c[i] = price;
            h[i] = Math.max(o[i], c[i]) * (1 + Math.abs(random.nextGaussian()) * sigma / 2);
            l[i] = Math.min(o[i], c[i]) * (1 - Math.abs(random.nextGaussian()) * sigma / 2);
            v[i] = 100 * Math.exp(0.5 * random.nextGaussian());
        }
        return new CandleSeries(ID, t, o, h, l, c, v, new boolean[bars]);
    }

    /** A series from close prices only: open = previous close, high/low = max/min of open and close. */
    static CandleSeries fromCloses(double[] closes, double[] volumes) {
        int n = closes.length;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = START + i * ID.timeframe().millis();
            o[i] = i == 0 ? closes[0] : closes[i - 1];
            h[i] = Math.max(o[i], closes[i]);
            l[i] = Math.min(o[i], closes[i]);
        }
        return new CandleSeries(ID, t, o, h, l, closes.clone(), volumes.clone(), new boolean[n]);
    }

    /** The same series with the given bars turned into gap fillers (previous close, no volume). */
    static CandleSeries withFillers(CandleSeries s, int... fillerBars) {
        int n = s.size();
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        boolean[] filler = new boolean[n];
        for (int i = 0; i < n; i++) {
            o[i] = s.open(i);
            h[i] = s.high(i);
            l[i] = s.low(i);
            c[i] = s.close(i);
            v[i] = s.volume(i);
            filler[i] = s.isFiller(i);
        }
        for (int i : fillerBars) {
            double previous = c[i - 1];
            o[i] = previous;
            h[i] = previous;
            l[i] = previous;
            c[i] = previous;
            v[i] = 0;
            filler[i] = true;
        }
        return new CandleSeries(s.id(), s.openTimes(), o, h, l, c, v, filler);
    }

    /**
     * The same grid with every bar after {@code lastKept} replaced by random but valid candles
     * (positive prices over many orders of magnitude, high >= low, some fillers).
     */
    static CandleSeries withGarbageAfter(CandleSeries s, int lastKept, long seed) {
        Random random = new Random(seed);
        int n = s.size();
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        boolean[] filler = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (i <= lastKept) {
                o[i] = s.open(i);
                h[i] = s.high(i);
                l[i] = s.low(i);
                c[i] = s.close(i);
                v[i] = s.volume(i);
                filler[i] = s.isFiller(i);
            } else {
                double a = Math.exp(random.nextDouble() * 20 - 5);
                double b = Math.exp(random.nextDouble() * 20 - 5);
                l[i] = Math.min(a, b);
                h[i] = Math.max(a, b);
                o[i] = l[i] + random.nextDouble() * (h[i] - l[i]);
                c[i] = l[i] + random.nextDouble() * (h[i] - l[i]);
                v[i] = random.nextDouble() * 1e6;
                filler[i] = random.nextInt(10) == 0;
            }
        }
        return new CandleSeries(s.id(), s.openTimes(), o, h, l, c, v, filler);
    }
}
