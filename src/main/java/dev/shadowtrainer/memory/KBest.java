package dev.shadowtrainer.memory;

/**
 * The k best of a look-up's similarities, kept in a small array sorted from the worst up: ordered by
 * similarity, and among equal similarities the older trade is the worse. Slots are offered newest
 * first, so an offer never beats an equal one already kept, and the k kept are the k best by
 * (similarity, then recency) whatever ties there are: the same set, in the same order, as sorting every
 * slot that way would give. Sums over {@link #similarity(int)} in index order are therefore a function
 * of the set alone, not of how it was found.
 *
 * <p>Ties happen in practice: an agent trade and a shadow trade decided on the same bar have the same
 * embedding, so the same similarity to any query.
 */
final class KBest {
    private final int k;
    private final float[] similarity;
    private final int[] slot;
    private int found;
    /** The worst kept once k are kept; until then every offer is taken. */
    private float threshold;

    KBest(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        this.similarity = new float[k];
        this.slot = new int[k];
        clear();
    }

    void clear() {
        found = 0;
        threshold = Float.NEGATIVE_INFINITY;
    }

    /**
     * Offers slots {@code from} down to {@code downTo} of {@code similarities}, which must be newer than
     * any offered before since {@link #clear()} and newest first among themselves.
     */
    void offerNewestFirst(float[] similarities, int from, int downTo) {
        for (int s = from; s >= downTo; s--) {
            float v = similarities[s];
            if (v > threshold) {
                offer(v, s);
            }
        }
    }

    private void offer(float v, int s) {
        int i;
        if (found < k) {
            // Older than every entry kept, so it goes below those it equals and those it does not beat.
            i = found++;
            while (i > 0 && similarity[i - 1] >= v) {
                similarity[i] = similarity[i - 1];
                slot[i] = slot[i - 1];
                i--;
            }
        } else {
            // The worst (index 0) drops out: the entries the offer beats move down one, it goes above them.
            i = 0;
            while (i + 1 < k && similarity[i + 1] < v) {
                similarity[i] = similarity[i + 1];
                slot[i] = slot[i + 1];
                i++;
            }
        }
        similarity[i] = v;
        slot[i] = s;
        if (found == k) {
            threshold = similarity[0];
        }
    }

    /** Entries kept (at most k). */
    int found() {
        return found;
    }

    /** The similarity of entry {@code i}, worst first. */
    float similarity(int i) {
        return similarity[i];
    }

    /** The slot of entry {@code i}, worst first. */
    int slot(int i) {
        return slot[i];
    }
}
