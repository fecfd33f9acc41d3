package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    @TempDir
    Path dir;

    @Test
    void oneRowPerUpdateWithEmptyCellsForWhatIsUnknown() throws IOException {
        Path file = dir.resolve("metrics.csv");
        MetricsCsv.write(file, List.of(
                new MetricsCsv.Row(0, 1, 8192, -0.0125, 0.5, 1.79, 0.004, 0.02, 0.1, 21000.5, 0.0003, Double.NaN, 0, 4),
                new MetricsCsv.Row(0, 2, 16384, -0.01, 0.25, 1.7, 0.006, 0.05, 0.3, 22000, 0.00015, 1.25, 12, 3)));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(String.join(",", MetricsCsv.COLUMNS));
        assertThat(lines.get(1)).isEqualTo("0,1,8192,-0.0125,0.5,1.79,0.004,0.02,0.1,21000.5,3.0E-4,,0,4");
        assertThat(lines.get(2)).isEqualTo("0,2,16384,-0.01,0.25,1.7,0.006,0.05,0.3,22000,1.5E-4,1.25,12,3");
    }
}
