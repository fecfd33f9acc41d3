package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.market.FakeBinanceServer.KlineQuery;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XChangeCandleSourceTest {
    private static final Instant LISTED = Instant.parse("2024-01-01T00:00:00Z");
    /** Mid-candle on purpose: the 12:00 15m candle is still open. */
    private static final Instant NOW = Instant.parse("2024-03-01T12:07:30Z");
    private static final long STEP = Timeframe.M15.millis();
    private static final SeriesId BTC_15M = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);

    private final AdjustableClock clock = new AdjustableClock(NOW);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private FakeBinanceServer binance;

    @BeforeEach
    void startExchange() throws IOException {
        binance = FakeBinanceServer.start(clock, LISTED);
    }

    @AfterEach
    void stopExchange() {
        binance.close();
    }

    private XChangeCandleSource source(Duration httpTimeout) {
        RetryPolicy retry = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(2), sleeps::add);
        return new XChangeCandleSource("binance", binance.baseUrl(), httpTimeout, clock, retry);
    }

    private XChangeCandleSource source() {
        return source(Duration.ofSeconds(5));
    }

    @Test
    void pagesByStartTimeOverMoreThanOneThousandCandlesWithoutDuplicatesOrGaps() {
        FetchedCandles fetched = source().fetch(BTC_15M, NOW.minus(Duration.ofDays(30)));

        long first = Instant.parse("2024-01-31T12:15:00Z").toEpochMilli();
        long lastClosed = Instant.parse("2024-03-01T11:45:00Z").toEpochMilli();
        List<Candle> candles = fetched.candles();
        assertThat(candles).hasSize(30 * 96 - 1);
        assertThat(candles.get(0).openTimeMillis()).isEqualTo(first);
        assertThat(candles.get(candles.size() - 1).openTimeMillis()).isEqualTo(lastClosed);
        for (int i = 1; i < candles.size(); i++) {
            assertThat(candles.get(i).openTimeMillis() - candles.get(i - 1).openTimeMillis())
                    .as("step before candle %d", i).isEqualTo(STEP);
        }
        assertThat(candles).allSatisfy(c -> assertThat(c).isEqualTo(FakeBinanceServer.candleAt(c.openTimeMillis())));
        assertThat(fetched.requests()).isEqualTo(3);
        assertThat(binance.klineQueries()).containsExactly(
                new KlineQuery("BTCUSDT", "15m", first, lastClosed, 1000),
                new KlineQuery("BTCUSDT", "15m", first + 1000 * STEP, lastClosed, 1000),
                new KlineQuery("BTCUSDT", "15m", first + 2000 * STEP, lastClosed, 1000));
        assertThat(binance.otherRequests()).as("no metadata or other endpoints").isEmpty();
    }

    @Test
    void exactlyOneFullPageTakesOneRequest() {
        Instant start = Instant.parse("2024-03-01T12:00:00Z").minusMillis(1000 * STEP);

        FetchedCandles fetched = source().fetch(BTC_15M, start);

        assertThat(fetched.candles()).hasSize(1000);
        assertThat(fetched.requests()).isEqualTo(1);
    }

    @Test
    void neverReturnsTheStillOpenCandle() {
        XChangeCandleSource source = source();

        List<Candle> midCandle = source.fetch(BTC_15M, NOW.minus(Duration.ofHours(1))).candles();
        clock.set(Instant.parse("2024-03-01T12:15:00Z"));
        List<Candle> atClose = source.fetch(BTC_15M, NOW.minus(Duration.ofHours(1))).candles();

        assertThat(midCandle).extracting(Candle::openTime).containsExactly(Instant.parse("2024-03-01T11:15:00Z"),
                Instant.parse("2024-03-01T11:30:00Z"), Instant.parse("2024-03-01T11:45:00Z"));
        assertThat(atClose).extracting(Candle::openTime).endsWith(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(atClose).hasSize(4);
    }

    @Test
    void rangeEndExcludesCandlesClosingAfterIt() {
        Instant start = Instant.parse("2024-02-01T00:00:00Z");

        List<Candle> candles = source().fetch(BTC_15M, start, Instant.parse("2024-02-01T01:10:00Z")).candles();

        assertThat(candles).extracting(Candle::openTime).containsExactly(start, start.plusSeconds(900),
                start.plusSeconds(1800), start.plusSeconds(2700));
    }

    @Test
    void retriesAfterRateLimitsHonouringRetryAfter() {
        binance.failNext(1, 418, null);
        binance.failNext(1, 429, "7");

        FetchedCandles fetched = source().fetch(BTC_15M, NOW.minus(Duration.ofHours(2)));

        assertThat(fetched.candles()).hasSize(7);
        assertThat(fetched.requests()).isEqualTo(3);
        assertThat(sleeps).as("backoff for the 418, then the 429's Retry-After")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(7));
    }

    @Test
    void retriesAfterReadTimeout() {
        binance.delayNext(Duration.ofSeconds(3));

        FetchedCandles fetched = source(Duration.ofMillis(300)).fetch(BTC_15M, NOW.minus(Duration.ofHours(2)));

        assertThat(fetched.candles()).hasSize(7);
        assertThat(fetched.requests()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void givesUpAfterFiveAttemptsWithExponentialBackoff() {
        binance.failNext(10, 429, null);

        assertThatThrownBy(() -> source().fetch(BTC_15M, NOW.minus(Duration.ofHours(2))))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("binance klines for BTC/USDT 15m failed after 5 attempts: HTTP 429")
                .hasMessageContaining("check the network or use --source file:PATH / --source synthetic")
                .hasMessageNotContaining("\n");
        assertThat(binance.klineQueries()).hasSize(5);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
    }

    @Test
    void retryAfterLongerThanThePolicyAllowsFailsAtOnce() {
        binance.failNext(1, 418, "7200");

        assertThatThrownBy(() -> source().fetch(BTC_15M, NOW.minus(Duration.ofHours(2))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("binance asks to wait 7200 s")
                .hasMessageContaining("HTTP 418");
        assertThat(binance.klineQueries()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void unknownSymbolFailsWithoutRetrying() {
        SeriesId unknown = new SeriesId("binance", Symbol.parse("FOO/USDT"), Timeframe.M15);

        assertThatThrownBy(() -> source().fetch(unknown, NOW.minus(Duration.ofDays(1))))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("unknown symbol FOO/USDT on binance")
                .hasMessageContaining("Invalid symbol.")
                .hasMessageNotContaining("\n");
        assertThat(binance.klineQueries()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void stoppedExchangeMeansNoNetworkAndPointsToOfflineSources() {
        XChangeCandleSource source = source();
        binance.close();

        assertThatThrownBy(() -> source.fetch(BTC_15M, NOW.minus(Duration.ofDays(1))))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("cannot reach binance at " + binance.baseUrl())
                .hasMessageContaining("--source synthetic")
                .hasMessageContaining("--source file:PATH");
        assertThat(sleeps).as("connection refused is not retried").isEmpty();
    }

    @Test
    void unsupportedExchangeNamesTheSupportedOnes() {
        assertThatThrownBy(() -> new XChangeCandleSource("kraken"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'kraken'")
                .hasMessageContaining("supported: binance");
    }

    @Test
    void loadFetchesTheLastDaysUpToNow() {
        XChangeCandleSource source = source();

        List<Candle> candles = source.load(new CandleRequest(BTC_15M, 2));

        assertThat(source.name()).isEqualTo("xchange:binance");
        assertThat(candles).hasSize(2 * 96 - 1);
        assertThat(candles.get(0).openTime()).isEqualTo(Instant.parse("2024-02-28T12:15:00Z"));
        assertThat(candles.get(candles.size() - 1).openTime()).isEqualTo(Instant.parse("2024-03-01T11:45:00Z"));
    }

    @Test
    void startAfterTheNewestClosedCandleMakesNoRequest() {
        FetchedCandles fetched = source().fetch(BTC_15M, Instant.parse("2024-03-01T11:50:00Z"));

        assertThat(fetched.candles()).isEmpty();
        assertThat(fetched.requests()).isZero();
        assertThat(binance.klineQueries()).isEmpty();
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5), d -> { });
        List<Duration> delays = new ArrayList<>();
        for (int failed = 1; failed <= 5; failed++) {
            delays.add(policy.backoffAfter(failed));
        }
        assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }
}
