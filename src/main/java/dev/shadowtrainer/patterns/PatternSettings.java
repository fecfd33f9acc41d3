package dev.shadowtrainer.patterns;

import dev.shadowtrainer.config.ShadowConfig;
import java.util.Objects;

/**
 * How a pattern library is fitted.
 *
 * @param clusters        most patterns a library holds; fewer when there are few trades (see
 *                        {@link PatternLibrary#fit})
 * @param minOccurrences  members a pattern needs to be trusted (memory.min_pattern_occurrences); only a
 *                        trusted pattern can be blacklisted, and a library gets at most one pattern per
 *                        this many trades
 * @param seed            seed of the k-means++ initialisation
 * @param maxIterations   cap on k-means iterations (each reassigns every trade once)
 * @param sizeMultipliers the simulator's size multipliers (small, normal, large) a pattern's optimal
 *                        size is chosen from
 */
public record PatternSettings(int clusters, int minOccurrences, long seed, int maxIterations,
                              double[] sizeMultipliers) {
    public static final int DEFAULT_CLUSTERS = 16;
    public static final int DEFAULT_MAX_ITERATIONS = 50;
    private static final double[] DEFAULT_MULTIPLIERS = {0.5, 1.0, 1.5};

    public PatternSettings {
        Objects.requireNonNull(sizeMultipliers, "sizeMultipliers is null");
        if (clusters < 1 || minOccurrences < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("clusters, minOccurrences and maxIterations must be >= 1, got "
                    + clusters + ", " + minOccurrences + ", " + maxIterations);
        }
        if (sizeMultipliers.length != 3) {
            throw new IllegalArgumentException("three size multipliers (small, normal, large) expected");
        }
        sizeMultipliers = sizeMultipliers.clone();
    }

    /** The defaults: 16 clusters, 50 iterations, multipliers 0.5 / 1.0 / 1.5. */
    public static PatternSettings defaults(int minOccurrences, long seed) {
        return new PatternSettings(DEFAULT_CLUSTERS, minOccurrences, seed, DEFAULT_MAX_ITERATIONS,
                DEFAULT_MULTIPLIERS);
    }

    /** The defaults with memory.min_pattern_occurrences and the shadow market's size multipliers. */
    public static PatternSettings from(ShadowConfig config, long seed) {
        ShadowConfig.ShadowTradingConfig st = config.training().shadowTrading();
        return new PatternSettings(DEFAULT_CLUSTERS, config.memory().minPatternOccurrences(), seed,
                DEFAULT_MAX_ITERATIONS, new double[] {st.sizeMultiplierSmall(), st.sizeMultiplierNormal(),
                    st.sizeMultiplierLarge()});
    }

    @Override
    public double[] sizeMultipliers() {
        return sizeMultipliers.clone();
    }

    double multiplier(int index) {
        return sizeMultipliers[index];
    }
}
