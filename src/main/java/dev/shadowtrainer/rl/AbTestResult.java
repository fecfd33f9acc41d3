package dev.shadowtrainer.rl;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of the sizing design's A/B plan: per group the trades, win rate, mean R, max drawdown, Sharpe
 * and total pnl; Welch's two-sample t-test on the groups' R-multiples; Cohen's d; and the verdict.
 *
 * <p>Definitions:
 * <ul>
 *   <li>win: a trade with pnl &gt; 0 (net of fees); win rate = wins / trades</li>
 *   <li>R: see {@link RMultiple}; mean R and its sample standard deviation (n &minus; 1)</li>
 *   <li>Sharpe: mean R / standard deviation of R, per trade and not annualised (trades are not evenly
 *       spaced in time, so there is no honest annualisation factor)</li>
 *   <li>max drawdown: the largest fall of the group's cumulative pnl (quote currency, trades in exit order,
 *       starting from 0) below its running peak, reported as a positive amount</li>
 *   <li>Welch: t = (m<sub>A</sub> &minus; m<sub>B</sub>) / &radic;(s<sub>A</sub>&sup2;/n<sub>A</sub> +
 *       s<sub>B</sub>&sup2;/n<sub>B</sub>), degrees of freedom by Welch&ndash;Satterthwaite, two-sided p from
 *       Student's t ({@link StudentT})</li>
 *   <li>Cohen's d = (m<sub>A</sub> &minus; m<sub>B</sub>) / pooled s, pooled s&sup2; =
 *       ((n<sub>A</sub>&minus;1) s<sub>A</sub>&sup2; + (n<sub>B</sub>&minus;1) s<sub>B</sub>&sup2;) /
 *       (n<sub>A</sub> + n<sub>B</sub> &minus; 2)</li>
 * </ul>
 * {@code significant} is true only when p &lt; {@value #ALPHA} and both groups hold at least
 * {@value #MIN_TRADES} trades (the design's minimum sample); otherwise the verdict says which rule failed.
 * Values that are undefined (fewer than two trades in a group, no variance) are null.
 */
public record AbTestResult(Group a, Group b, Double t, Double df, Double p, Double cohenD, boolean significant,
                           String verdict) {
    /** Significance level of the design: p &lt; 0.05. */
    public static final double ALPHA = 0.05;
    /** The design's minimum sample per group. */
    public static final int MIN_TRADES = 100;

    public AbTestResult {
        Objects.requireNonNull(a, "group a is null");
        Objects.requireNonNull(b, "group b is null");
        Objects.requireNonNull(verdict, "verdict is null");
    }

    /**
     * One group's numbers.
     *
     * @param name        e.g. {@code A (rl-v1)}
     * @param maxDrawdown largest fall of cumulative pnl below its running peak, quote currency, &ge; 0
     * @param meanR       mean R (null without trades)
     * @param sdR         sample standard deviation of R (null below two trades)
     * @param sharpe      mean R / sd R per trade (null below two trades or without variance)
     */
    public record Group(String name, int trades, int wins, double winRate, Double meanR, Double sdR, Double sharpe,
                        double maxDrawdown, double totalPnl) {
        /** The numbers of trades with R-multiples {@code r} and pnls {@code pnl} (same order: exit order). */
        public static Group of(String name, double[] r, double[] pnl) {
            Objects.requireNonNull(name, "name is null");
            if (r.length != pnl.length) {
                throw new IllegalArgumentException(r.length + " R-multiples for " + pnl.length + " pnls");
            }
            int n = r.length;
            int wins = 0;
            double cumulative = 0;
            double peak = 0;
            double drawdown = 0;
            for (double v : pnl) {
                wins += v > 0 ? 1 : 0;
                cumulative += v;
                peak = Math.max(peak, cumulative);
                drawdown = Math.max(drawdown, peak - cumulative);
            }
            double mean = mean(r);
            Double sd = n < 2 ? null : Math.sqrt(variance(r, mean));
            Double sharpe = sd == null || sd == 0 ? null : mean / sd;
            return new Group(name, n, wins, n == 0 ? 0 : (double) wins / n, n == 0 ? null : mean, sd, sharpe, drawdown,
                    cumulative);
        }
    }

    /** Welch's t statistic, its Welch–Satterthwaite degrees of freedom and the two-sided p-value. */
    public record Welch(double t, double df, double p) {
        /** The test of {@code a} against {@code b}, or null when undefined (a group below two values, no variance). */
        public static Welch of(double[] a, double[] b) {
            if (a.length < 2 || b.length < 2) {
                return null;
            }
            double ma = mean(a);
            double mb = mean(b);
            double qa = variance(a, ma) / a.length;
            double qb = variance(b, mb) / b.length;
            double se2 = qa + qb;
            if (!(se2 > 0)) {
                return null;
            }
            double t = (ma - mb) / Math.sqrt(se2);
            double df = se2 * se2 / (qa * qa / (a.length - 1) + qb * qb / (b.length - 1));
            return new Welch(t, df, StudentT.twoSidedP(t, df));
        }
    }

    /** Cohen's d of {@code a} against {@code b} with the pooled standard deviation, or null when undefined. */
    public static Double cohenD(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return null;
        }
        double ma = mean(a);
        double mb = mean(b);
        double pooled = ((a.length - 1) * variance(a, ma) + (b.length - 1) * variance(b, mb))
                / (a.length + b.length - 2);
        return pooled > 0 ? (ma - mb) / Math.sqrt(pooled) : null;
    }

    /**
     * Compares group A (R-multiples {@code rA}, pnls {@code pnlA}) with group B.
     */
    public static AbTestResult of(String nameA, double[] rA, double[] pnlA, String nameB, double[] rB, double[] pnlB) {
        Group a = Group.of(nameA, rA, pnlA);
        Group b = Group.of(nameB, rB, pnlB);
        Welch welch = Welch.of(rA, rB);
        Double p = welch == null ? null : welch.p();
        return new AbTestResult(a, b, welch == null ? null : welch.t(), welch == null ? null : welch.df(), p,
                cohenD(rA, rB), significant(p, a.trades(), b.trades()), verdict(a, b, p));
    }

    /** The design's rule: p &lt; 0.05 with at least 100 trades in each group; never when p &ge; 0.05 or undefined. */
    public static boolean significant(Double p, int tradesA, int tradesB) {
        return p != null && p < ALPHA && tradesA >= MIN_TRADES && tradesB >= MIN_TRADES;
    }

    private static String verdict(Group a, Group b, Double p) {
        String pText = p == null ? "undefined" : String.format(Locale.ROOT, "%.4g", p);
        if (a.trades() < MIN_TRADES || b.trades() < MIN_TRADES) {
            return String.format(Locale.ROOT, "not significant: too few trades (%s %d, %s %d; the plan needs at least %d "
                            + "per group, p = %s is not judged); use a longer --days or a busier --policy",
                    a.name(), a.trades(), b.name(), b.trades(), MIN_TRADES, pText);
        }
        if (p == null) {
            return "not significant: the t-test is undefined (no variance in the R-multiples)";
        }
        if (p >= ALPHA) {
            return String.format(Locale.ROOT, "not significant: p = %s >= %.2f, no difference in mean R shown", pText,
                    ALPHA);
        }
        return String.format(Locale.ROOT, "significant: p = %s < %.2f, %s has the %s mean R", pText, ALPHA,
                a.name(), a.meanR() > b.meanR() ? "higher" : "lower");
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    /** Sample variance (n − 1). */
    private static double variance(double[] v, double mean) {
        double sum = 0;
        for (double x : v) {
            sum += (x - mean) * (x - mean);
        }
        return sum / (v.length - 1);
    }
}
