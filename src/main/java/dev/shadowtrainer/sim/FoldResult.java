package dev.shadowtrainer.sim;

import java.util.Objects;

/** How one policy did in one fold's test window. */
public record FoldResult(Fold fold, String policy, PerformanceMetrics metrics) {
    public FoldResult {
        Objects.requireNonNull(fold, "fold is null");
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(metrics, "metrics is null");
        if (policy.isBlank()) {
            throw new IllegalArgumentException("policy name is blank");
        }
    }
}
