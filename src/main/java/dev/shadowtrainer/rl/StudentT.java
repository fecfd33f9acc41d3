package dev.shadowtrainer.rl;

/**
 * Student's t distribution for real (not only whole) degrees of freedom, as Welch's test needs.
 *
 * <p>The two-sided tail probability is a regularized incomplete beta function:
 * P(|T| &ge; |t|) = I<sub>x</sub>(&nu;/2, 1/2) with x = &nu; / (&nu; + t&sup2;). I<sub>x</sub>(a, b) is
 * evaluated from its continued fraction (Abramowitz and Stegun 26.5.8) with the modified Lentz method, on
 * whichever side of the mean (x &lt; (a+1)/(a+b+2)) the fraction converges fast, using the symmetry
 * I<sub>x</sub>(a, b) = 1 &minus; I<sub>1&minus;x</sub>(b, a). ln &Gamma; is Lanczos' approximation (g = 7,
 * nine terms), good to about 1e-15 relative for arguments &ge; 1/2. Accurate to about 1e-12 absolute.
 */
public final class StudentT {
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double LANCZOS_G = 7.0;
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double TINY = 1e-300;
    private static final double EPSILON = 1e-15;
    private static final int MAX_TERMS = 10_000;

    private StudentT() {
    }

    /**
     * P(|T| &ge; |t|) for T with {@code df} degrees of freedom: the two-sided p-value of the statistic t.
     *
     * @param df degrees of freedom, finite and &gt; 0
     */
    public static double twoSidedP(double t, double df) {
        requireDf(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** P(T &le; t), the cumulative distribution function. */
    public static double cdf(double t, double df) {
        double half = twoSidedP(t, df) / 2;
        return t >= 0 ? 1 - half : half;
    }

    /** The regularized incomplete beta function I<sub>x</sub>(a, b) for x in [0, 1], a, b &gt; 0. */
    static double regularizedBeta(double x, double a, double b) {
        if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("incomplete beta needs x in [0, 1] and a, b > 0, got x " + x
                    + ", a " + a + ", b " + b);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x)
                + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * fraction(x, a, b) / a;
        }
        return 1 - front * fraction(1 - x, b, a) / b;
    }

    /** The continued fraction of I_x(a, b) (without its prefactor), by modified Lentz. */
    private static double fraction(double x, double a, double b) {
        double c = 1;
        double d = nonZero(1 - (a + b) * x / (a + 1));
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_TERMS; m++) {
            // even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m))
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            h *= d * c;
            // odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta fraction did not converge for x " + x + ", a " + a + ", b " + b);
    }

    private static double nonZero(double v) {
        return Math.abs(v) < TINY ? TINY : v;
    }

    /** ln &Gamma;(x) for x &gt; 0. */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            return logGamma(x + 1) - Math.log(x); // Γ(x) = Γ(x + 1) / x
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + LANCZOS_G + 0.5;
        return HALF_LN_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static void requireDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be finite and > 0, got " + df);
        }
    }
}
