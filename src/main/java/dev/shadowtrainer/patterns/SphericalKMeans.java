package dev.shadowtrainer.patterns;

import java.util.SplittableRandom;

/**
 * Deterministic spherical k-means: unit vectors grouped by cosine similarity, each centroid the
 * normalised sum of its members. Initialised by k-means++ from a seeded {@link SplittableRandom} (the
 * first centre uniformly, each next one with probability proportional to the squared cosine distance
 * to the nearest centre so far); then Lloyd iterations until no assignment changes or the iteration
 * cap. Ties go to the lowest centroid index, a cluster that empties keeps its centroid, and all sums
 * run in input order, so the same input and seed give the same clusters bit for bit.
 */
final class SphericalKMeans {
    /** Centroids (unit, or as initialised for an empty cluster) and each point's cluster. */
    record Clustering(double[][] centroids, int[] assignment) {
    }

    private static final double SAME_DIRECTION = 1e-12;

    private SphericalKMeans() {
    }

    /**
     * @param points unit vectors, all of one length
     * @param k      wanted clusters; fewer when fewer distinct directions exist
     */
    static Clustering fit(double[][] points, int k, long seed, int maxIterations) {
        double[][] centroids = initialise(points, k, new SplittableRandom(seed));
        int[] assignment = new int[points.length];
        assign(points, centroids, assignment);
        for (int iteration = 1; iteration < maxIterations; iteration++) {
            update(points, centroids, assignment);
            if (!assign(points, centroids, assignment)) {
                break;
            }
        }
        return new Clustering(centroids, assignment);
    }

    private static double[][] initialise(double[][] points, int k, SplittableRandom random) {
        int n = points.length;
        double[][] centres = new double[Math.min(k, n)][];
        centres[0] = points[random.nextInt(n)].clone();
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            distance[i] = cosineDistance(points[i], centres[0]);
        }
        int chosen = 1;
        while (chosen < centres.length) {
            double total = 0;
            for (double d : distance) {
                total += d * d;
            }
            if (total <= 0) {
                break; // every point sits on a centre already: no further distinct direction
            }
            double target = random.nextDouble() * total;
            int pick = -1;
            double cumulative = 0;
            for (int i = 0; i < n; i++) {
                cumulative += distance[i] * distance[i];
                if (distance[i] > 0) {
                    pick = i;
                    if (cumulative > target) {
                        break;
                    }
                }
            }
            centres[chosen] = points[pick].clone();
            for (int i = 0; i < n; i++) {
                distance[i] = Math.min(distance[i], cosineDistance(points[i], centres[chosen]));
            }
            chosen++;
        }
        return java.util.Arrays.copyOf(centres, chosen);
    }

    /** Assigns each point its most similar centroid; returns whether any assignment changed. */
    private static boolean assign(double[][] points, double[][] centroids, int[] assignment) {
        boolean changed = false;
        for (int i = 0; i < points.length; i++) {
            int best = 0;
            double bestDot = dot(points[i], centroids[0]);
            for (int c = 1; c < centroids.length; c++) {
                double d = dot(points[i], centroids[c]);
                if (d > bestDot) {
                    best = c;
                    bestDot = d;
                }
            }
            if (assignment[i] != best) {
                assignment[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    private static void update(double[][] points, double[][] centroids, int[] assignment) {
        int dim = points[0].length;
        double[][] sums = new double[centroids.length][dim];
        for (int i = 0; i < points.length; i++) {
            double[] sum = sums[assignment[i]];
            for (int j = 0; j < dim; j++) {
                sum[j] += points[i][j];
            }
        }
        for (int c = 0; c < centroids.length; c++) {
            double norm = Math.sqrt(dot(sums[c], sums[c]));
            if (norm > 0) {
                for (int j = 0; j < dim; j++) {
                    centroids[c][j] = sums[c][j] / norm;
                }
            }
        }
    }

    /** 1 − cos, with rounding noise on a point equal to a centre taken as 0 (so it is never picked again). */
    private static double cosineDistance(double[] a, double[] b) {
        double d = 1 - dot(a, b);
        return d < SAME_DIRECTION ? 0 : d;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
