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
        Builder builder = builder(id, candles.size());
        for (Candle c : candles) {
            builder.add(c.openTimeMillis(), c.open(), c.high(), c.low(), c.close(), c.volume());
        }
        return builder.build();
    }

    /** A builder for exactly {@code bars} bars, appended in time order. */
    public static Builder builder(SeriesId id, int bars) {
        return new Builder(id, bars);
    }

    /** Appends bars into preallocated primitive arrays; {@link #build()} checks the grid. */
    public static final class Builder {
        private final SeriesId id;
        private final long[] t;
        private final double[] o;
        private final double[] h;
        private final double[] l;
        private final double[] c;
        private final double[] v;
        private final boolean[] f;
        private int size;

        private Builder(SeriesId id, int bars) {
            this.id = Objects.requireNonNull(id, "id is null");
            t = new long[bars];
            o = new double[bars];
            h = new double[bars];
            l = new double[bars];
            c = new double[bars];
            v = new double[bars];
            f = new boolean[bars];
        }

        public Builder add(long openTime, double open, double high, double low, double close, double volume) {
            t[size] = openTime;
            o[size] = open;
            h[size] = high;
            l[size] = low;
            c[size] = close;
            v[size] = volume;
            size++;
            return this;
        }

        /** A gap filler: flat at {@code price}, no volume, flagged so nothing trades on it. */
        public Builder addFiller(long openTime, double price) {
            add(openTime, price, price, price, price, 0);
            f[size - 1] = true;
            return this;
        }

        /** Copies bar {@code i} of another series, filler flag included. */
        public Builder addBar(CandleSeries from, int i) {
            add(from.openTime[i], from.open[i], from.high[i], from.low[i], from.close[i], from.volume[i]);
            f[size - 1] = from.filler[i];
            return this;
        }

        public int size() {
            return size;
        }

        public CandleSeries build() {
            if (size != t.length) {
                throw new IllegalStateException("builder for " + t.length + " bars holds " + size);
            }
            return new CandleSeries(id, t, o, h, l, c, v, f);
        }
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
        return fillerCount(0, size());
    }

    /** Filler bars among [from, to). */
    public int fillerCount(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            count += filler[i] ? 1 : 0;
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
     * The last {@code days} days counted back from the newest bar: bars whose open time is at or after
     * {@code newestClose - days}.
     */
    public CandleSeries lastDays(int days) {
        return slice(startOfLastDays(days), size());
    }

    /** Index of the first bar of the last {@code days} days (0 when the series is shorter). */
    public int startOfLastDays(int days) {
        return isEmpty() ? 0 : startOfTime(closeTime(size() - 1) - days * 86_400_000L);
    }

    /** Index of the first bar opening at or after {@code time} (size() when none does). */
    public int startOfTime(long time) {
        int i = Arrays.binarySearch(openTime, time);
        return i >= 0 ? i : -i - 1;
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
