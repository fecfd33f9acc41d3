package dev.shadowtrainer.patterns;

import java.time.Instant;
import java.util.Objects;

/**
 * A pattern as stored, with the scope of its library and the as-of time that library was fitted
 * through.
 */
public record StoredPattern(String scope, Instant updatedAt, Pattern pattern) {
    public StoredPattern {
        Objects.requireNonNull(scope, "scope is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
        Objects.requireNonNull(pattern, "pattern is null");
    }
}
