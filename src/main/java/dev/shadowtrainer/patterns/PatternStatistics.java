package dev.shadowtrainer.patterns;

import dev.shadowtrainer.sim.Wilson;
import java.util.Arrays;
import java.util.List;

/**
 * The statistics of one pattern from its members, oldest exit first.
 *
 * <p>Size rule: the pattern's edge is its mean pnl % per trade m with standard error
 * se = s/√n (s the sample standard deviation). The large multiplier when m − 2·se &gt; 0 (the edge is
 * positive at about 97.5% one-sided confidence), the normal one when m − se &gt; 0, and the small one
 * otherwise, including every pattern whose edge is not positive, any with fewer than 2 members and
 * every blacklisted one (its recent edge is negative, whatever the whole history says).
 * This is fractional Kelly in spirit (size grows with the edge relative to its uncertainty) without
 * needing the account's equity, which the library does not know.
 *
 * <p>Exit thresholds: take profit = median MFE of the winners, stop loss = 90th percentile of the
 * winners' |MAE| (linear interpolation between order statistics), both in bps and at least 1 bp so
 * they are usable as exit levels; a pattern with no winner uses all its members instead.
 */
final class PatternStatistics {
    /** Share of winners a stop loss at the suggested level would have let through. */
    static final double STOP_QUANTILE = 0.9;
    static final double MIN_EXIT_BPS = 1.0;

    private PatternStatistics() {
    }

    static Pattern describe(int id, float[] centroid, List<PatternSample> membersByExitTime,
                            PatternSettings settings) {
        int n = membersByExitTime.size();
        double[] pnl = new double[n];
        boolean[] outcomes = new boolean[n];
        int wins = 0;
        double gains = 0;
        double losses = 0;
        for (int i = 0; i < n; i++) {
            PatternSample s = membersByExitTime.get(i);
            pnl[i] = s.pnlPercent();
            outcomes[i] = s.win();
            wins += s.win() ? 1 : 0;
            if (pnl[i] > 0) {
                gains += pnl[i];
            } else if (pnl[i] < 0) {
                losses -= pnl[i];
            }
        }
        double mean = mean(pnl);
        double sd = sampleSd(pnl, mean);
        double sharpe = n < 2 || sd == 0 ? 0 : mean / sd;
        boolean trusted = n >= settings.minOccurrences();
        WinRateDrift drift = trusted ? WinRateDrift.of(outcomes) : null;
        PatternStatus status = drift != null && drift.inverted() ? PatternStatus.BLACKLISTED : PatternStatus.ACTIVE;
        double[][] exits = exitThresholds(membersByExitTime, wins > 0);
        return new Pattern(id, centroid, n, wins, (double) wins / n, Wilson.lower(wins, n), mean, sharpe,
                losses > 0 ? gains / losses : null,
                settings.multiplier(status == PatternStatus.BLACKLISTED ? 0 : sizeIndex(mean, sd, n)),
                Math.max(MIN_EXIT_BPS, quantile(exits[0], 0.5)),
                Math.max(MIN_EXIT_BPS, quantile(exits[1], STOP_QUANTILE)), drift, trusted, status);
    }

    /** 0 (small), 1 (normal) or 2 (large) by the size rule of this class. */
    static int sizeIndex(double mean, double sd, int n) {
        if (n < 2 || mean <= 0) {
            return 0;
        }
        double se = sd / Math.sqrt(n);
        if (mean - 2 * se > 0) {
            return 2;
        }
        return mean - se > 0 ? 1 : 0;
    }

    /** MFE and |MAE| in bps of the winners (or of everyone when nobody won). */
    private static double[][] exitThresholds(List<PatternSample> members, boolean winnersOnly) {
        double[] mfe = new double[members.size()];
        double[] mae = new double[members.size()];
        int k = 0;
        for (PatternSample s : members) {
            if (!winnersOnly || s.win()) {
                mfe[k] = 100 * Math.max(0, s.mfePercent());
                mae[k] = 100 * Math.abs(Math.min(0, s.maePercent()));
                k++;
            }
        }
        return new double[][] {Arrays.copyOf(mfe, k), Arrays.copyOf(mae, k)};
    }

    /** The q-quantile by linear interpolation between order statistics (R's type 7). */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double sampleSd(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
