package dev.shadowtrainer.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed candles downloaded from an exchange through XChange (today Binance spot, the one module on
 * the classpath whose API offers klines).
 *
 * <p>A range {@code [start, end)} yields exactly the candles that opened at or after {@code start}
 * and closed at or before {@code min(end, now)}; the still-open candle is never returned, so a
 * candle once stored never changes. Requests are paged by start time, 1000 klines each, and each
 * request is retried on rate limits (HTTP 429/418, honouring Retry-After), timeouts, server and I/O
 * errors according to the {@link RetryPolicy}.
 */
public final class XChangeCandleSource implements CandleSource {
    /** Exchanges this source can download from, by the name used in {@link SeriesId#exchange()}. */
    public static final List<String> SUPPORTED_EXCHANGES = List.of("binance");
    public static final String BINANCE_URL = "https://api.binance.com";
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(XChangeCandleSource.class);
    private static final String ALTERNATIVES = "use --source file:PATH / --source synthetic";

    private final String exchange;
    private final String baseUrl;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final BinanceKlines klines;

    /** The public exchange API with the system clock and {@link RetryPolicy#standard()}. */
    public XChangeCandleSource(String exchange) {
        this(exchange, BINANCE_URL, DEFAULT_HTTP_TIMEOUT, Clock.systemUTC(), RetryPolicy.standard());
    }

    /**
     * @param exchange    exchange name, case-insensitive; one of {@link #SUPPORTED_EXCHANGES}
     * @param baseUrl     REST root such as {@code https://api.binance.com}; tests point it at a local fake
     * @param httpTimeout connect and read timeout of one request
     * @param clock       defines "now", i.e. which candles are closed
     */
    public XChangeCandleSource(String exchange, String baseUrl, Duration httpTimeout, Clock clock,
                               RetryPolicy retryPolicy) {
        Objects.requireNonNull(exchange, "exchange is null");
        Objects.requireNonNull(baseUrl, "baseUrl is null");
        Objects.requireNonNull(httpTimeout, "httpTimeout is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy is null");
        this.exchange = exchange.trim().toLowerCase(Locale.ROOT);
        if (!SUPPORTED_EXCHANGES.contains(this.exchange)) {
            throw new DataException("exchange '" + exchange + "' is not supported by --source xchange; supported: "
                    + String.join(", ", SUPPORTED_EXCHANGES) + " (or " + ALTERNATIVES + ")");
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.klines = new BinanceKlines(this.baseUrl, httpTimeout, clock);
    }

    @Override
    public String name() {
        return "xchange:" + exchange;
    }

    public String exchange() {
        return exchange;
    }

    /** The last {@code days} days up to now; an empty answer is an error because a run needs data. */
    @Override
    public List<Candle> load(CandleRequest request) {
        Objects.requireNonNull(request, "request is null");
        Instant start = clock.instant().minus(Duration.ofDays(request.days()));
        List<Candle> candles = fetch(request.id(), start).candles();
        if (candles.isEmpty()) {
            throw new DataException(exchange + " has no closed " + label(request.id()) + " candles since " + start
                    + "; try more --days or " + ALTERNATIVES);
        }
        return candles;
    }

    /** All closed candles that opened at or after {@code startInclusive}. */
    public FetchedCandles fetch(SeriesId id, Instant startInclusive) {
        return fetch(id, startInclusive, clock.instant());
    }

    /** Closed candles that opened at or after {@code startInclusive} and closed by {@code endExclusive}. */
    public FetchedCandles fetch(SeriesId id, Instant startInclusive, Instant endExclusive) {
        return fetch(id, startInclusive, endExclusive, FetchProgress.NONE);
    }

    /** As {@link #fetch(SeriesId, Instant, Instant)}, telling {@code progress} after every page. */
    public FetchedCandles fetch(SeriesId id, Instant startInclusive, Instant endExclusive, FetchProgress progress) {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(progress, "progress is null");
        Objects.requireNonNull(startInclusive, "startInclusive is null");
        Objects.requireNonNull(endExclusive, "endExclusive is null");
        if (!id.exchange().equalsIgnoreCase(exchange)) {
            throw new IllegalArgumentException("series " + id + " asked from the " + exchange + " source");
        }
        long step = id.timeframe().millis();
        long first = Math.floorDiv(startInclusive.toEpochMilli() + step - 1, step) * step;
        long end = Math.min(endExclusive.toEpochMilli(), clock.millis());
        long lastClosed = Math.floorDiv(end, step) * step - step;
        List<Candle> candles = new ArrayList<>();
        int expected = (int) Math.max(0, (lastClosed - first) / step + 1);
        int requests = 0;
        long cursor = first;
        while (cursor <= lastClosed) {
            Page page = requestPage(id, cursor, lastClosed);
            requests += page.attempts();
            long newestSeen = Long.MIN_VALUE;
            for (BinanceKline kline : page.klines()) {
                long openTime = kline.getOpenTime();
                newestSeen = Math.max(newestSeen, openTime);
                boolean inRange = openTime >= cursor && openTime <= lastClosed;
                boolean isNew = candles.isEmpty() || openTime > candles.get(candles.size() - 1).openTimeMillis();
                if (inRange && isNew) {
                    candles.add(toCandle(kline));
                }
            }
            log.debug("{} klines {} from {}: {} received, {} kept in total", exchange, label(id),
                    Instant.ofEpochMilli(cursor), page.klines().size(), candles.size());
            progress.update(candles.size(), expected);
            // A short page means the exchange has nothing more in range; no progress would loop forever.
            if (page.klines().size() < BinanceKlines.MAX_PAGE || newestSeen < cursor) {
                break;
            }
            cursor = newestSeen + step;
        }
        return new FetchedCandles(candles, requests);
    }

    private record Page(List<BinanceKline> klines, int attempts) {
    }

    private Page requestPage(SeriesId id, long startTime, long endTime) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Page(klines.page(id.symbol(), id.timeframe(), startTime, endTime), attempt);
            } catch (KlineRequestFailure failure) {
                switch (failure.kind()) {
                    case UNKNOWN_SYMBOL -> throw new DataException("unknown symbol " + id.symbol() + " on " + exchange
                            + ": " + failure.reason() + "; check the symbol", failure);
                    case UNREACHABLE -> throw new DataException("cannot reach " + exchange + " at " + baseUrl + ": "
                            + failure.reason() + "; no network? " + ALTERNATIVES, failure);
                    case REJECTED -> throw new DataException(exchange + " klines for " + label(id) + " rejected: "
                            + failure.reason(), failure);
                    case RETRYABLE -> waitBeforeRetry(id, attempt, failure);
                }
            }
        }
    }

    private void waitBeforeRetry(SeriesId id, int failedAttempts, KlineRequestFailure failure) {
        if (failedAttempts >= retryPolicy.maxAttempts()) {
            throw new DataException(exchange + " klines for " + label(id) + " failed after " + failedAttempts
                    + " attempts: " + failure.reason() + "; check the network or " + ALTERNATIVES, failure);
        }
        Duration wait = failure.retryAfter().orElseGet(() -> retryPolicy.backoffAfter(failedAttempts));
        if (wait.compareTo(retryPolicy.maxDelay()) > 0) {
            throw new DataException(exchange + " asks to wait " + wait.toSeconds() + " s before the next request after "
                    + failure.reason() + "; try again later or " + ALTERNATIVES, failure);
        }
        log.debug("{} klines for {} attempt {} failed ({}); retrying in {}", exchange, label(id), failedAttempts,
                failure.reason(), wait);
        try {
            retryPolicy.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(exchange + " klines for " + label(id) + " interrupted while waiting to retry", e);
        }
    }

    private static Candle toCandle(BinanceKline k) {
        return new Candle(Instant.ofEpochMilli(k.getOpenTime()), k.getOpen().doubleValue(), k.getHigh().doubleValue(),
                k.getLow().doubleValue(), k.getClose().doubleValue(), k.getVolume().doubleValue());
    }

    private static String label(SeriesId id) {
        return id.symbol() + " " + id.timeframe();
    }
}
