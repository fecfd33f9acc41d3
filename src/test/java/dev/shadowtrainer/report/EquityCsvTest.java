package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.sim.EquityCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EquityCsvTest {
    private static final long T0 = Instant.parse("2025-04-03T17:15:00Z").toEpochMilli();
    private static final long BAR = 900_000L;

    @TempDir
    Path dir;

    private static long[] times(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * BAR;
        }
        return t;
    }

    @Test
    void equityDrawdownAndBaselineColumns() throws IOException {
        Path file = dir.resolve("equity.csv");
        Map<String, double[]> baselines = new LinkedHashMap<>();
        baselines.put("buy_and_hold", new double[] {10_000, 10_100, 9_950, 10_200});
        baselines.put("flat", new double[] {10_000, 10_000, 10_000, 10_000});
        EquityCsv.write(file, times(4), new double[] {10_000, 10_400, 9_880, 10_500.25}, baselines);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(
                "time,equity,drawdown,buy_and_hold,flat",
                "2025-04-03T17:15:00Z,10000,0,10000,10000",
                "2025-04-03T17:30:00Z,10400,0,10100,10000",
                "2025-04-03T17:45:00Z,9880,0.05,9950,10000",
                "2025-04-03T18:00:00Z,10500.25,0,10200,10000");
    }

    @Test
    void curvesWriteTheSameAsArrays() throws IOException {
        EquityCurve policy = new EquityCurve(times(3), new double[] {100, 90, 99});
        EquityCurve hold = new EquityCurve(times(3), new double[] {100, 101, 102});
        Path file = dir.resolve("equity.csv");
        EquityCsv.write(file, policy, Map.of("hold", hold));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("time,equity,drawdown,hold");
        assertThat(lines.get(2)).isEqualTo("2025-04-03T17:30:00Z,90,0.1,101");
        assertThat(Double.parseDouble(lines.get(3).split(",")[2])).isEqualTo((100 - 99) / 100.0);
    }

    @Test
    void mismatchedOrBadlyNamedBaselinesAreRejected() {
        Path file = dir.resolve("equity.csv");
        assertThatThrownBy(() -> EquityCsv.write(file, times(2), new double[] {1, 2}, Map.of("short", new double[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EquityCsv.write(file, times(2), new double[] {1, 2}, Map.of("a,b", new double[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EquityCsv.write(file, times(2), new double[] {1, 2},
                Map.of("drawdown", new double[] {1, 2}))).isInstanceOf(IllegalArgumentException.class);
        EquityCurve policy = new EquityCurve(times(2), new double[] {1, 2});
        EquityCurve shifted = new EquityCurve(new long[] {T0 + BAR, T0 + 2 * BAR}, new double[] {1, 2});
        assertThatThrownBy(() -> EquityCsv.write(file, policy, Map.of("shifted", shifted)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }
}
