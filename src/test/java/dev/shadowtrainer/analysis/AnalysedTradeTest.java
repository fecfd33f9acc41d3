package dev.shadowtrainer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.PostExitRow;
import dev.shadowtrainer.memory.StoredTrade;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysedTradeTest {
    private static StoredTrade stored(String features) {
        float[] e = new float[Embedding.DIMENSION];
        e[0] = 1;
        Instant t0 = Instant.parse("2025-03-01T00:00:00Z");
        return new StoredTrade("k1", "run-1", "binance", "BTC/USDT", "15m", "agent", t0, t0.plusSeconds(3600), 100,
                101, 1000, 2, 1.5, 8.5, 0.85, "TAKE_PROFIT", 1.2, -0.3, "NEUTRAL", 0.004, features, e, 1, true);
    }

    @Test
    void ofParsesTheFeaturesAndKeepsTheStoredNumbers() {
        PostExitRow post = new PostExitRow("k1", 101.5, null, null, null, null, "PENDING");
        AnalysedTrade t = AnalysedTrade.of(stored("{\"rsi_14\": 0.5, \"macd\": -1.25, \"note\": \"x\"}"),
                "HIGH_VOL_TRENDING", post, 3);
        assertThat(t.features()).isEqualTo(Map.of("rsi_14", 0.5, "macd", -1.25));
        assertThat(t.bar()).isEqualTo(Duration.ofMinutes(15));
        assertThat(t.durationBars()).isEqualTo(4.0);
        assertThat(t.grossPnl()).isEqualTo(10.0);
        assertThat(t.isAgent()).isTrue();
        assertThat(t.regimeAtExit()).isEqualTo("HIGH_VOL_TRENDING");
        assertThat(t.pattern()).isEqualTo(3);
        assertThat(t.postExit()).isSameAs(post);
        assertThat(t.leverage()).isEqualTo(2.0);
        assertThat(t.volatilityAtEntry()).isEqualTo(0.004);
    }

    @Test
    void refusesFeaturesThatAreNotAJsonObjectAPatternBelowMinusOneAndAnotherTradesRow() {
        assertThatThrownBy(() -> AnalysedTrade.of(stored("[1, 2]"), null, null, -1))
                .hasMessageContaining("k1").hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> AnalysedTrade.of(stored("{oops"), null, null, -1))
                .hasMessageContaining("k1").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AnalysedTrade.of(stored("{}"), null, null, -2)).hasMessageContaining("-1");
        assertThatThrownBy(() -> AnalysedTrade.of(stored("{}"), null,
                new PostExitRow("other", null, null, null, null, null, "PENDING"), -1)).hasMessageContaining("other");
    }
}
