package dev.shadowtrainer.sim;

import java.util.Objects;

/**
 * Moments of the per-bar simple returns of an equity curve, r_i = e_i / e_(i−1) − 1 (0 after the
 * equity has reached zero: a ruined account stays flat).
 *
 * @param count              number of returns (bars − 1)
 * @param mean               arithmetic mean return
 * @param standardDeviation  sample standard deviation (divisor count − 1); 0 with fewer than 2 returns
 * @param downsideDeviation  √(mean(min(r, 0)²)) over all returns
 * @param skewness           population skewness m3 / m2^1.5; 0 when the returns do not vary
 * @param kurtosis           population (non-excess) kurtosis m4 / m2²; 3, the normal value, when the
 *                           returns do not vary
 */
public record ReturnStatistics(int count, double mean, double standardDeviation, double downsideDeviation,
                               double skewness, double kurtosis) {
    public ReturnStatistics {
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
    }

    public static ReturnStatistics of(double[] equity) {
        Objects.requireNonNull(equity, "equity is null");
        int n = Math.max(0, equity.length - 1);
        if (n == 0) {
            return new ReturnStatistics(0, 0, 0, 0, 0, 3);
        }
        double sum = 0;
        double downsideSquares = 0;
        for (int i = 1; i <= n; i++) {
            double r = barReturn(equity, i);
            sum += r;
            if (r < 0) {
                downsideSquares += r * r;
            }
        }
        double mean = sum / n;
        // Central moments in a second pass: one-pass sums of powers lose precision on small returns.
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (int i = 1; i <= n; i++) {
            double d = barReturn(equity, i) - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        double sampleStd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        boolean varies = m2 > 0;
        return new ReturnStatistics(n, mean, sampleStd, Math.sqrt(downsideSquares / n),
                varies ? m3 / Math.pow(m2, 1.5) : 0, varies ? m4 / (m2 * m2) : 3);
    }

    /** The simple return of bar {@code i} (i ≥ 1) of an equity curve. */
    public static double barReturn(double[] equity, int i) {
        double before = equity[i - 1];
        return before > 0 ? equity[i] / before - 1 : 0;
    }

    /** Per-bar Sharpe ratio mean / sample std; 0 when the returns do not vary (nothing to rank). */
    public double sharpePerBar() {
        return standardDeviation > 0 ? mean / standardDeviation : 0;
    }
}
