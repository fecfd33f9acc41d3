package dev.shadowtrainer.market;

import java.util.List;
import java.util.Objects;

/**
 * Closed candles fetched from an exchange, sorted by open time without duplicates, and how many
 * HTTP requests it took (retries included), so downloads can report their cost.
 */
public record FetchedCandles(List<Candle> candles, int requests) {
    public FetchedCandles {
        candles = List.copyOf(Objects.requireNonNull(candles, "candles is null"));
        if (requests < 0) {
            throw new IllegalArgumentException("requests must not be negative, got " + requests);
        }
    }
}
