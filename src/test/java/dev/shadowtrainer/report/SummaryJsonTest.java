package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shadowtrainer.sim.PerformanceMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {
    /** Strict: NaN and Infinity tokens would fail to parse. */
    private static final JsonMapper STRICT = JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    @TempDir
    Path dir;

    record Summary(String runId, Instant startedAt, PerformanceMetrics combined, double notANumber,
                   Double infinite, double[] curve, List<Double> values, Optional<String> note) {
    }

    @Test
    void writesStrictJsonWithIsoTimesAndNoNaN() throws IOException {
        PerformanceMetrics m = Metrics.withoutTrades();
        Summary s = new Summary("20251121T140501Z-btcusdt-15m", Instant.parse("2025-11-21T14:05:01Z"), m, Double.NaN,
                Double.POSITIVE_INFINITY, new double[] {1.5, Double.NaN}, List.of(2.0, Double.NEGATIVE_INFINITY),
                Optional.empty());
        Path file = dir.resolve("summary.json");
        new SummaryJson().write(file, s);

        String text = Files.readString(file);
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode root = STRICT.readTree(text);
        assertThat(root.get("runId").asText()).isEqualTo("20251121T140501Z-btcusdt-15m");
        assertThat(root.get("startedAt").asText()).isEqualTo("2025-11-21T14:05:01Z");
        assertThat(root.get("notANumber").isNull()).isTrue();
        assertThat(root.get("infinite").isNull()).isTrue();
        assertThat(root.get("curve").get(0).asDouble()).isEqualTo(1.5);
        assertThat(root.get("curve").get(1).isNull()).isTrue();
        assertThat(root.get("values").get(1).isNull()).isTrue();
        assertThat(root.get("note").isNull()).isTrue();

        JsonNode combined = root.get("combined");
        assertThat(combined.get("sharpe").asDouble()).isEqualTo(m.sharpe());
        assertThat(combined.get("deflatedSharpe").asDouble()).isEqualTo(m.deflatedSharpe());
        assertThat(combined.get("trials").asLong()).isEqualTo(3);
        assertThat(combined.get("sortino").isNumber()).isTrue();
        assertThat(combined.get("profitFactor").isNull()).as("no losing trades: null, not Infinity").isTrue();
        assertThat(combined.get("winRate").isNull()).isTrue();
        assertThat(combined.get("losingTrades").asInt()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
