package dev.shadowtrainer.patterns;

import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.StoredTrade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The pattern library of one scope (a symbol, or {@value #ALL}): clusters of entry embeddings fitted on
 * trades that had exited by an as-of time, each with its statistics and status (see {@link Pattern}).
 *
 * <p>Fitting ({@link #fit}) uses only trades whose exit time is at or before {@code asOf} and whose
 * embedding is of the current {@link Embedding#VERSION}, ordered by exit time (stable). It groups them
 * with deterministic spherical k-means into k = min(clusters, max(1, trades / minOccurrences)) patterns,
 * so that a library could, on average, trust all of its patterns; clusters left empty are dropped. The
 * same trades, as-of time and settings give the same library bit for bit. A pattern is trusted with at
 * least minOccurrences members and blacklisted when trusted and its win rate inverted
 * ({@link WinRateDrift}).
 *
 * <p>{@link #assign} finds the pattern nearest to an embedding without allocating, for the simulation's
 * hot path. Immutable.
 */
public final class PatternLibrary {
    /** The scope of a library fitted on every symbol's trades. */
    public static final String ALL = "all";

    private final String scope;
    private final Instant fittedThrough;
    private final int embeddingVersion;
    private final List<Pattern> patterns;
    private final float[] centroids;

    /**
     * A library of given patterns (as loaded from the store).
     *
     * @param fittedThrough the as-of time: only trades exited by then went into it
     */
    public PatternLibrary(String scope, Instant fittedThrough, int embeddingVersion, List<Pattern> patterns) {
        this.scope = Objects.requireNonNull(scope, "scope is null");
        this.fittedThrough = Objects.requireNonNull(fittedThrough, "fittedThrough is null");
        this.embeddingVersion = embeddingVersion;
        this.patterns = List.copyOf(patterns);
        if (scope.isBlank()) {
            throw new IllegalArgumentException("scope is blank; use a symbol or '" + ALL + "'");
        }
        this.centroids = new float[this.patterns.size() * Embedding.DIMENSION];
        for (int p = 0; p < this.patterns.size(); p++) {
            Pattern pattern = this.patterns.get(p);
            if (pattern.id() != p) {
                throw new IllegalArgumentException("pattern ids must be 0.." + (this.patterns.size() - 1)
                        + " in order, found " + pattern.id() + " at " + p);
            }
            for (int i = 0; i < Embedding.DIMENSION; i++) {
                centroids[p * Embedding.DIMENSION + i] = pattern.centroid(i);
            }
        }
    }

    /** {@link #fit(String, List, Instant, PatternSettings)} of stored trades. */
    public static PatternLibrary fit(String scope, List<StoredTrade> trades, Instant asOf, PatternSettings settings) {
        Objects.requireNonNull(trades, "trades is null");
        return fitSamples(scope, trades.stream().map(PatternSample::of).toList(), asOf, settings);
    }

    /**
     * Fits the library of {@code scope} on the samples that had exited by {@code asOf} (see the class
     * comment). The caller picks the samples of the scope; the library only labels them.
     */
    public static PatternLibrary fitSamples(String scope, List<PatternSample> samples, Instant asOf,
                                            PatternSettings settings) {
        Objects.requireNonNull(samples, "samples is null");
        Objects.requireNonNull(asOf, "asOf is null");
        Objects.requireNonNull(settings, "settings is null");
        List<PatternSample> past = new ArrayList<>();
        for (PatternSample s : samples) {
            if (!s.exitTime().isAfter(asOf) && s.embeddingVersion() == Embedding.VERSION && norm(s) > 0) {
                past.add(s);
            }
        }
        past.sort(Comparator.comparing(PatternSample::exitTime));
        if (past.isEmpty()) {
            return new PatternLibrary(scope, asOf, Embedding.VERSION, List.of());
        }
        int n = past.size();
        double[][] points = new double[n][Embedding.DIMENSION];
        for (int i = 0; i < n; i++) {
            PatternSample s = past.get(i);
            double norm = norm(s);
            for (int j = 0; j < Embedding.DIMENSION; j++) {
                points[i][j] = s.embedding(j) / norm;
            }
        }
        int k = Math.min(settings.clusters(), Math.max(1, n / settings.minOccurrences()));
        SphericalKMeans.Clustering clustering = SphericalKMeans.fit(points, k, settings.seed(),
                settings.maxIterations());
        List<Pattern> patterns = new ArrayList<>();
        for (int c = 0; c < clustering.centroids().length; c++) {
            List<PatternSample> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (clustering.assignment()[i] == c) {
                    members.add(past.get(i));
                }
            }
            if (!members.isEmpty()) {
                patterns.add(PatternStatistics.describe(patterns.size(), unitFloats(clustering.centroids()[c]),
                        members, settings));
            }
        }
        return new PatternLibrary(scope, asOf, Embedding.VERSION, patterns);
    }

    public String scope() {
        return scope;
    }

    /** The as-of time the library was fitted through. */
    public Instant fittedThrough() {
        return fittedThrough;
    }

    public int embeddingVersion() {
        return embeddingVersion;
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public Pattern pattern(int id) {
        return patterns.get(id);
    }

    /**
     * The id of the pattern whose centroid is most similar (cosine) to {@code embedding}, the lowest id
     * on a tie; -1 when the library is empty or the embedding is all zeros. Allocates nothing.
     */
    public int assign(float[] embedding) {
        checkLength(embedding);
        int best = -1;
        double bestDot = Double.NEGATIVE_INFINITY;
        if (norm(embedding) == 0) {
            return -1;
        }
        for (int p = 0; p < patterns.size(); p++) {
            double d = dot(embedding, p);
            if (d > bestDot) {
                best = p;
                bestDot = d;
            }
        }
        return best;
    }

    /** Cosine similarity of {@code embedding} to pattern {@code id}'s centroid; 0 for an all-zero embedding. */
    public double similarity(float[] embedding, int id) {
        checkLength(embedding);
        Objects.checkIndex(id, patterns.size());
        double norm = norm(embedding);
        return norm == 0 ? 0 : dot(embedding, id) / norm;
    }

    private double dot(float[] e, int pattern) {
        int base = pattern * Embedding.DIMENSION;
        double s = 0;
        for (int i = 0; i < Embedding.DIMENSION; i++) {
            s += (double) e[i] * centroids[base + i];
        }
        return s;
    }

    private static void checkLength(float[] embedding) {
        if (embedding.length != Embedding.DIMENSION) {
            throw new IllegalArgumentException("embedding of " + embedding.length + " floats, expected "
                    + Embedding.DIMENSION);
        }
    }

    private static double norm(float[] e) {
        double s = 0;
        for (float v : e) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    private static double norm(PatternSample sample) {
        double s = 0;
        for (int i = 0; i < Embedding.DIMENSION; i++) {
            double v = sample.embedding(i);
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static float[] unitFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @Override
    public String toString() {
        return "PatternLibrary[" + scope + ", " + patterns.size() + " patterns, fitted through " + fittedThrough + "]";
    }
}
