package dev.shadowtrainer.market;

import java.time.Instant;
import java.util.Objects;

/** A source row kept out of the series, with the reason. */
public record QuarantinedRow(Instant openTime, String reason) {
    public QuarantinedRow {
        Objects.requireNonNull(openTime, "openTime is null");
        Objects.requireNonNull(reason, "reason is null");
    }
}
