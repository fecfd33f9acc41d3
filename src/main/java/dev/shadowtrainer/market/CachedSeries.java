package dev.shadowtrainer.market;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the candle cache holds for one series: the open times of its first and last candle, the
 * number of candles, and the number of gaps (consecutive candles more than one timeframe apart).
 */
public record CachedSeries(SeriesId id, Instant firstOpen, Instant lastOpen, int count, int gaps) {
    public CachedSeries {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(firstOpen, "firstOpen is null");
        Objects.requireNonNull(lastOpen, "lastOpen is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (lastOpen.isBefore(firstOpen)) {
            throw new IllegalArgumentException("lastOpen " + lastOpen + " is before firstOpen " + firstOpen);
        }
        if (gaps < 0 || gaps >= count) {
            throw new IllegalArgumentException("gaps must be in [0, count), got " + gaps + " for " + count + " candles");
        }
    }

    /** Summarises candles sorted by open time without duplicates; empty input has no summary. */
    static CachedSeries of(SeriesId id, List<Candle> sorted) {
        long step = id.timeframe().millis();
        int gaps = 0;
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).openTimeMillis() - sorted.get(i - 1).openTimeMillis() > step) {
                gaps++;
            }
        }
        return new CachedSeries(id, sorted.get(0).openTime(), sorted.get(sorted.size() - 1).openTime(),
                sorted.size(), gaps);
    }
}
