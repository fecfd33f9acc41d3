package dev.shadowtrainer.features;

import java.util.Objects;

/**
 * Least-squares slope of an equity curve against the step index, divided by the mean equity: the
 * curve's average growth per step as a fraction of its level, comparable across account sizes.
 * Two passes, no allocation. Fewer than two points or a zero mean give 0.
 */
public final class EquitySlope {
    private EquitySlope() {
    }

    /** Relative slope of {@code equity[from, to)} with x = 0, 1, ... */
    public static double of(double[] equity, int from, int to) {
        Objects.requireNonNull(equity, "equity is null");
        Objects.checkFromToIndex(from, to, equity.length);
        int n = to - from;
        if (n < 2) {
            return 0.0;
        }
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += equity[j];
        }
        double meanY = sum / n;
        if (meanY == 0) {
            return 0.0;
        }
        double meanX = (n - 1) / 2.0;
        double covariance = 0;
        double varianceX = 0;
        for (int j = from; j < to; j++) {
            double dx = (j - from) - meanX;
            covariance += dx * (equity[j] - meanY);
            varianceX += dx * dx;
        }
        return covariance / varianceX / meanY;
    }
}
