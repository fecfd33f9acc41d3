package dev.shadowtrainer.features;

import java.util.Objects;

/**
 * Sample standard deviation (divisor n - 1) of returns: the unbiased estimate from a short
 * history, which is what agents see. Two passes over the range for numerical stability; no
 * allocation. Fewer than two returns give 0, since no dispersion has been observed yet, and equal
 * returns give exactly 0 rather than a rounding residue.
 */
public final class ReturnVolatility {
    private ReturnVolatility() {
    }

    /** Sample std of {@code returns[from, to)}. */
    public static double of(double[] returns, int from, int to) {
        Objects.requireNonNull(returns, "returns is null");
        Objects.checkFromToIndex(from, to, returns.length);
        int n = to - from;
        if (n < 2) {
            return 0.0;
        }
        double sum = 0;
        boolean constant = true;
        for (int j = from; j < to; j++) {
            sum += returns[j];
            constant &= returns[j] == returns[from];
        }
        if (constant) {
            return 0.0;
        }
        double mean = sum / n;
        double squares = 0;
        for (int j = from; j < to; j++) {
            double d = returns[j] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }

    /**
     * Sample std of the simple returns {@code p[j] / p[j-1] - 1} between consecutive prices of
     * {@code prices[from, to)}: {@code to - from - 1} returns.
     */
    public static double ofPrices(double[] prices, int from, int to) {
        Objects.requireNonNull(prices, "prices is null");
        Objects.checkFromToIndex(from, to, prices.length);
        int n = to - from - 1;
        if (n < 2) {
            return 0.0;
        }
        double first = prices[from + 1] / prices[from] - 1.0;
        double sum = 0;
        boolean constant = true;
        for (int j = from + 1; j < to; j++) {
            double r = prices[j] / prices[j - 1] - 1.0;
            sum += r;
            constant &= r == first;
        }
        if (constant) {
            return 0.0;
        }
        double mean = sum / n;
        double squares = 0;
        for (int j = from + 1; j < to; j++) {
            double d = prices[j] / prices[j - 1] - 1.0 - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }
}
