package dev.shadowtrainer.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rolling z-scores that only look back: the value of feature f at bar i becomes
 * {@code (x_i - mean) / std}, clipped to {@code [-5, 5]}, where mean and population std are taken
 * over the usable bars among {@code [i - window + 1, i]} of the raw matrix, never over the whole
 * series. A feature whose values in the window are all equal gets 0.
 *
 * <p>A normalised bar is usable when the raw bar is usable and the window holds at least
 * {@code minSamples} usable bars; other bars hold NaN. The normalised warm-up is therefore the raw
 * warm-up plus {@code minSamples - 1}.
 *
 * <p>Numerics: Welford's update adds the entering bar and removes the leaving one in double
 * precision; every {@code window} bars (counted from bar 0) the mean and squared deviations are
 * recomputed exactly from the window, so rounding cannot build up over long series. Bars are
 * processed strictly in order and the state at bar i is built from bars up to i only, so
 * recomputing on a series cut after i gives bit-identical values up to i.
 */
public final class RollingNormaliser {
    public static final int DEFAULT_WINDOW = 500;
    /** Fewer samples than this give z-scores too noisy to feed a policy. */
    public static final int DEFAULT_MIN_SAMPLES = 100;
    public static final double CLIP = 5.0;

    private final int window;
    private final int minSamples;

    public RollingNormaliser() {
        this(DEFAULT_WINDOW, DEFAULT_MIN_SAMPLES);
    }

    public RollingNormaliser(int window, int minSamples) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2 bars, got " + window);
        }
        if (minSamples < 2 || minSamples > window) {
            throw new IllegalArgumentException("minSamples must be in [2, window=" + window + "], got " + minSamples);
        }
        this.window = window;
        this.minSamples = minSamples;
    }

    public int window() {
        return window;
    }

    public int minSamples() {
        return minSamples;
    }

    /** A new matrix of rolling z-scores with the same column names. */
    public FeatureMatrix normalise(FeatureMatrix raw) {
        Objects.requireNonNull(raw, "raw is null");
        if (raw.isNormalised()) {
            throw new IllegalArgumentException("matrix is already normalised");
        }
        int n = raw.size();
        int width = raw.featureCount();
        float[] in = raw.values();
        float[] out = new float[n * width];
        boolean[] usable = new boolean[n];
        WindowMoments moments = new WindowMoments(width);
        int oldest = 0;
        for (int i = 0; i < n; i++) {
            int leaving = i - window;
            if (leaving >= 0 && raw.isUsable(leaving)) {
                moments.remove(in, leaving * width);
            }
            if (raw.isUsable(i)) {
                moments.add(in, i * width, i);
            }
            if ((i + 1) % window == 0) {
                moments.recompute(raw, in, i - window + 1, i);
            }
            while (oldest < i && (oldest <= i - window || !raw.isUsable(oldest))) {
                oldest++;
            }
            if (raw.isUsable(i) && moments.count >= minSamples) {
                usable[i] = true;
                moments.writeZScores(in, out, i * width, oldest);
            } else {
                Arrays.fill(out, i * width, (i + 1) * width, Float.NaN);
            }
        }
        return new FeatureMatrix(columns(raw), out, usable, true);
    }

    private List<FeatureColumn> columns(FeatureMatrix raw) {
        int warmup = raw.warmup() + minSamples - 1;
        List<FeatureColumn> columns = new ArrayList<>(raw.featureCount());
        for (FeatureColumn c : raw.columns()) {
            columns.add(new FeatureColumn(c.name(), warmup));
        }
        return columns;
    }

    /** Running mean and sum of squared deviations of each feature over the bars in the window. */
    private static final class WindowMoments {
        private final int width;
        private final double[] mean;
        private final double[] squares;
        private final float[] lastValue;
        /** Bar at which each feature last took a new value: all later bars in the window equal it. */
        private final int[] lastChange;
        private int count;

        WindowMoments(int width) {
            this.width = width;
            this.mean = new double[width];
            this.squares = new double[width];
            this.lastValue = new float[width];
            this.lastChange = new int[width];
            Arrays.fill(lastValue, Float.NaN);
        }

        void add(float[] in, int row, int bar) {
            count++;
            for (int f = 0; f < width; f++) {
                float x = in[row + f];
                double delta = x - mean[f];
                mean[f] += delta / count;
                squares[f] += delta * (x - mean[f]);
                if (x != lastValue[f]) {
                    lastValue[f] = x;
                    lastChange[f] = bar;
                }
            }
        }

        void remove(float[] in, int row) {
            count--;
            for (int f = 0; f < width; f++) {
                if (count == 0) {
                    mean[f] = 0;
                    squares[f] = 0;
                    continue;
                }
                double x = in[row + f];
                double oldMean = mean[f];
                mean[f] = oldMean - (x - oldMean) / count;
                squares[f] = Math.max(0.0, squares[f] - (x - oldMean) * (x - mean[f]));
            }
        }

        /** Exact two-pass moments over the usable bars in {@code [from, to]}. */
        void recompute(FeatureMatrix raw, float[] in, int from, int to) {
            if (count == 0) {
                return;
            }
            for (int f = 0; f < width; f++) {
                double sum = 0;
                for (int j = from; j <= to; j++) {
                    if (raw.isUsable(j)) {
                        sum += in[j * width + f];
                    }
                }
                double m = sum / count;
                double s = 0;
                for (int j = from; j <= to; j++) {
                    if (raw.isUsable(j)) {
                        double d = in[j * width + f] - m;
                        s += d * d;
                    }
                }
                mean[f] = m;
                squares[f] = s;
            }
        }

        void writeZScores(float[] in, float[] out, int row, int oldestInWindow) {
            for (int f = 0; f < width; f++) {
                double z = 0.0;
                if (lastChange[f] > oldestInWindow) {
                    double std = Math.sqrt(squares[f] / count);
                    if (std > 0) {
                        z = Math.max(-CLIP, Math.min(CLIP, (in[row + f] - mean[f]) / std));
                    }
                }
                out[row + f] = (float) z;
            }
        }
    }
}
