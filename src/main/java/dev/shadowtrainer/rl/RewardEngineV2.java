package dev.shadowtrainer.rl;

/**
 * The RL v2 rewards of a closed trade. Percent inputs are in percent units (3.5 means 3.5%); exposure and
 * volatility are fractions (0.35, 0.022).
 *
 * <pre>
 * meta   = pnl% &minus; 0.5 &times; max drawdown% + 0.2 &times; sharpe signal + 0.15 &times; regime alignment
 *   sharpe signal    = tanh(mean / sample std of recent pnl%), 0 with fewer than 2 values or no dispersion
 *   regime alignment = (+1.0 if predicted regime = actual, else &minus;0.5) &times; confidence
 * sizing = pnl% &minus; 0.4 &times; risk penalty + 0.1 &times; volatility adjustment
 *   risk penalty  = min(5, 0.3 &times; max(0, leverage &minus; 5) + 2.0 &times; max(0, exposure &minus; 0.5))
 *   vol adjustment = +0.5 for 0.01 &le; vol &le; 0.03, &minus;0.2 below 0.01, &minus;0.5 &times; (vol &minus; 0.03) / 0.03 above
 * </pre>
 * Worked examples (design): meta(3.5, 1.2, 0.6, 0.85) = 3.5 &minus; 0.6 + 0.12 + 0.1275 = 3.1475;
 * sizing(2.8, leverage 4, exposure 0.35, vol 0.022) = 2.8 &minus; 0 + 0.05 = 2.85. The drawdown counts by
 * magnitude.
 */
public final class RewardEngineV2 {
    public static final double DRAWDOWN_WEIGHT = 0.5;
    public static final double SHARPE_WEIGHT = 0.2;
    public static final double REGIME_WEIGHT = 0.15;
    public static final double RISK_WEIGHT = 0.4;
    public static final double VOLATILITY_WEIGHT = 0.1;
    public static final double RISK_PENALTY_CAP = 5.0;

    private RewardEngineV2() {
    }

    /** The meta-strategy reward from its four terms. */
    public static double meta(double pnlPercent, double maxDrawdownPercent, double sharpeSignal,
                              double regimeAlignment) {
        finite(pnlPercent, maxDrawdownPercent, sharpeSignal, regimeAlignment);
        return pnlPercent - DRAWDOWN_WEIGHT * Math.abs(maxDrawdownPercent) + SHARPE_WEIGHT * sharpeSignal
                + REGIME_WEIGHT * regimeAlignment;
    }

    /** The position-sizing reward. */
    public static double sizing(double pnlPercent, double leverage, double exposure, double volatility) {
        finite(pnlPercent, leverage, exposure, volatility);
        return pnlPercent - RISK_WEIGHT * riskPenalty(leverage, exposure)
                + VOLATILITY_WEIGHT * volatilityAdjustment(volatility);
    }

    /** tanh of the Sharpe ratio (risk-free 0) of {@code recentPnl[from, to)}; in (&minus;1, 1). */
    public static double sharpeSignal(double[] recentPnl, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, recentPnl.length);
        int n = to - from;
        if (n < 2) {
            return 0.0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += recentPnl[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = from; i < to; i++) {
            double d = recentPnl[i] - mean;
            squares += d * d;
        }
        double std = Math.sqrt(squares / (n - 1));
        return std == 0 ? 0.0 : Math.tanh(mean / std);
    }

    /** (+1.0 when {@code predicted} equals {@code actual}, else &minus;0.5) &times; confidence. */
    public static double regimeAlignment(Object predicted, Object actual, double confidence) {
        finite(confidence);
        return (predicted != null && predicted.equals(actual) ? 1.0 : -0.5) * confidence;
    }

    /** min(5, 0.3 &times; excess leverage over 5 + 2.0 &times; excess exposure over 0.5). */
    public static double riskPenalty(double leverage, double exposure) {
        finite(leverage, exposure);
        double penalty = 0.3 * Math.max(0, leverage - 5) + 2.0 * Math.max(0, exposure - 0.5);
        return Math.min(RISK_PENALTY_CAP, penalty);
    }

    /** +0.5 inside [1%, 3%] volatility, &minus;0.2 below, &minus;0.5 &times; (vol &minus; 0.03) / 0.03 above. */
    public static double volatilityAdjustment(double volatility) {
        finite(volatility);
        if (volatility < 0.01) {
            return -0.2;
        }
        if (volatility <= 0.03) {
            return 0.5;
        }
        return -0.5 * (volatility - 0.03) / 0.03;
    }

    private static void finite(double... values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("reward inputs must be finite, got " + v);
            }
        }
    }
}
