package dev.shadowtrainer.market;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A clean candle series on a dense time grid, held as primitive arrays for the hot loop.
 *
 * <p>Invariants (checked on construction): open times are strictly increasing and exactly one
 * timeframe apart; every array has the same length. Bars that fill a gap in the source data are
 * flagged in {@link #isFiller(int)}: they carry the previous close, zero volume, and nothing may
 * trade on them.
 */
public final class CandleSeries {
    private final SeriesId id;
    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final boolean[] filler;

    public CandleSeries(SeriesId id, long[] openTime, double[] open, double[] high, double[] low,
                        double[] close, double[] volume, boolean[] filler) {
        this.id = Objects.requireNonNull(id, "id is null");
        this.openTime = Objects.requireNonNull(openTime, "openTime is null");
        this.open = Objects.requireNonNull(open, "open is null");
        this.high = Objects.requireNonNull(high, "high is null");
        this.low = Objects.requireNonNull(low, "low is null");
        this.close = Objects.requireNonNull(close, "close is null");
        this.volume = Objects.requireNonNull(volume, "volume is null");
        this.filler = Objects.requireNonNull(filler, "filler is null");
        int n = openTime.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n
                || volume.length != n || filler.length != n) {
            throw new IllegalArgumentException("candle arrays differ in length");
        }
        long step = id.timeframe().millis();
        for (int i = 1; i < n; i++) {
            if (openTime[i] - openTime[i - 1] != step) {
                throw new IllegalArgumentException("candle " + i + " at " + Instant.ofEpochMilli(openTime[i])
                        + " is not one " + id.timeframe() + " after the previous one");
            }
        }
    }

    /** Builds a series from candles already sorted, de-duplicated and gap-free (no fillers). */
    public static CandleSeries of(SeriesId id, List<Candle> candles) {
        int n = candles.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            Candle k = candles.get(i);
            t[i] = k.openTimeMillis();
            o[i] = k.open();
            h[i] = k.high();
            l[i] = k.low();
            c[i] = k.close();
            v[i] = k.volume();
        }
        return new CandleSeries(id, t, o, h, l, c, v, new boolean[n]);
    }

    public SeriesId id() {
        return id;
    }

    public int size() {
        return openTime.length;
    }

    public boolean isEmpty() {
        return openTime.length == 0;
    }

    public long openTime(int i) {
        return openTime[i];
    }

    /** Close time of bar i: the open time of the next bar. */
    public long closeTime(int i) {
        return openTime[i] + id.timeframe().millis();
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public double volume(int i) {
        return volume[i];
    }

    public boolean isFiller(int i) {
        return filler[i];
    }

    public Candle candle(int i) {
        return new Candle(Instant.ofEpochMilli(openTime[i]), open[i], high[i], low[i], close[i], volume[i]);
    }

    public int fillerCount() {
        int count = 0;
        for (boolean f : filler) {
            if (f) {
                count++;
            }
        }
        return count;
    }

    /** Bars {@code [from, to)} as a new series (arrays copied, so the slice cannot see the rest). */
    public CandleSeries slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size() + " bars");
        }
        return new CandleSeries(id,
                Arrays.copyOfRange(openTime, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(volume, from, to),
                Arrays.copyOfRange(filler, from, to));
    }

    /**
     * The last {@code days} days counted back from the newest bar: bars whose open time is after
     * {@code newestClose - days}.
     */
    public CandleSeries lastDays(int days) {
        if (isEmpty()) {
            return this;
        }
        long start = closeTime(size() - 1) - days * 86_400_000L;
        int from = 0;
        while (from < size() && openTime[from] < start) {
            from++;
        }
        return slice(from, size());
    }

    /** Days covered by the series, from the first open to the last close. */
    public double coveredDays() {
        return isEmpty() ? 0 : (closeTime(size() - 1) - openTime[0]) / 86_400_000.0;
    }

    public Instant firstOpen() {
        return Instant.ofEpochMilli(openTime[0]);
    }

    public Instant lastOpen() {
        return Instant.ofEpochMilli(openTime[size() - 1]);
    }

    /** The open times, copied; for exports and tests, not the hot loop. */
    public long[] openTimes() {
        return openTime.clone();
    }

    public double[] closes() {
        return close.clone();
    }
}
