package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.market.FakeBinanceServer.KlineQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleDownloaderTest {
    private static final Instant LISTED = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-03-01T12:07:30Z");
    private static final Instant NEWEST_CLOSED = Instant.parse("2024-03-01T11:45:00Z");
    private static final Duration STEP = Timeframe.M15.duration();
    private static final SeriesId BTC_15M = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);

    @TempDir
    Path root;

    private final AdjustableClock clock = new AdjustableClock(NOW);
    private FakeBinanceServer binance;
    private CandleCache cache;
    private CandleDownloader downloader;

    @BeforeEach
    void setUp() throws IOException {
        binance = FakeBinanceServer.start(clock, LISTED);
        RetryPolicy noWaiting = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(2), d -> { });
        XChangeCandleSource source = new XChangeCandleSource("binance", binance.baseUrl(), Duration.ofSeconds(5), clock,
                noWaiting);
        cache = new CandleCache(root);
        downloader = new CandleDownloader(source, cache, clock);
    }

    @AfterEach
    void tearDown() {
        binance.close();
    }

    @Test
    void secondDownloadFetchesOnlyTheCandlesClosedSinceTheFirst() {
        DownloadResult first = downloader.download(BTC_15M, 12);

        Instant firstOpen = Instant.parse("2024-02-18T12:15:00Z");
        assertThat(first.fetched()).isEqualTo(12 * 96 - 1);
        assertThat(first.added()).isEqualTo(first.fetched());
        assertThat(first.requests()).isEqualTo(2);
        assertThat(first.firstFetched()).contains(firstOpen);
        assertThat(first.lastFetched()).contains(NEWEST_CLOSED);
        assertThat(first.cached()).isEqualTo(new CachedSeries(BTC_15M, firstOpen, NEWEST_CLOSED, 12 * 96 - 1, 0));

        clock.advance(Duration.ofHours(5));
        int requestsBefore = binance.klineQueries().size();
        DownloadResult second = downloader.download(BTC_15M, 12);

        List<KlineQuery> secondQueries = binance.klineQueries().subList(requestsBefore, binance.klineQueries().size());
        assertThat(secondQueries).extracting(KlineQuery::startTime)
                .containsExactly(NEWEST_CLOSED.plus(STEP).toEpochMilli());
        assertThat(second.requests()).isEqualTo(1);
        assertThat(second.fetched()).isEqualTo(20);
        assertThat(second.added()).isEqualTo(20);
        assertThat(second.firstFetched()).contains(NEWEST_CLOSED.plus(STEP));
        assertThat(second.lastFetched()).contains(NEWEST_CLOSED.plus(STEP.multipliedBy(20)));
        assertThat(second.cached()).isEqualTo(new CachedSeries(BTC_15M, firstOpen,
                NEWEST_CLOSED.plus(STEP.multipliedBy(20)), 12 * 96 - 1 + 20, 0));
        assertThat(cache.read(BTC_15M)).allSatisfy(c -> assertThat(c).isEqualTo(FakeBinanceServer.candleAt(c.openTimeMillis())));
    }

    @Test
    void upToDateCacheMakesNoRequest() {
        downloader.download(BTC_15M, 3);
        int requestsBefore = binance.klineQueries().size();
        clock.advance(Duration.ofMinutes(5));

        DownloadResult again = downloader.download(BTC_15M, 3);

        assertThat(again.requests()).isZero();
        assertThat(again.fetched()).isZero();
        assertThat(again.firstFetched()).isEmpty();
        assertThat(binance.klineQueries()).hasSize(requestsBefore);
        assertThat(again.cached().count()).isEqualTo(3 * 96 - 1);
    }

    @Test
    void askingForMoreDaysFetchesTheOlderPartInFrontOfTheCache() {
        DownloadResult twoDays = downloader.download(BTC_15M, 2);
        Instant cachedFirst = twoDays.cached().firstOpen();
        int requestsBefore = binance.klineQueries().size();

        DownloadResult fiveDays = downloader.download(BTC_15M, 5);

        List<KlineQuery> queries = binance.klineQueries().subList(requestsBefore, binance.klineQueries().size());
        assertThat(queries).hasSize(1);
        assertThat(queries.get(0).startTime()).isEqualTo(Instant.parse("2024-02-25T12:15:00Z").toEpochMilli());
        assertThat(queries.get(0).endTime()).isEqualTo(cachedFirst.minus(STEP).toEpochMilli());
        assertThat(fiveDays.fetched()).isEqualTo(3 * 96);
        assertThat(fiveDays.added()).isEqualTo(3 * 96);
        assertThat(fiveDays.cached()).isEqualTo(new CachedSeries(BTC_15M, Instant.parse("2024-02-25T12:15:00Z"),
                NEWEST_CLOSED, 5 * 96 - 1, 0));
    }

    @Test
    void failedDownloadLeavesTheCacheAsItWas() throws IOException {
        downloader.download(BTC_15M, 1);
        byte[] before = Files.readAllBytes(cache.file(BTC_15M));
        clock.advance(Duration.ofHours(1));
        binance.failNext(5, 429, null);

        assertThatThrownBy(() -> downloader.download(BTC_15M, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("failed after 5 attempts");
        assertThat(Files.readAllBytes(cache.file(BTC_15M))).isEqualTo(before);
    }
}
