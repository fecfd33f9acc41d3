package dev.shadowtrainer.market;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV candle identified by its open time in UTC. Values are taken as given: a source may
 * produce broken candles (NaN, high below low), and {@link DataQuality} quarantines them.
 */
public record Candle(Instant openTime, double open, double high, double low, double close, double volume) {
    public Candle {
        Objects.requireNonNull(openTime, "openTime is null");
    }

    public long openTimeMillis() {
        return openTime.toEpochMilli();
    }
}
