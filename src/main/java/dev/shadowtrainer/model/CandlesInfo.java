package dev.shadowtrainer.model;

import dev.shadowtrainer.market.CandleSeries;
import java.time.Instant;
import java.util.Objects;

/**
 * Which candles a model was trained on: where they came from (paths reduced so no machine path is kept),
 * the market, how many bars (gap fillers among them), the open times of the first and last bar (UTC,
 * null for an empty series) and the {@link CandleFingerprint} of the whole series.
 */
public record CandlesInfo(String source, String exchange, String symbol, String timeframe, int bars,
                          int fillerBars, Instant firstOpen, Instant lastOpen, String sha256) {
    public CandlesInfo {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(sha256, "sha256 is null");
    }

    /**
     * Describes {@code series}, read from {@code sourceDescription} (e.g. {@code synthetic seed 42} or
     * {@code file:data/BTCUSDT_15m.csv}).
     */
    public static CandlesInfo of(String sourceDescription, CandleSeries series) {
        Objects.requireNonNull(sourceDescription, "sourceDescription is null");
        Objects.requireNonNull(series, "series is null");
        return new CandlesInfo(PathScrubber.forThisMachine().scrub(sourceDescription), series.id().exchange(),
                series.id().symbol().toString(), series.id().timeframe().label(), series.size(),
                series.fillerCount(), series.isEmpty() ? null : series.firstOpen(),
                series.isEmpty() ? null : series.lastOpen(), CandleFingerprint.sha256(series));
    }
}
