package dev.shadowtrainer.sim;

/**
 * The standard normal distribution: density, cumulative distribution Φ and its inverse, accurate to
 * about 1e-13 relative error for every argument whose result is a normal (non-subnormal) double.
 *
 * <p>Φ uses the power series Φ(x) = ½ + φ(x)·Σ x^(2n+1)/(1·3·5···(2n+1)) for |x| ≤ 2 and the
 * Laplace continued fraction 1 − Φ(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))) in the tails, so tail
 * probabilities keep their relative precision (Abramowitz and Stegun 26.2.10 and 26.2.14).
 * Φ⁻¹ starts from Acklam's rational approximation (relative error below 1.15e-9) and takes one
 * Halley step against Φ, which brings it to full double precision.
 */
public final class StandardNormal {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double SERIES_LIMIT = 2.0;
    private static final int FRACTION_TERMS = 150;
    private static final double TAIL_ZERO = 40.0;

    // Acklam's coefficients: central region numerator (A) and denominator (B), tails numerator (C) and denominator (D).
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
    private static final double ACKLAM_LOW = 0.02425;

    private StandardNormal() {
    }

    /** φ(x), with x² split so that far tails keep their relative precision (Cody's trick). */
    public static double density(double x) {
        double a = Math.abs(x);
        double coarse = Math.floor(a * 16) / 16;
        double rest = (a - coarse) * (a + coarse);
        return Math.exp(-0.5 * coarse * coarse) * Math.exp(-0.5 * rest) / SQRT_2PI;
    }

    /** Φ(x) = P(Z ≤ x); NaN for NaN. */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < -SERIES_LIMIT) {
            return upperTail(-x);
        }
        if (x > SERIES_LIMIT) {
            return 1 - upperTail(x);
        }
        double term = x;
        double sum = x;
        double square = x * x;
        for (int n = 0; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= square / (2 * n + 3);
            sum += term;
        }
        return 0.5 + density(x) * sum;
    }

    /** 1 − Φ(x) for x &gt; 2, by the continued fraction evaluated from its far end. */
    private static double upperTail(double x) {
        if (x > TAIL_ZERO) {
            return 0;
        }
        double fraction = x;
        for (int k = FRACTION_TERMS; k >= 1; k--) {
            fraction = x + k / fraction;
        }
        return density(x) / fraction;
    }

    /**
     * Φ⁻¹(p): the x with Φ(x) = p; −∞ at 0 and +∞ at 1.
     *
     * @throws IllegalArgumentException when p is outside [0, 1] or NaN
     */
    public static double inverseCdf(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        // The upper half by symmetry: 1 - p is exact for p >= 0.5, while Φ(x) - p near 1 would cancel.
        if (p > 0.5) {
            return -lowerHalfInverse(1 - p);
        }
        return lowerHalfInverse(p);
    }

    private static double lowerHalfInverse(double p) {
        double x = acklam(p);
        double error = cdf(x) - p;
        double u = error * SQRT_2PI * Math.exp(0.5 * x * x);
        if (Double.isFinite(u)) {
            x -= u / (1 + 0.5 * x * u);
        }
        return x;
    }

    private static double acklam(double p) {
        if (p < ACKLAM_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
