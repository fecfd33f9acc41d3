package dev.shadowtrainer.sim;

/**
 * The Wilson score interval of a win rate at 95 % (z = 1.96): unlike the plain p ± z·se it stays in
 * [0, 1] and does not collapse to a point at 0 or n wins, so a pattern with 5 wins of 5 is not called
 * certain.
 */
public final class Wilson {
    public static final double Z = 1.96;

    private Wilson() {
    }

    /** Lower bound of the interval of {@code wins} of {@code n} (n &ge; 1). */
    public static double lower(int wins, int n) {
        return bound(wins, n, -1);
    }

    /** Upper bound of the interval of {@code wins} of {@code n} (n &ge; 1). */
    public static double upper(int wins, int n) {
        return bound(wins, n, +1);
    }

    private static double bound(int wins, int n, int sign) {
        if (n < 1 || wins < 0 || wins > n) {
            throw new IllegalArgumentException("need 0 <= wins <= n and n >= 1, got " + wins + " of " + n);
        }
        double p = (double) wins / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2.0 * n);
        double margin = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double b = (centre + sign * margin) / (1 + z2 / n);
        return Math.min(1.0, Math.max(0.0, b));
    }
}
