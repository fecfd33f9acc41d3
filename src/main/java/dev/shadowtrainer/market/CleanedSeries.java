package dev.shadowtrainer.market;

import java.util.Objects;

/** A series after data-quality cleaning and the report of what was done to it. */
public record CleanedSeries(CandleSeries series, QualityReport report) {
    public CleanedSeries {
        Objects.requireNonNull(series, "series is null");
        Objects.requireNonNull(report, "report is null");
    }
}
