package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatCsvWriterWritesQuotesAndEmptyNumbersIncluded() throws IOException {
        Path file = dir.resolve("t.csv");
        AtomicFile.write(file, out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.text("name").text("value").endRow();
            csv.text("a, \"quoted\" one").number(1.5E-7).endRow();
            csv.text("plain").number(Double.NaN).endRow();
        });
        CsvTable t = CsvTable.read(file);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.text(0, "name")).isEqualTo("a, \"quoted\" one");
        assertThat(t.number(0, "value")).isEqualTo(1.5E-7);
        assertThat(t.number(1, "value")).isNaN();
        assertThat(t.has("value")).isTrue();
        assertThat(t.has("other")).isFalse();
    }

    @Test
    void aShortRowOrAMissingColumnIsBadData() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> CsvTable.read(file)).isInstanceOf(ShadowTrainerException.class)
                .hasMessageContaining("line 3 has 1 cells for 2 columns")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.BAD_DATA));
        Files.writeString(file, "a,b\n1,x\n");
        CsvTable t = CsvTable.read(file);
        assertThatThrownBy(() -> t.number(0, "c")).hasMessageContaining("no column 'c'");
        assertThatThrownBy(() -> t.number(0, "b")).hasMessageContaining("'x', not a number");
    }
}
