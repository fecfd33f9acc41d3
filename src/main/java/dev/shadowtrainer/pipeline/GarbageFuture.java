package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.market.CandleSeries;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A candle series whose future is replaced by garbage: bars up to the cut are copied, every later bar is
 * a seeded random walk continuing from the cut's close on the same time grid. The garbage is a valid
 * market (positive prices, high at or above open and close, low at or below them, positive volume, no
 * NaN, no filler bars), so anything that reads it runs on as usual and only its numbers change; a value
 * at or before the cut that changes with it has read the future.
 */
public final class GarbageFuture {
    /** Per-bar log-return volatility of the walk: wild enough that any peek at it shows. */
    static final double BAR_VOLATILITY = 0.02;
    /** Extra range above and below the body of a garbage bar, as a log-scale volatility. */
    static final double WICK_VOLATILITY = 0.005;

    private GarbageFuture() {
    }

    /**
     * Bars {@code [0, cut]} of {@code series} followed by a random walk up to the same length.
     *
     * @param seed seeds the walk; the same seed and cut give the same garbage
     */
    public static CandleSeries after(CandleSeries series, int cut, long seed) {
        Objects.requireNonNull(series, "series is null");
        if (cut < 0 || cut >= series.size()) {
            throw new IndexOutOfBoundsException("cut " + cut + " outside " + series.size() + " bars");
        }
        CandleSeries.Builder garbage = CandleSeries.builder(series.id(), series.size());
        for (int i = 0; i <= cut; i++) {
            garbage.addBar(series, i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double close = series.close(cut);
        // A filler bar at the cut has volume 0; the walk needs a positive scale to vary around.
        double volumeScale = Math.max(series.volume(cut), 1.0);
        for (int i = cut + 1; i < series.size(); i++) {
            double open = close;
            close = open * Math.exp(BAR_VOLATILITY * random.nextGaussian());
            double high = Math.max(open, close) * Math.exp(WICK_VOLATILITY * Math.abs(random.nextGaussian()));
            double low = Math.min(open, close) * Math.exp(-WICK_VOLATILITY * Math.abs(random.nextGaussian()));
            double volume = volumeScale * Math.exp(random.nextGaussian());
            garbage.add(series.openTime(i), open, high, low, close, volume);
        }
        return garbage.build();
    }
}
