package dev.shadowtrainer.agent.signals;

import dev.shadowtrainer.market.CandleSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * A ta4j series the signal models read, grown one bar at a time in time order (as a policy sees bars).
 *
 * <p>As in the feature pipeline's conversion: prices are scaled by a power of ten chosen from the first close
 * (so that it is at least 100; ta4j's DoubleNum compares with an absolute tolerance of 1e-5), which every
 * model's ratios cancel; and a flat sentinel copy of the last bar is kept at the end, replaced by the next real
 * bar when it comes, so every real bar is computed by ta4j only once it is no longer the series' end (ta4j 0.17
 * does not cache the end index, and its running sums differ in the last bits between the two paths). Bar
 * {@code i} here is the {@code i}-th bar added; bar times are synthetic (one minute apart): no model reads them.
 */
public final class SignalBars {
    static final double MIN_FIRST_CLOSE = 100.0;
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final BarSeries series;
    private double scale = Double.NaN;
    private int size;

    public SignalBars() {
        this.series = new BaseBarSeriesBuilder().withName("signals").withNumTypeOf(DoubleNum.class).build();
    }

    /** {@code candles[from, to)} added in order. */
    public static SignalBars of(CandleSeries candles, int from, int to) {
        Objects.checkFromToIndex(from, to, candles.size());
        SignalBars bars = new SignalBars();
        for (int i = from; i < to; i++) {
            bars.add(candles.open(i), candles.high(i), candles.low(i), candles.close(i), candles.volume(i));
        }
        return bars;
    }

    /** Appends the next bar. */
    public void add(double open, double high, double low, double close, double volume) {
        if (Double.isNaN(scale)) {
            scale = close > 0 && Double.isFinite(close) && close < MIN_FIRST_CLOSE
                    ? Math.pow(10, Math.ceil(Math.log10(MIN_FIRST_CLOSE / close))) : 1.0;
        }
        Num c = num(close * scale);
        BaseBar bar = new BaseBar(PERIOD, end(size), num(open * scale), num(high * scale), num(low * scale), c,
                num(volume), DoubleNum.ZERO);
        series.addBar(bar, size > 0); // replaces the sentinel
        series.addBar(new BaseBar(PERIOD, end(size + 1), c, c, c, c, DoubleNum.ZERO, DoubleNum.ZERO), false);
        size++;
    }

    /** The ta4j series: the real bars, then the sentinel. */
    public BarSeries series() {
        return series;
    }

    /** Real bars added. */
    public int size() {
        return size;
    }

    private static ZonedDateTime end(int index) {
        return ZonedDateTime.ofInstant(Instant.EPOCH.plus(PERIOD.multipliedBy(index + 1L)), ZoneOffset.UTC);
    }

    private static Num num(double value) {
        return DoubleNum.valueOf(value);
    }
}
