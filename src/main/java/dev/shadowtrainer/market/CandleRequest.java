package dev.shadowtrainer.market;

import java.util.Objects;

/**
 * What a run asks a source for: a series and how many days back from the newest available candle.
 * Sources may return more than asked (a file returns all it holds); the pipeline trims after
 * data-quality checks.
 */
public record CandleRequest(SeriesId id, int days) {
    public CandleRequest {
        Objects.requireNonNull(id, "id is null");
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
    }
}
