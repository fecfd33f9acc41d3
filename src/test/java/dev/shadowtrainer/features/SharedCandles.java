package dev.shadowtrainer.features;

import dev.shadowtrainer.market.Candle;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reads the real Binance candles of the shared test data (never copied into this repository). */
final class SharedCandles {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private SharedCandles() {
    }

    static Path dataRoot() {
        return Path.of(System.getProperty("shadow.sharedData", "../shared/data"));
    }

    /** e.g. {@code load("BTC/USDT", Timeframe.M15)} reads {@code binance-2025/BTCUSDT_15m.csv}. */
    static CandleSeries load(String symbol, Timeframe timeframe) {
        Symbol pair = Symbol.parse(symbol);
        Path file = dataRoot().resolve("binance-2025").resolve(pair.compact() + "_" + timeframe.label() + ".csv");
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("shared test data missing: " + file.toAbsolutePath()
                    + " (set -Dshadow.sharedData to the shared data folder)");
        }
        try {
            List<String> lines = Files.readAllLines(file);
            if (!lines.get(0).equals("timestamp,open,high,low,close,volume")) {
                throw new IllegalStateException("unexpected header in " + file + ": " + lines.get(0));
            }
            List<Candle> candles = new ArrayList<>(lines.size() - 1);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                candles.add(new Candle(OffsetDateTime.parse(f[0], TIMESTAMP).toInstant(),
                        Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            }
            return CandleSeries.of(new SeriesId("binance", pair, timeframe), candles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
