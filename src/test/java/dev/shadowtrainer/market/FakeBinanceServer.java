package dev.shadowtrainer.market;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Binance's public REST API, serving {@code GET /api/v3/klines} from a
 * deterministic market: every listed symbol has one candle per interval from {@code listedAt} up to
 * and including the still-open candle at the shared clock's "now". Parameters are honoured as
 * Binance documents them (limit default 500, at most 1000; startTime/endTime bound open times; no
 * start means the most recent klines), and errors use Binance's status codes and JSON bodies.
 * Faults (429/418 with Retry-After, slow answers) are queued per request; every request is recorded.
 */
public final class FakeBinanceServer implements AutoCloseable {
    /** One recorded klines query; absent parameters are null. */
    public record KlineQuery(String symbol, String interval, Long startTime, Long endTime, Integer limit) {
    }

    /** What to do to the next klines request instead of (or before) answering it. */
    private record Fault(int status, String body, String retryAfter, Duration delay) {
    }

    private static final Map<String, Long> INTERVALS = Map.of("1m", 60_000L, "5m", 300_000L, "15m", 900_000L,
            "1h", 3_600_000L, "4h", 14_400_000L, "1d", 86_400_000L);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final long listedAt;
    private final Set<String> symbols;
    private final List<KlineQuery> klineQueries = new CopyOnWriteArrayList<>();
    private final List<String> otherRequests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

    private FakeBinanceServer(Clock clock, Instant listedAt, Set<String> symbols) throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.listedAt = listedAt.toEpochMilli();
        this.symbols = Set.copyOf(symbols);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Several threads, so a deliberately slow answer does not hold up the client's retry.
        this.executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake exchange listing {@code BTCUSDT} and {@code ETHUSDT} since {@code listedAt}. */
    public static FakeBinanceServer start(Clock clock, Instant listedAt) throws IOException {
        return new FakeBinanceServer(clock, listedAt, Set.of("BTCUSDT", "ETHUSDT"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} klines requests are answered with this status, e.g. 429 or 418. */
    void failNext(int times, int status, String retryAfterHeader) {
        String body = status == 418
                ? "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1700000000000.\"}"
                : "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP is 6000 requests per minute.\"}";
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(status, body, retryAfterHeader, Duration.ZERO));
        }
    }

    /** The next klines request is answered normally, but only after {@code delay}. */
    void delayNext(Duration delay) {
        faults.add(new Fault(0, null, null, delay));
    }

    public List<KlineQuery> klineQueries() {
        return List.copyOf(klineQueries);
    }

    /** Paths of every request that was not a klines request (e.g. metadata endpoints). */
    List<String> otherRequests() {
        return List.copyOf(otherRequests);
    }

    /** The candle this market holds at an open time; the same for every symbol and interval. */
    static Candle candleAt(long openTime) {
        long minute = openTime / 60_000L;
        double price = 100 + (minute % 1000) * 0.25;
        double volume = 3 + (minute % 17) * 0.125;
        return new Candle(Instant.ofEpochMilli(openTime), price, price + 1.5, price - 1.25, price + 0.5, volume);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/api/v3/klines")) {
            otherRequests.add(path);
            respond(exchange, 404, error(-1, "Unknown endpoint " + path + " in the fake exchange."));
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        KlineQuery recorded;
        try {
            recorded = new KlineQuery(query.get("symbol"), query.get("interval"), number(query.get("startTime")),
                    number(query.get("endTime")), query.containsKey("limit") ? Integer.valueOf(query.get("limit")) : null);
        } catch (NumberFormatException e) {
            respond(exchange, 400, error(-1100, "Illegal characters found in a parameter."));
            return;
        }
        klineQueries.add(recorded);
        Fault fault = faults.poll();
        if (fault != null) {
            Thread.sleep(fault.delay().toMillis());
            if (fault.status() > 0) {
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
                }
                respond(exchange, fault.status(), fault.body());
                return;
            }
        }
        respond(exchange, 200, klines(exchange, recorded));
    }

    /** Returns the JSON body, or answers with a Binance error itself and returns null. */
    private String klines(HttpExchange exchange, KlineQuery query) throws IOException {
        if (query.symbol() == null || !symbols.contains(query.symbol())) {
            return fail(exchange, -1121, "Invalid symbol.");
        }
        Long step = query.interval() == null ? null : INTERVALS.get(query.interval());
        if (step == null) {
            return fail(exchange, -1120, "Invalid interval.");
        }
        int limit = query.limit() == null ? 500 : query.limit();
        if (limit < 1 || limit > 1000) {
            return fail(exchange, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        long firstOpen = Math.floorDiv(listedAt + step - 1, step) * step;
        long currentOpen = Math.floorDiv(clock.millis(), step) * step;
        Long startTime = query.startTime();
        Long endTime = query.endTime();
        long to = endTime == null ? currentOpen : Math.min(currentOpen, Math.floorDiv(endTime, step) * step);
        long from;
        if (startTime != null) {
            from = Math.max(firstOpen, Math.floorDiv(startTime + step - 1, step) * step);
            to = Math.min(to, from + (limit - 1) * step);
        } else {
            from = Math.max(firstOpen, to - (limit - 1) * step);
        }
        StringBuilder json = new StringBuilder("[");
        for (long t = from; t <= to; t += step) {
            Candle c = candleAt(t);
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('[').append(t).append(",\"").append(price(c.open())).append("\",\"").append(price(c.high()))
                    .append("\",\"").append(price(c.low())).append("\",\"").append(price(c.close())).append("\",\"")
                    .append(price(c.volume())).append("\",").append(t + step - 1).append(",\"")
                    .append(price(c.close() * c.volume())).append("\",42,\"").append(price(c.volume() / 2))
                    .append("\",\"").append(price(c.close() * c.volume() / 2)).append("\",\"0\"]");
        }
        return json.append(']').toString();
    }

    private static String fail(HttpExchange exchange, int code, String message) throws IOException {
        respond(exchange, 400, error(code, message));
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(int code, String message) {
        return "{\"code\":" + code + ",\"msg\":\"" + message + "\"}";
    }

    private static String price(double value) {
        return String.format(Locale.ROOT, "%.8f", value);
    }

    private static Long number(String text) {
        return text == null ? null : Long.valueOf(text);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
