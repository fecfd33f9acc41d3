package dev.shadowtrainer.memory;

/** Java functions the H2 store registers as SQL functions (see db/migration/h2). */
public final class H2Functions {
    private H2Functions() {
    }

    /**
     * Cosine distance 1 - a·b / (|a| |b|), as pgvector's {@code <=>}; NULL when either vector is NULL,
     * of another length, or all zeros (pgvector gives NaN there, which must never reach an ordering).
     */
    public static Double cosineDistance(Float[] a, Float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return null;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) {
                return null;
            }
            double x = a[i];
            double y = b[i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        if (na == 0 || nb == 0) {
            return null;
        }
        return 1 - dot / Math.sqrt(na * nb);
    }
}
