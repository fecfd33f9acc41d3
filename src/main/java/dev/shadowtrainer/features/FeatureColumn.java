package dev.shadowtrainer.features;

import java.util.Objects;

/**
 * One column of a {@link FeatureMatrix}: its stable name and its warm-up, the number of bars
 * before which its value is not used (the value at bar i depends on bars {@code [i - warmup, i]}).
 */
public record FeatureColumn(String name, int warmup) {
    public FeatureColumn {
        Objects.requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("feature name is blank");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up of " + name + " must not be negative, got " + warmup);
        }
    }
}
