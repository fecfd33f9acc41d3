package dev.shadowtrainer.market;

import java.util.List;

/**
 * Where raw candles come from. Implementations return candles as the source holds them (possibly
 * unsorted, duplicated or broken); everything passes through {@link DataQuality} afterwards.
 * Failures are reported as {@link DataException} with a one-line message naming the source.
 */
public interface CandleSource {
    /** A short name for summaries, e.g. {@code file:data.csv}, {@code synthetic}, {@code xchange:binance}. */
    String name();

    List<Candle> load(CandleRequest request);
}
