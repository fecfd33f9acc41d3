package dev.shadowtrainer.market;

import java.util.Objects;

/** Which market a candle series belongs to. */
public record SeriesId(String exchange, Symbol symbol, Timeframe timeframe) {
    public SeriesId {
        Objects.requireNonNull(exchange, "exchange is null");
        Objects.requireNonNull(symbol, "symbol is null");
        Objects.requireNonNull(timeframe, "timeframe is null");
    }

    @Override
    public String toString() {
        return exchange + " " + symbol + " " + timeframe;
    }
}
