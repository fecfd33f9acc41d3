package dev.shadowtrainer.features;

import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.market.CandleRequest;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.FileCandleSource;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;

/** Reads the real Binance candles of the shared test data through the product's own file source. */
final class SharedCandles {
    private SharedCandles() {
    }

    /** e.g. {@code load("BTC/USDT", Timeframe.M15)} reads {@code binance-2025/BTCUSDT_15m.csv}. */
    static CandleSeries load(String symbol, Timeframe timeframe) {
        Symbol pair = Symbol.parse(symbol);
        SeriesId id = new SeriesId("binance", pair, timeframe);
        FileCandleSource file = new FileCandleSource(SharedData.binance2025(pair.compact() + "_" + timeframe.label() + ".csv"));
        // The shared files are clean and gap-free; CandleSeries.of checks the grid anyway.
        return CandleSeries.of(id, file.load(new CandleRequest(id, 1)));
    }
}
