package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real Binance exports from the shared data folder (required: these tests fail without it). */
class SharedCandleFilesTest {
    private static final Path BINANCE_2025 = SharedData.binance2025("BTCUSDT_15m.csv").getParent();

    private static CandleRequest request(String symbol, Timeframe timeframe) {
        return new CandleRequest(new SeriesId("binance", Symbol.parse(symbol), timeframe), 90);
    }

    private static List<Candle> load(String file, String symbol, Timeframe timeframe) {
        Path path = SharedData.binance2025(file);
        return new FileCandleSource(path).load(request(symbol, timeframe));
    }

    static Stream<String> sharedFiles() throws IOException {
        try (Stream<Path> files = Files.list(BINANCE_2025)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sharedFiles")
    void everySharedFileParsesOneCandlePerDataLine(String file) throws IOException {
        Path path = BINANCE_2025.resolve(file);
        long lines;
        try (Stream<String> text = Files.lines(path)) {
            lines = text.count();
        }

        List<Candle> candles = new FileCandleSource(path).load(request("BTC/USDT", Timeframe.M5));

        assertThat(new FileCandleSource(path).detectFormat()).isEqualTo(CandleFileFormat.OHLCV_CSV);
        assertThat(candles).hasSize((int) (lines - 1));
    }

    @Test
    void btc5mFirstAndLastCandles() {
        List<Candle> candles = load("BTCUSDT_5m.csv", "BTC/USDT", Timeframe.M5);

        assertThat(candles).hasSize(25_920);
        assertThat(candles.get(0)).isEqualTo(new Candle(Instant.parse("2025-04-03T17:05:00Z"),
                81794.8, 81998.1, 81785.2, 81804.9, 317.956));
        assertThat(candles.get(candles.size() - 1)).isEqualTo(new Candle(Instant.parse("2025-07-02T17:00:00Z"),
                109385.4, 109562.5, 109385.3, 109481.1, 268.108));
    }

    @Test
    void ada1mFirstAndLastCandlesAndParseTime() {
        long started = System.nanoTime();
        List<Candle> candles = load("ADAUSDT_1m.csv", "ADA/USDT", Timeframe.M1);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(candles).hasSize(43_200);
        assertThat(candles.get(0)).isEqualTo(new Candle(Instant.parse("2025-05-30T16:40:00Z"),
                0.6901, 0.6912, 0.6894, 0.6898, 216241.0));
        assertThat(candles.get(candles.size() - 1)).isEqualTo(new Candle(Instant.parse("2025-06-29T16:39:00Z"),
                0.5559, 0.5564, 0.5557, 0.5561, 185591.0));
        // Generous bound: a cold JVM on two shared cores; warm parses take tens of milliseconds.
        assertThat(millis).isLessThan(5_000);
        System.out.println("parsed 43,200-row ADAUSDT_1m.csv in " + millis + " ms (cold)");
    }
}
