package dev.shadowtrainer.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-bar feature values of one candle series, immutable.
 *
 * <p>Layout: one flat {@code float[]} in row-major order, {@code values[bar * featureCount + feature]},
 * because the walk-forward loop reads one bar's whole row at a time ({@link #copyRow}) and the
 * normaliser also walks bars in time order.
 *
 * <p>A bar is usable ({@link #isUsable(int)}) when every value in its row is meant to be used:
 * the producer guarantees it is past the warm-up, finite and not computed across a data gap.
 * Values of unusable bars may be NaN or meaningless.
 */
public final class FeatureMatrix {
    private final List<FeatureColumn> columns;
    private final float[] values;
    private final boolean[] usable;
    private final int featureCount;
    private final int warmup;
    private final boolean normalised;

    /** Takes ownership of the arrays: only producers in this package build matrices. */
    FeatureMatrix(List<FeatureColumn> columns, float[] values, boolean[] usable, boolean normalised) {
        this.columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        this.values = Objects.requireNonNull(values, "values is null");
        this.usable = Objects.requireNonNull(usable, "usable is null");
        this.featureCount = this.columns.size();
        if (featureCount == 0) {
            throw new IllegalArgumentException("a feature matrix needs at least one column");
        }
        if (values.length != usable.length * featureCount) {
            throw new IllegalArgumentException("values hold " + values.length + " floats, expected "
                    + usable.length + " bars x " + featureCount + " features");
        }
        int max = 0;
        for (int f = 0; f < featureCount; f++) {
            max = Math.max(max, this.columns.get(f).warmup());
            for (int g = 0; g < f; g++) {
                if (this.columns.get(g).name().equals(this.columns.get(f).name())) {
                    throw new IllegalArgumentException("duplicate feature name " + this.columns.get(f).name());
                }
            }
        }
        this.warmup = max;
        this.normalised = normalised;
    }

    /**
     * A matrix from values computed elsewhere (custom or experimental features); the arrays are copied.
     * The caller guarantees what {@link #isUsable(int)} promises, including the no-lookahead contract.
     */
    public static FeatureMatrix of(List<FeatureColumn> columns, float[] values, boolean[] usable, boolean normalised) {
        return new FeatureMatrix(columns, values.clone(), usable.clone(), normalised);
    }

    /** Number of bars (rows). */
    public int size() {
        return usable.length;
    }

    public int featureCount() {
        return featureCount;
    }

    public List<FeatureColumn> columns() {
        return columns;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(featureCount);
        for (FeatureColumn c : columns) {
            names.add(c.name());
        }
        return List.copyOf(names);
    }

    public String name(int feature) {
        return columns.get(feature).name();
    }

    /** The column index of a feature name; throws if the matrix has no such column. */
    public int indexOf(String name) {
        Objects.requireNonNull(name, "name is null");
        for (int f = 0; f < featureCount; f++) {
            if (columns.get(f).name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no feature named '" + name + "'; have " + names());
    }

    /** The largest warm-up over all columns: no bar before it is usable. */
    public int warmup() {
        return warmup;
    }

    public int warmup(int feature) {
        return columns.get(feature).warmup();
    }

    /** True when the values are rolling z-scores rather than raw feature values. */
    public boolean isNormalised() {
        return normalised;
    }

    public float value(int bar, int feature) {
        Objects.checkIndex(feature, featureCount);
        return values[bar * featureCount + feature];
    }

    /** Copies bar's row into {@code target[offset ..]}; allocation-free for the hot loop. */
    public void copyRow(int bar, float[] target, int offset) {
        Objects.checkIndex(bar, usable.length);
        System.arraycopy(values, bar * featureCount, target, offset, featureCount);
    }

    /** One feature over all bars, copied. */
    public float[] column(int feature) {
        Objects.checkIndex(feature, featureCount);
        float[] column = new float[usable.length];
        for (int i = 0; i < column.length; i++) {
            column[i] = values[i * featureCount + feature];
        }
        return column;
    }

    /** The backing row-major array, not copied: for producers in this package, which only read it. */
    float[] values() {
        return values;
    }

    public boolean isUsable(int bar) {
        return usable[bar];
    }

    /** The usable flags of all bars, copied. */
    public boolean[] usableFlags() {
        return usable.clone();
    }

    public int usableCount() {
        int count = 0;
        for (boolean u : usable) {
            if (u) {
                count++;
            }
        }
        return count;
    }
}
