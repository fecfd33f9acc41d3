package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private Stream<Path> entries(Path folder) throws IOException {
        return Files.list(folder);
    }

    @Test
    void writesAndReplacesLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.csv");
        AtomicFile.write(target, out -> out.write("first\n"));
        AtomicFile.write(target, out -> out.write("second\n"));
        assertThat(Files.readString(target)).isEqualTo("second\n");
        try (Stream<Path> files = entries(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void failedWriteKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = dir.resolve("summary.json");
        AtomicFile.write(target, out -> out.write("{\"ok\":true}"));
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write("{\"half");
            throw new IOException("disk full");
        })).isInstanceOf(ShadowTrainerException.class)
                .hasMessageContaining("disk full")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.STORAGE));
        assertThat(Files.readString(target)).isEqualTo("{\"ok\":true}");
        try (Stream<Path> files = entries(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFile.write(target, out -> out.write("x"));
        assertThat(Files.readString(target)).isEqualTo("x");
    }

    @Test
    void aFolderInTheWayIsAStorageError() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("inside"));
        assertThatThrownBy(() -> AtomicFile.write(target, out -> out.write("x")))
                .isInstanceOf(ShadowTrainerException.class)
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.STORAGE));
        try (Stream<Path> files = entries(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
