package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.FoldResult;
import dev.shadowtrainer.sim.PerformanceMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldsCsvTest {
    @TempDir
    Path dir;

    private static CandleSeries hourly(int bars) {
        long t0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        CandleSeries.Builder b = CandleSeries.builder(
                new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.H1), bars);
        for (int i = 0; i < bars; i++) {
            b.add(t0 + i * 3_600_000L, 100, 101, 99, 100, 1);
        }
        return b.build();
    }

    @Test
    void oneRowPerFoldAndPolicyWithWindowTimesAndMetrics() throws IOException {
        Path file = dir.resolve("folds.csv");
        PerformanceMetrics m = Metrics.withoutTrades();
        Fold fold = new Fold(0, 0, 24, 26, 30);
        FoldsCsv.write(file, List.of(new FoldResult(fold, "ppo", m), new FoldResult(fold, "buy_and_hold", m)),
                hourly(48));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(String.join(",", FoldsCsv.COLUMNS));
        String[] f = lines.get(1).split(",", -1);
        assertThat(f).hasSize(FoldsCsv.COLUMNS.size());
        assertThat(f[0]).isEqualTo("0");
        assertThat(f[1]).isEqualTo("ppo");
        assertThat(f[2]).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(f[3]).isEqualTo("2025-01-02T00:00:00Z"); // close of bar 23
        assertThat(f[4]).isEqualTo("2025-01-02T02:00:00Z");
        assertThat(f[5]).isEqualTo("2025-01-02T06:00:00Z");
        assertThat(f[6]).isEqualTo("4");
        assertThat(Double.parseDouble(f[7])).isEqualTo(m.totalReturn());
        assertThat(Double.parseDouble(f[9])).isEqualTo(m.sharpe());
        assertThat(Double.parseDouble(f[12])).isEqualTo(m.deflatedSharpe());
        assertThat(f[13]).isEqualTo("0");
        assertThat(f[14]).as("win rate without trades").isEmpty();
        assertThat(f[15]).as("profit factor without losing trades").isEmpty();
        assertThat(f[16]).as("mean pnl without trades").isEmpty();
        assertThat(f[20]).isEqualTo("4");
        assertThat(f[21]).isEqualTo("1");
        assertThat(lines.get(2).split(",", -1)[1]).isEqualTo("buy_and_hold");
    }

    @Test
    void foldBeyondTheSeriesIsRejected() {
        PerformanceMetrics m = Metrics.withoutTrades();
        Fold fold = new Fold(0, 0, 24, 26, 60);
        assertThatThrownBy(() -> FoldsCsv.write(dir.resolve("folds.csv"), List.of(new FoldResult(fold, "ppo", m)),
                hourly(48))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond");
    }
}
