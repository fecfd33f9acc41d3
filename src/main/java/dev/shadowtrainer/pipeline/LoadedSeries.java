package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.QualityReport;
import java.util.Objects;

/**
 * Candles ready for a run: a cleaned series made of a history lead-in (bars before {@code windowStart},
 * there so indicators are warmed up when the window opens) and the requested window, the quality
 * report of everything the source delivered, and the source's name.
 */
public record LoadedSeries(String source, CandleSeries series, int windowStart, QualityReport quality,
                           int requestedDays) {
    public LoadedSeries {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(series, "series is null");
        Objects.requireNonNull(quality, "quality is null");
        if (windowStart < 0 || windowStart > series.size()) {
            throw new IllegalArgumentException("window start " + windowStart + " outside " + series.size() + " bars");
        }
    }

    public int windowBars() {
        return series.size() - windowStart;
    }
}
