package dev.shadowtrainer.rl;

import java.util.Locale;

/**
 * Account health from the current drawdown below peak equity (a fraction, 0.07 = 7%):
 * 1.0 when d &lt; 0.05, 0.8 when d &lt; 0.10, 0.6 when d &lt; 0.20, else 0.4. Each threshold belongs to the
 * worse level (a drawdown of exactly 5% scores 0.8).
 */
public enum AccountHealth {
    HEALTHY(1.0), STRAINED(0.8), WEAK(0.6), CRITICAL(0.4);

    private final double score;

    AccountHealth(double score) {
        this.score = score;
    }

    public static AccountHealth of(double drawdown) {
        Buckets.requireNumber("drawdown", drawdown);
        double d = Math.abs(drawdown);
        if (d < 0.05) {
            return HEALTHY;
        }
        if (d < 0.10) {
            return STRAINED;
        }
        return d < 0.20 ? WEAK : CRITICAL;
    }

    /** 1.0, 0.8, 0.6 or 0.4. */
    public double score() {
        return score;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
