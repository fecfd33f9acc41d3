package dev.shadowtrainer.patterns;

import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.Observation;
import java.util.Objects;

/**
 * The simulator's entry filter of the pattern library: refuses an entry when the decision bar's
 * embedding is nearest to a blacklisted pattern and at least memory.vector_similarity_threshold
 * similar to it (cosine), so a set-up that used to win and now loses beyond noise is not traded. The
 * simulator counts the refusals (filterBlockedEntries).
 *
 * <p>Allocates nothing per call, but holds a scratch embedding: one instance per simulator thread.
 */
public final class PatternBlacklist implements EntryFilter {
    private final PatternLibrary library;
    private final double similarityThreshold;
    private final boolean anyBlacklisted;
    private final float[] scratch = new float[Embedding.DIMENSION];

    /** @param similarityThreshold memory.vector_similarity_threshold, in [0, 1] */
    public PatternBlacklist(PatternLibrary library, double similarityThreshold) {
        this.library = Objects.requireNonNull(library, "library is null");
        if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException("similarity threshold must be in [0, 1], got " + similarityThreshold);
        }
        this.similarityThreshold = similarityThreshold;
        this.anyBlacklisted = library.patterns().stream().anyMatch(Pattern::blacklisted);
    }

    @Override
    public boolean blocks(Observation observation) {
        if (!anyBlacklisted) {
            return false;
        }
        Embedding.into(observation.market(), scratch);
        int nearest = library.assign(scratch);
        return nearest >= 0 && library.pattern(nearest).blacklisted()
                && library.similarity(scratch, nearest) >= similarityThreshold;
    }
}
