package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.config.ShadowConfig.NightlyConfig;
import dev.shadowtrainer.rl.StudentT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether nightly's challenger replaces the champion, and why: one line of models/promotions.log.
 *
 * <p>Rules, all on the same held-out window (out of sample, after fees and slippage): the challenger must pass
 * the sanity gates (finite metric and equity, at least nightly.min_trades trades, a clean lookahead check); with
 * no champion the first such challenger is promoted; otherwise its metric must beat the champion's by at least
 * nightly.min_improvement of the champion's absolute value (and be strictly higher), and the paired t-test on the
 * two models' per-bar returns (differences of the same bars) must give a two-sided p below nightly.significance.
 *
 * @param improvement (challenger - champion) / |champion|; null without a champion or when the champion's is 0
 * @param tStatistic  paired t statistic of the per-bar return differences; null without a champion
 * @param pValue      its two-sided p-value (Student t, n - 1 degrees of freedom); null without a champion
 */
public record PromotionDecision(Instant time, String challenger, String champion, String metric,
                                Double challengerScore, Double championScore, Double improvement, Double tStatistic,
                                Double pValue, int challengerTrades, Boolean lookaheadClean, String decision,
                                String reason) {
    public static final String PROMOTED = "promoted";
    public static final String REJECTED = "rejected";

    public boolean promoted() {
        return PROMOTED.equals(decision);
    }

    /** A model's result on the held-out window. */
    public record Evaluated(double score, int trades, double[] returns, boolean finite) {
    }

    /**
     * @param champion        the champion's name, null when there is none
     * @param champ           its result, null when there is none or it could not be evaluated
     * @param championProblem why the champion could not be evaluated, or null
     * @param lookahead       null when the check could not run; else whether it was clean
     * @param lookaheadNote   what the check said when it was not clean or could not run
     */
    public static PromotionDecision decide(Instant time, NightlyConfig n, String challenger, Evaluated chal,
                                           String champion, Evaluated champ, String championProblem,
                                           Boolean lookahead, String lookaheadNote) {
        List<String> failed = new ArrayList<>();
        if (!chal.finite() || !Double.isFinite(chal.score())) {
            failed.add("its " + n.metric() + " or equity is not a finite number");
        }
        if (chal.trades() < n.minTrades()) {
            failed.add(String.format(Locale.ROOT, "it made %d trades, fewer than nightly.min_trades %d", chal.trades(),
                    n.minTrades()));
        }
        if (!Boolean.TRUE.equals(lookahead)) {
            failed.add("the lookahead check " + (lookahead == null ? "could not run" : "found lookahead") + ": "
                    + lookaheadNote);
        }
        Double improvement = null;
        Double t = null;
        Double p = null;
        Double champScore = null;
        if (champ != null) {
            champScore = finite(champ.score());
            double[] test = pairedT(chal.returns(), champ.returns());
            t = finite(test[0]);
            p = finite(test[1]);
            if (champ.score() != 0 && Double.isFinite(champ.score())) {
                improvement = finite((chal.score() - champ.score()) / Math.abs(champ.score()));
            }
        }
        String reason;
        boolean promote;
        if (!failed.isEmpty()) {
            promote = false;
            reason = "sanity gates failed: " + String.join("; ", failed);
        } else if (champ == null) {
            promote = true;
            reason = champion == null ? "no champion yet: the first valid challenger is promoted"
                    : "the champion " + champion + " could not be evaluated (" + championProblem
                    + "): the valid challenger is promoted";
        } else {
            List<String> short_ = new ArrayList<>();
            double needed = champ.score() + n.minImprovement() * Math.abs(champ.score());
            if (!(chal.score() > champ.score() && chal.score() >= needed)) {
                short_.add(String.format(Locale.ROOT, "%s %.4f is not at least %.0f%% better than the champion's %.4f "
                        + "(needs >= %.4f)", n.metric(), chal.score(), 100 * n.minImprovement(), champ.score(), needed));
            }
            if (p == null || p >= n.significance()) {
                short_.add(String.format(Locale.ROOT, "the difference is not significant (paired t %.3f, p %s >= %s)",
                        test(t), p == null ? "n/a" : String.format(Locale.ROOT, "%.4f", p), n.significance()));
            }
            promote = short_.isEmpty();
            reason = promote ? String.format(Locale.ROOT, "%s %.4f beats the champion's %.4f by %.1f%% (p %.4f)",
                    n.metric(), chal.score(), champ.score(), 100 * (improvement == null ? 0 : improvement), p)
                    : String.join("; ", short_);
        }
        return new PromotionDecision(time, challenger, champion, n.metric(), finite(chal.score()), champScore,
                improvement, t, p, chal.trades(), lookahead, promote ? PROMOTED : REJECTED, reason);
    }

    private static double test(Double t) {
        return t == null ? Double.NaN : t;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Paired t-test of {@code a - b} over their common length: {t, two-sided p}. Identical series give t 0, p 1.
     */
    public static double[] pairedT(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += a[i] - b[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        if (sd == 0) {
            return mean == 0 ? new double[] {0, 1} : new double[] {Math.copySign(Double.POSITIVE_INFINITY, mean), 0};
        }
        double t = mean / (sd / Math.sqrt(n));
        return new double[] {t, StudentT.twoSidedP(t, n - 1)};
    }
}
