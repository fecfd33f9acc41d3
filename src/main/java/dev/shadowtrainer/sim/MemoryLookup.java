package dev.shadowtrainer.sim;

/**
 * Pattern-memory features for the observation: what past trades similar to the present one did. It may
 * only use trades whose exit is at or before the current bar (the simulator feeds them in exit order).
 */
public interface MemoryLookup {
    /** Number of values {@link #describe} writes. */
    int width();

    /** Writes the memory features for the current bar of {@code view} into {@code target} at {@code offset}. */
    void describe(MarketView view, float[] target, int offset);

    /** Receives a closed policy trade at its exit bar, never earlier. */
    void remember(Trade trade);

    /** Receives shadow trade {@code index} at its exit bar, never earlier (by row index, so no record is built). */
    void rememberShadow(ShadowTrades trades, int index);

    /** Forgets everything (a new run). */
    void clear();
}
