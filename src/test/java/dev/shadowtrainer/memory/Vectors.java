package dev.shadowtrainer.memory;

/** Reference vector arithmetic for tests, in double, written plainly to check the fast code against. */
public final class Vectors {
    private Vectors() {
    }

    /** Cosine similarity of {@code a} and {@code b}. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
