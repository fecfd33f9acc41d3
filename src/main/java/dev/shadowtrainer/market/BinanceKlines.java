package dev.shadowtrainer.market;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.ExchangeType;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataService;
import org.knowm.xchange.currency.CurrencyPair;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusException;
import si.mazi.rescu.HttpStatusIOException;

/**
 * One page of Binance spot klines through XChange's {@code BinanceMarketDataServiceRaw#klines},
 * with every failure translated into a {@link KlineRequestFailure}. XChange's own retry and rate
 * limiter stay off (their default) so that {@link XChangeCandleSource} alone decides about waiting.
 */
final class BinanceKlines {
    /** Binance answers at most this many klines per request. */
    static final int MAX_PAGE = 1000;

    /** Binance's error code for a symbol it does not list. */
    private static final int INVALID_SYMBOL = -1121;

    private final BinanceMarketDataService marketData;
    private final Clock clock;

    BinanceKlines(String baseUrl, Duration httpTimeout, Clock clock) {
        Objects.requireNonNull(baseUrl, "baseUrl is null");
        Objects.requireNonNull(httpTimeout, "httpTimeout is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        int timeoutMillis = Math.toIntExact(Math.max(1, httpTimeout.toMillis()));
        ExchangeSpecification spec = new ExchangeSpecification(PublicBinanceExchange.class);
        // The name selects XChange's bundled binance.json metadata, so nothing is fetched at start-up.
        spec.setExchangeName("Binance");
        spec.setSslUri(baseUrl);
        spec.setShouldLoadRemoteMetaData(false);
        spec.setHttpConnTimeout(timeoutMillis);
        spec.setHttpReadTimeout(timeoutMillis);
        Exchange exchange = new PublicBinanceExchange();
        exchange.applySpecification(spec);
        this.marketData = (BinanceMarketDataService) exchange.getMarketDataService();
    }

    /** Klines of {@code symbol} whose open time lies in {@code [startTime, endTime]}, oldest first. */
    List<BinanceKline> page(Symbol symbol, Timeframe timeframe, long startTime, long endTime)
            throws KlineRequestFailure {
        CurrencyPair pair = new CurrencyPair(symbol.base(), symbol.quote());
        try {
            return marketData.klines(pair, interval(timeframe), MAX_PAGE, startTime, endTime);
        } catch (IOException | RuntimeException e) {
            throw classify(e);
        }
    }

    static KlineInterval interval(Timeframe timeframe) {
        return switch (timeframe) {
            case M1 -> KlineInterval.m1;
            case M5 -> KlineInterval.m5;
            case M15 -> KlineInterval.m15;
            case H1 -> KlineInterval.h1;
            case H4 -> KlineInterval.h4;
            case D1 -> KlineInterval.d1;
        };
    }

    private KlineRequestFailure classify(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpStatusException status) {
                return classifyHttp(status.getHttpStatusCode(), t);
            }
            if (t instanceof UnknownHostException) {
                return new KlineRequestFailure(KlineRequestFailure.Kind.UNREACHABLE,
                        "unknown host " + t.getMessage(), null, e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new KlineRequestFailure(KlineRequestFailure.Kind.UNREACHABLE, describe(t), null, e);
            }
            if (t instanceof SocketTimeoutException) {
                return new KlineRequestFailure(KlineRequestFailure.Kind.RETRYABLE, describe(t), null, e);
            }
        }
        if (e instanceof IOException) {
            return new KlineRequestFailure(KlineRequestFailure.Kind.RETRYABLE, describe(e), null, e);
        }
        return new KlineRequestFailure(KlineRequestFailure.Kind.REJECTED,
                "unexpected answer (" + describe(e) + ")", null, e);
    }

    private KlineRequestFailure classifyHttp(int status, Throwable t) {
        String reason = "HTTP " + status + exchangeMessage(t);
        if (status == 429 || status == 418) {
            return new KlineRequestFailure(KlineRequestFailure.Kind.RETRYABLE, reason, retryAfter(t), t);
        }
        if (status >= 500) {
            return new KlineRequestFailure(KlineRequestFailure.Kind.RETRYABLE, reason, null, t);
        }
        boolean invalidSymbol = t instanceof BinanceException b ? b.getCode() == INVALID_SYMBOL
                : t instanceof HttpStatusIOException io && String.valueOf(io.getHttpBody()).contains("\"code\":" + INVALID_SYMBOL);
        if (invalidSymbol) {
            return new KlineRequestFailure(KlineRequestFailure.Kind.UNKNOWN_SYMBOL, reason, null, t);
        }
        return new KlineRequestFailure(KlineRequestFailure.Kind.REJECTED, reason, null, t);
    }

    /** Binance's own code and text, without rescu's "(HTTP status code: n)" suffix. */
    private static String exchangeMessage(Throwable t) {
        if (t instanceof BinanceException b) {
            String text = String.valueOf(b.getMessage()).replaceFirst("\\s*\\(HTTP status code: \\d+\\)$", "");
            return " (" + b.getCode() + " " + text + ")";
        }
        return "";
    }

    /** Seconds or an HTTP date, as RFC 9110 allows; anything else is ignored in favour of backoff. */
    private Duration retryAfter(Throwable t) {
        if (!(t instanceof HttpResponseAware aware) || aware.getResponseHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : aware.getResponseHeaders().entrySet()) {
            if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Retry-After")
                    || header.getValue() == null || header.getValue().isEmpty()) {
                continue;
            }
            String value = header.getValue().get(0).trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(clock.instant(), at.toInstant());
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message.strip().lines().findFirst().orElse("");
    }

    /**
     * Binance without API keys: XChange's default specification would look for a key file in the
     * user's home, and public market data needs none.
     */
    private static final class PublicBinanceExchange extends BinanceExchange {
        @Override
        public ExchangeSpecification getDefaultExchangeSpecification() {
            ExchangeSpecification spec = new ExchangeSpecification(getClass());
            spec.setSslUri(XChangeCandleSource.BINANCE_URL);
            spec.setHost("api.binance.com");
            spec.setExchangeName("Binance");
            spec.setExchangeDescription("Binance spot, public market data only");
            spec.setExchangeSpecificParametersItem(EXCHANGE_TYPE, ExchangeType.SPOT);
            spec.setExchangeSpecificParametersItem(USE_SANDBOX, false);
            return spec;
        }
    }
}
