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

    /** Forgets everything the run fed in (a new run); a look-up that starts from a preloaded past keeps that. */
    void clear();

    /** A new look-up of the same kind and settings (and preloaded past) sharing no state with this one. */
    MemoryLookup fresh();

    /** A short name of value {@code i} for the observation spec a live trader rebuilds. */
    default String slotName(int i) {
        return getClass().getSimpleName() + " feature " + i;
    }
}
