package dev.shadowtrainer.rl;

/**
 * Reward of a closed trade for the position-sizing agent v1:
 * <pre>
 * r = pnl% &minus; 0.01 &times; hours / 24 &minus; 0.5 &times; |max drawdown%| + (0.1 if pnl% &gt; 0)
 * </pre>
 * Percent in percent units (2.37 means 2.37%); the drawdown counts by magnitude, so 0.8 and &minus;0.8 are the
 * same penalty; a pnl of exactly 0 earns no bonus. Example: pnl 2.37, 4.5 h, drawdown 0.8 gives
 * 2.37 &minus; 0.001875 &minus; 0.4 + 0.1 = 2.068125.
 */
public final class SizingRewardV1 {
    public static final double TIME_PENALTY_PER_DAY = 0.01;
    public static final double DRAWDOWN_WEIGHT = 0.5;
    public static final double WIN_BONUS = 0.1;

    private SizingRewardV1() {
    }

    public static double of(double pnlPercent, double durationHours, double maxDrawdownPercent) {
        if (!Double.isFinite(pnlPercent) || !Double.isFinite(durationHours) || !Double.isFinite(maxDrawdownPercent)) {
            throw new IllegalArgumentException("sizing reward needs finite pnl, hours and drawdown, got " + pnlPercent
                    + ", " + durationHours + ", " + maxDrawdownPercent);
        }
        if (durationHours < 0) {
            throw new IllegalArgumentException("trade duration must be >= 0 hours, got " + durationHours);
        }
        double reward = pnlPercent
                - TIME_PENALTY_PER_DAY * durationHours / 24.0
                - DRAWDOWN_WEIGHT * Math.abs(maxDrawdownPercent);
        return pnlPercent > 0 ? reward + WIN_BONUS : reward;
    }
}
