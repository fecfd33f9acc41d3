package dev.shadowtrainer.market;

/**
 * SplitMix64 with a polar-method Gaussian, written out so synthetic markets stay identical across
 * JDK versions (the JDK's generators and {@code nextGaussian} have changed between releases).
 * One instance per generated series; not thread-safe.
 */
final class SeededRandom {
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 finaliser: spreads every input bit over the output, also used to mix seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Standard normal; StrictMath keeps the result bit-identical on every platform. */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * scale;
        hasSpare = true;
        return u * scale;
    }
}
