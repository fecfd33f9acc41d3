package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.QualityReport;
import java.util.Objects;

/**
 * Candles ready for a run: the requested window of a cleaned series, the quality report of everything
 * the source delivered, and the source's name.
 */
public record LoadedSeries(String source, CandleSeries series, QualityReport quality, int requestedDays) {
    public LoadedSeries {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(series, "series is null");
        Objects.requireNonNull(quality, "quality is null");
    }
}
