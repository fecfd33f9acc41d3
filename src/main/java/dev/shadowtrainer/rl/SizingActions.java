package dev.shadowtrainer.rl;

import java.util.Arrays;
import java.util.List;

/**
 * Size multiplier &times; leverage grid. Index = multiplierIndex &times; leverages + leverageIndex, so the
 * multiplier varies slowest; key = {@code multiplier|leverage}, e.g. {@code 1.0|3}.
 *
 * <p>Presets:
 * <ul>
 * <li>{@link #V1} ({@code v1}): multipliers {0.3, 0.5, 0.7, 1.0, 1.5} &times; leverage {1..5} = 25</li>
 * <li>{@link #V2} ({@code v2}, the default of the v2 agent): {0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 1.8}
 * &times; {1..7} = 56</li>
 * <li>{@link #V2_DOMAIN} ({@code v2_domain}, the domain-architecture variant): {0.5, 0.75, 1.0, 1.5, 2.0}
 * &times; {5, 10, 15, 20, 25, 30, 40, 50} = 40</li>
 * </ul>
 */
public final class SizingActions implements ActionSpace {
    public static final SizingActions V1 = new SizingActions("v1",
            new double[] {0.3, 0.5, 0.7, 1.0, 1.5}, new int[] {1, 2, 3, 4, 5});
    public static final SizingActions V2 = new SizingActions("v2",
            new double[] {0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 1.8}, new int[] {1, 2, 3, 4, 5, 6, 7});
    public static final SizingActions V2_DOMAIN = new SizingActions("v2_domain",
            new double[] {0.5, 0.75, 1.0, 1.5, 2.0}, new int[] {5, 10, 15, 20, 25, 30, 40, 50});

    private static final List<SizingActions> PRESETS = List.of(V1, V2, V2_DOMAIN);

    private final String name;
    private final double[] multipliers;
    private final int[] leverages;
    private final String[] keys;

    public SizingActions(String name, double[] multipliers, int[] leverages) {
        if (multipliers.length == 0 || leverages.length == 0) {
            throw new IllegalArgumentException("sizing actions need at least one multiplier and one leverage");
        }
        this.name = name;
        this.multipliers = multipliers.clone();
        this.leverages = leverages.clone();
        this.keys = new String[multipliers.length * leverages.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = multipliers[i / leverages.length] + "|" + leverages[i % leverages.length];
        }
        if (Arrays.stream(keys).distinct().count() != keys.length) {
            throw new IllegalArgumentException("sizing actions " + name + " repeat a multiplier or a leverage");
        }
    }

    /** The preset called {@code name}: v1, v2 or v2_domain. */
    public static SizingActions preset(String name) {
        for (SizingActions preset : PRESETS) {
            if (preset.name.equals(name)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown sizing action preset '" + name + "'; use v1, v2 or v2_domain");
    }

    /** The index of (multipliers[multiplierIndex], leverages[leverageIndex]). */
    public int encode(int multiplierIndex, int leverageIndex) {
        if (multiplierIndex < 0 || multiplierIndex >= multipliers.length
                || leverageIndex < 0 || leverageIndex >= leverages.length) {
            throw new IllegalArgumentException("sizing action (" + multiplierIndex + ", " + leverageIndex
                    + ") is outside " + multipliers.length + " x " + leverages.length);
        }
        return multiplierIndex * leverages.length + leverageIndex;
    }

    /** The multiplier and leverage of action {@code index}. */
    public SizingAction decode(int index) {
        checkIndex(index);
        return new SizingAction(index, multipliers[index / leverages.length], leverages[index % leverages.length]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public String key(int index) {
        checkIndex(index);
        return keys[index];
    }

    @Override
    public int indexOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    public double[] multipliers() {
        return multipliers.clone();
    }

    public int[] leverages() {
        return leverages.clone();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= keys.length) {
            throw new IllegalArgumentException("sizing action " + index + " is outside 0.." + (keys.length - 1));
        }
    }

    @Override
    public String toString() {
        return name + " (" + multipliers.length + " multipliers x " + leverages.length + " leverages)";
    }
}
