package dev.shadowtrainer.memory;

import java.time.Instant;
import java.util.Objects;

/** One row of runs: the run that first stored a trade. {@code config} is the run's settings as JSON. */
public record RunRecord(String runId, Instant startedAt, String exchange, String symbol, String timeframe,
                        String source, long seed, String policy, String config) {
    public RunRecord {
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(exchange, "exchange is null");
        Objects.requireNonNull(symbol, "symbol is null");
        Objects.requireNonNull(timeframe, "timeframe is null");
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(config, "config is null");
    }
}
