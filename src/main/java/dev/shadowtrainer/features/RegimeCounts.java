package dev.shadowtrainer.features;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** How many bars fall in each regime of a detector's output, for summaries and reports. */
public final class RegimeCounts {
    private RegimeCounts() {
    }

    /** Bars per regime, every regime present (0 if never seen), in enum order. */
    public static <E extends Enum<E>> Map<E, Integer> of(Class<E> regimeType, byte[] ordinals) {
        Objects.requireNonNull(regimeType, "regimeType is null");
        Objects.requireNonNull(ordinals, "ordinals is null");
        E[] regimes = regimeType.getEnumConstants();
        int[] counts = new int[regimes.length];
        for (byte ordinal : ordinals) {
            counts[ordinal]++;
        }
        Map<E, Integer> result = new EnumMap<>(regimeType);
        for (E regime : regimes) {
            result.put(regime, counts[regime.ordinal()]);
        }
        return Collections.unmodifiableMap(result);
    }
}
