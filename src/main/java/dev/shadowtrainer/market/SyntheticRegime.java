package dev.shadowtrainer.market;

/**
 * The hidden market states of {@link SyntheticMarket}, with their behaviour in clock time (per day)
 * so every timeframe shows the same market at a different resolution.
 *
 * <p>Volatility multipliers scale the symbol's base volatility; mean reversion pulls the log price
 * back towards an anchor with the given half-life; durations are the mean time the chain stays.
 */
public enum SyntheticRegime {
    /** Steady climb with slightly calmer than usual volatility. */
    TREND_UP(0.012, 0.9, 0.0, 4.0, 1.1),
    /** Sell-off: falls faster than trends rise, with more volatility and volume. */
    TREND_DOWN(-0.015, 1.15, 0.0, 3.0, 1.25),
    /** Quiet sideways market held near the price where the range began. */
    RANGE(0.0, 0.6, 0.5, 5.0, 0.7),
    /** Short violent move out of a range, up or down (direction drawn when it starts). */
    BREAKOUT(0.05, 1.9, 0.0, 0.5, 2.2),
    /** Choppy market that keeps snapping back to its slow moving average. */
    MEAN_REVERSION(0.0, 0.95, 0.25, 3.0, 0.95);

    private final double driftPerDay;
    private final double volatilityMultiplier;
    private final double meanReversionHalfLifeDays;
    private final double meanDurationDays;
    private final double volumeMultiplier;

    SyntheticRegime(double driftPerDay, double volatilityMultiplier, double meanReversionHalfLifeDays,
                    double meanDurationDays, double volumeMultiplier) {
        this.driftPerDay = driftPerDay;
        this.volatilityMultiplier = volatilityMultiplier;
        this.meanReversionHalfLifeDays = meanReversionHalfLifeDays;
        this.meanDurationDays = meanDurationDays;
        this.volumeMultiplier = volumeMultiplier;
    }

    /** Expected log return per day; for {@link #BREAKOUT} the magnitude, its sign drawn per episode. */
    public double driftPerDay() {
        return driftPerDay;
    }

    public double volatilityMultiplier() {
        return volatilityMultiplier;
    }

    /** Half-life of the pull back to the anchor in days; 0 means no pull. */
    public double meanReversionHalfLifeDays() {
        return meanReversionHalfLifeDays;
    }

    public double meanDurationDays() {
        return meanDurationDays;
    }

    public double volumeMultiplier() {
        return volumeMultiplier;
    }

    /**
     * Relative chance of moving to {@code next} when this regime ends (0 for itself): ranges tend
     * to break out, breakouts turn into trends, trends calm into ranges or chop.
     */
    public double exitWeight(SyntheticRegime next) {
        if (next == this) {
            return 0;
        }
        return switch (this) {
            case TREND_UP -> switch (next) {
                case RANGE -> 0.35;
                case MEAN_REVERSION -> 0.25;
                case BREAKOUT -> 0.25;
                default -> 0.15;
            };
            case TREND_DOWN -> switch (next) {
                case RANGE -> 0.35;
                case MEAN_REVERSION -> 0.25;
                case BREAKOUT -> 0.25;
                default -> 0.15;
            };
            case RANGE -> switch (next) {
                case BREAKOUT -> 0.4;
                default -> 0.2;
            };
            case BREAKOUT -> switch (next) {
                case TREND_UP, TREND_DOWN -> 0.35;
                default -> 0.15;
            };
            case MEAN_REVERSION -> switch (next) {
                case RANGE -> 0.3;
                case TREND_UP, TREND_DOWN -> 0.25;
                default -> 0.2;
            };
        };
    }
}
