package dev.shadowtrainer.patterns;

import dev.shadowtrainer.sim.StandardNormal;

/**
 * Whether a pattern's win rate has inverted: its members in exit-time order are split into the earlier
 * ones and the most recent third (the last ⌈n/3⌉), and a one-sided two-proportion z-test with the
 * pooled rate asks whether the recent win rate is below the earlier one:
 * z = (p_earlier − p_recent) / √(p(1−p)(1/n_earlier + 1/n_recent)), p-value = 1 − Φ(z).
 * The pattern has inverted when it was winning (earlier rate &gt; 50%), is losing now (recent rate &lt;
 * 50%) and the drop is beyond noise (p-value &lt; {@value #ALPHA}). When every member won or every member
 * lost the rates are equal and the p-value is 1.
 *
 * @param earlierWinRate win rate of all but the last third of the members
 * @param recentWinRate  win rate of the last third of the members by exit time
 * @param pValue         one-sided p-value of "recent &lt; earlier"
 */
public record WinRateDrift(double earlierWinRate, double recentWinRate, double pValue) {
    /** Significance level of the inversion test. */
    public static final double ALPHA = 0.05;

    /** Whether the pattern went from winning to losing beyond noise. */
    public boolean inverted() {
        return earlierWinRate > 0.5 && recentWinRate < 0.5 && pValue < ALPHA;
    }

    /** The recent part: the last ⌈n/3⌉ of n members. */
    static int recentCount(int members) {
        return (members + 2) / 3;
    }

    /**
     * The test over outcomes in exit-time order (oldest first); null with fewer than 3 members, where
     * one part would be empty.
     */
    static WinRateDrift of(boolean[] winsByExitTime) {
        int n = winsByExitTime.length;
        if (n < 3) {
            return null;
        }
        int recent = recentCount(n);
        int earlier = n - recent;
        int earlierWins = 0;
        int recentWins = 0;
        for (int i = 0; i < n; i++) {
            if (winsByExitTime[i]) {
                if (i < earlier) {
                    earlierWins++;
                } else {
                    recentWins++;
                }
            }
        }
        double pe = (double) earlierWins / earlier;
        double pr = (double) recentWins / recent;
        double pooled = (double) (earlierWins + recentWins) / n;
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / earlier + 1.0 / recent));
        double p = se == 0 ? 1.0 : 1 - StandardNormal.cdf((pe - pr) / se);
        return new WinRateDrift(pe, pr, p);
    }
}
