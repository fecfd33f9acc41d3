package dev.shadowtrainer.market;

import java.util.List;

/** The candle file layouts {@link FileCandleSource} recognises from a file's content. */
public enum CandleFileFormat {
    /** {@code timestamp,open,high,low,close,volume} with a header line (ISO-8601 or epoch timestamps). */
    OHLCV_CSV("CSV timestamp,open,high,low,close,volume",
            List.of("timestamp", "open", "high", "low", "close", "volume")),
    /** Binance kline dump: 12 columns, open time in ms (µs in dumps from 2025 on), header optional. */
    BINANCE_KLINE_CSV("Binance kline CSV",
            List.of("open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume",
                    "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore")),
    /** freqtrade's JSON candle file: {@code [[ms,open,high,low,close,volume],...]}. */
    FREQTRADE_JSON("freqtrade JSON [[ms,open,high,low,close,volume],...]",
            List.of("timestamp", "open", "high", "low", "close", "volume"));

    private final String description;
    private final List<String> columns;

    CandleFileFormat(String description, List<String> columns) {
        this.description = description;
        this.columns = columns;
    }

    public String description() {
        return description;
    }

    /** Column names in file order; only the first six (time and OHLCV) are read. */
    public List<String> columns() {
        return columns;
    }

    /** The columns joined by commas, as error messages show what was expected. */
    String columnList() {
        return String.join(",", columns);
    }
}
