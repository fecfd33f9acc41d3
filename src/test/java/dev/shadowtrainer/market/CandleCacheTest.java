package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleCacheTest {
    private static final SeriesId BTC_15M = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);
    private static final SeriesId ETH_1H = new SeriesId("binance", Symbol.parse("ETH/USDT"), Timeframe.H1);
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path root;

    private static Candle candle(int bar, double close) {
        return new Candle(T0.plusSeconds(900L * bar), close - 1, close + 2, close - 3, close, 10 + bar);
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void uncachedSeriesReadsAsEmpty() {
        CandleCache cache = new CandleCache(root);

        assertThat(cache.read(BTC_15M)).isEmpty();
        assertThat(cache.newestOpenTime(BTC_15M)).isEmpty();
        assertThat(cache.list()).isEmpty();
    }

    @Test
    void mergeWritesASortedCsvThatReadsBackExactly() throws IOException {
        CandleCache cache = new CandleCache(root);
        Candle awkward = new Candle(T0.plusSeconds(1800), 0.1 + 0.2, 65_000.12345678, 1e-8, 42_000.5, 0.00000123);

        CacheMerge merge = cache.merge(BTC_15M, List.of(candle(1, 101), awkward, candle(0, 100)));

        Path file = root.resolve("binance").resolve("BTC-USDT_15m.csv");
        assertThat(cache.file(BTC_15M)).isEqualTo(file);
        assertThat(merge).isEqualTo(new CacheMerge(3, 0, 3));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).first().isEqualTo("timestamp,open,high,low,close,volume");
        assertThat(lines.get(1)).isEqualTo(T0.toEpochMilli() + ",99.0,102.0,97.0,100.0,10.0");
        assertThat(lines.get(3)).doesNotContain("E").startsWith(T0.plusSeconds(1800).toEpochMilli() + ",");
        assertThat(cache.read(BTC_15M)).containsExactly(candle(0, 100), candle(1, 101), awkward);
        assertThat(cache.newestOpenTime(BTC_15M)).contains(T0.plusSeconds(1800));
    }

    @Test
    void newerCandlesReplaceRowsWithTheSameOpenTime() {
        CandleCache cache = new CandleCache(root);
        cache.merge(BTC_15M, List.of(candle(0, 100), candle(1, 101), candle(2, 102)));

        CacheMerge merge = cache.merge(BTC_15M, List.of(candle(3, 103), candle(1, 555)));

        assertThat(merge).isEqualTo(new CacheMerge(1, 1, 4));
        assertThat(cache.read(BTC_15M)).containsExactly(candle(0, 100), candle(1, 555), candle(2, 102), candle(3, 103));
    }

    @Test
    void mergingNothingLeavesNoFileBehind() {
        CandleCache cache = new CandleCache(root);

        assertThat(cache.merge(BTC_15M, List.of())).isEqualTo(new CacheMerge(0, 0, 0));
        assertThat(Files.exists(cache.file(BTC_15M))).isFalse();
    }

    @Test
    void writesLeaveNoTemporaryFile() throws IOException {
        CandleCache cache = new CandleCache(root);
        cache.merge(BTC_15M, List.of(candle(0, 100)));
        cache.merge(BTC_15M, List.of(candle(1, 101)));

        assertThat(filesIn(root.resolve("binance"))).containsExactly("BTC-USDT_15m.csv");
    }

    @Test
    void failedWriteKeepsThePreviousFileIntact() throws IOException {
        new CandleCache(root).merge(BTC_15M, List.of(candle(0, 100), candle(1, 101)));
        Path file = root.resolve("binance").resolve("BTC-USDT_15m.csv");
        byte[] before = Files.readAllBytes(file);
        CandleCache failing = new CandleCache(root, (temp, target) -> {
            throw new IOException("No space left on device");
        });

        assertThatThrownBy(() -> failing.merge(BTC_15M, List.of(candle(2, 102))))
                .isInstanceOf(ShadowTrainerException.class)
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("previous file is unchanged")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.STORAGE));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(filesIn(file.getParent())).containsExactly("BTC-USDT_15m.csv");
    }

    @Test
    void listReportsRangeCountAndGapsOfEverySeries() throws IOException {
        CandleCache cache = new CandleCache(root);
        // Bars 0-2, then a hole of two bars, then 5-6, then a hole of one bar, then 8: two gaps.
        cache.merge(BTC_15M, List.of(candle(0, 1), candle(1, 1), candle(2, 1), candle(5, 1), candle(6, 1), candle(8, 1)));
        Instant h0 = Instant.parse("2024-02-01T00:00:00Z");
        cache.merge(ETH_1H, List.of(new Candle(h0, 1, 1, 1, 1, 1), new Candle(h0.plusSeconds(3600), 1, 1, 1, 1, 1)));
        Files.writeString(root.resolve("binance").resolve("notes.txt"), "not a cache file");
        Files.writeString(root.resolve("binance").resolve(".BTC-USDT_15m.csv.123.tmp"), "left by a killed process");

        List<CachedSeries> series = cache.list();

        assertThat(series).containsExactly(
                new CachedSeries(BTC_15M, T0, T0.plusSeconds(8 * 900), 6, 2),
                new CachedSeries(ETH_1H, h0, h0.plusSeconds(3600), 2, 0));
        assertThat(cache.summary(BTC_15M)).contains(series.get(0));
    }

    @Test
    void corruptFileIsNamedWithTheLineAndTheAdviceToDeleteIt() throws IOException {
        CandleCache cache = new CandleCache(root);
        cache.merge(BTC_15M, List.of(candle(0, 100)));
        Path file = cache.file(BTC_15M);
        Files.writeString(file, "half a row\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> cache.read(BTC_15M))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("candle cache file " + file + " is corrupt at line 3")
                .hasMessageContaining("delete it");
        assertThatThrownBy(cache::list).isInstanceOf(DataException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> new CacheCandleSource(cache).load(new CandleRequest(BTC_15M, 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("corrupt");
    }

    @Test
    void missingHeaderAndUnorderedRowsAreCorruptToo() throws IOException {
        CandleCache cache = new CandleCache(root);
        Path file = cache.file(BTC_15M);
        Files.createDirectories(file.getParent());
        long t = T0.toEpochMilli();

        Files.writeString(file, t + ",1,1,1,1,1\n");
        assertThatThrownBy(() -> cache.read(BTC_15M)).isInstanceOf(DataException.class)
                .hasMessageContaining("at line 1").hasMessageContaining("header");

        Files.writeString(file, CacheFileFormat.HEADER + "\n" + (t + 900_000) + ",1,1,1,1,1\n" + t + ",1,1,1,1,1\n");
        assertThatThrownBy(() -> cache.read(BTC_15M)).isInstanceOf(DataException.class)
                .hasMessageContaining("at line 3").hasMessageContaining("not strictly increasing");
    }

    @Test
    void cacheSourceLoadsWhatIsCachedAndExplainsAnEmptyCache() {
        CandleCache cache = new CandleCache(root);
        CacheCandleSource source = new CacheCandleSource(cache);

        assertThatThrownBy(() -> source.load(new CandleRequest(BTC_15M, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no cached candles for binance BTC/USDT 15m")
                .hasMessageContaining("--source synthetic");

        cache.merge(BTC_15M, List.of(candle(0, 100), candle(1, 101)));
        assertThat(source.name()).isEqualTo("cache");
        assertThat(source.load(new CandleRequest(BTC_15M, 1))).containsExactly(candle(0, 100), candle(1, 101));
    }
}
