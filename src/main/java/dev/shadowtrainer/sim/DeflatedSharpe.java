package dev.shadowtrainer.sim;

/**
 * The deflated Sharpe ratio of Bailey and López de Prado (2014): the probability that the true Sharpe
 * ratio exceeds the best one expected by luck among {@code trials} tries, correcting for short
 * samples, skewed and fat-tailed returns.
 *
 * <p>DSR = Φ((SR − SR0)·√(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²)) with SR the per-period (not
 * annualised) Sharpe ratio, T the number of returns, γ3 their skewness and γ4 their (non-excess)
 * kurtosis, and SR0 = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ the Euler–Mascheroni
 * constant, N the trials and V the variance of the Sharpe estimates across trials. With N = 1,
 * SR0 = 0 and DSR is the probabilistic Sharpe ratio against zero.
 */
public final class DeflatedSharpe {
    public static final double EULER_MASCHERONI = 0.5772156649015329;

    private DeflatedSharpe() {
    }

    /**
     * SR0: the Sharpe ratio the best of {@code trials} unskilled tries is expected to reach.
     *
     * @param variance variance of the Sharpe ratio estimates across the trials (per period)
     */
    public static double benchmark(long trials, double variance) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        }
        if (!(variance >= 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("variance must be finite and non-negative, got " + variance);
        }
        if (trials == 1) {
            return 0;
        }
        double n = trials;
        double expectedMaximum = (1 - EULER_MASCHERONI) * StandardNormal.inverseCdf(1 - 1 / n)
                + EULER_MASCHERONI * StandardNormal.inverseCdf(1 - 1 / (n * Math.E));
        return Math.sqrt(variance) * expectedMaximum;
    }

    /**
     * The variance of one Sharpe ratio estimate, (1 − γ3·SR + (γ4 − 1)/4·SR²)/(T − 1); it stands in
     * for the across-trials variance when only one track record is at hand.
     */
    public static double estimatorVariance(double sharpe, long returns, double skewness, double kurtosis) {
        if (returns < 2) {
            throw new IllegalArgumentException("a Sharpe ratio variance needs at least 2 returns, got " + returns);
        }
        return Math.max(0, shapeTerm(sharpe, skewness, kurtosis)) / (returns - 1);
    }

    /**
     * Φ((SR − SR0)·√(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²)); 0 when it is undefined (fewer than two
     * returns, or a non-positive shape term), because no evidence of skill must not read as some.
     */
    public static double probability(double sharpe, double benchmark, long returns, double skewness,
                                     double kurtosis) {
        double shape = shapeTerm(sharpe, skewness, kurtosis);
        if (returns < 2 || !(shape > 0) || Double.isInfinite(shape)) {
            return 0;
        }
        return StandardNormal.cdf((sharpe - benchmark) * Math.sqrt(returns - 1.0) / Math.sqrt(shape));
    }

    /**
     * The deflated Sharpe ratio of one track record, with V estimated by
     * {@link #estimatorVariance(double, long, double, double)}.
     */
    public static double of(double sharpe, long returns, double skewness, double kurtosis, long trials) {
        if (returns < 2) {
            return 0;
        }
        double variance = estimatorVariance(sharpe, returns, skewness, kurtosis);
        return probability(sharpe, benchmark(trials, variance), returns, skewness, kurtosis);
    }

    private static double shapeTerm(double sharpe, double skewness, double kurtosis) {
        return 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
    }
}
