package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.AdjustableClock;
import dev.shadowtrainer.market.FakeBinanceServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nightly's step (a): new candles into the cache; offline a warning and the cache, never a failed night. */
class NightlyCandlesTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private ShadowConfig config(String source) {
        return new ConfigLoader().load(null, Map.of(), Map.of("data.source", source, "data.cache_dir",
                dir.resolve("cache").toString(), "data.timeframe", "1h"));
    }

    private static NightlyJob job(Clock clock, String baseUrl) {
        return new NightlyJob(new CandleLoader(clock, baseUrl), "test", clock, (under, over) -> {
            throw new AssertionError("not used");
        }, c -> {
            throw new AssertionError("not used");
        });
    }

    @Test
    void onlineTheCacheIsUpdatedAndUsed() throws IOException {
        AdjustableClock clock = new AdjustableClock(T0.plus(Duration.ofDays(10)));
        try (FakeBinanceServer exchange = FakeBinanceServer.start(clock, T0)) {
            Map<String, String> data = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            String said = job(clock, exchange.baseUrl()).updateCandles(config("auto"), 2, data, notes::add);
            assertThat(said).startsWith("updated the cache: ").contains("new candles");
            assertThat(data).containsEntry("data.source", "cache");
            assertThat(notes).isEmpty();
            assertThat(new dev.shadowtrainer.market.CandleCache(dir.resolve("cache"))
                    .summary(CandleLoader.seriesId(config("auto").data()))).isPresent();
        }
    }

    @Test
    void offlineItWarnsAndGoesOnWithTheCache() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        Map<String, String> data = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        String said = job(Clock.systemUTC(), "http://127.0.0.1:" + port).updateCandles(config("xchange"), 2, data,
                notes::add);
        assertThat(said).startsWith("offline: going on with the cached candles");
        assertThat(data).containsEntry("data.source", "cache");
        assertThat(notes).singleElement().asString().startsWith("warning: could not update the candles");
    }

    @Test
    void fileAndSyntheticSourcesAreUsedAsTheyAre() {
        Map<String, String> data = new LinkedHashMap<>();
        String said = job(Clock.systemUTC(), null).updateCandles(config("synthetic"), 2, data, s -> { });
        assertThat(said).contains("synthetic is not downloaded");
        assertThat(data).isEmpty();
    }
}
