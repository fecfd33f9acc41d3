package dev.shadowtrainer.model;

import static dev.shadowtrainer.model.ModelStoreTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A save stopped at any step, by an exception or by a simulated kill, leaves the previous model or the
 * new one loadable under its name, and the next save clears up what the stopped one left.
 */
class InterruptedSaveTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-21T14:05:01Z"), ZoneOffset.UTC);
    private static final String NAME = "btc-15m";

    private static ComputationGraph oldGraph;
    private static ComputationGraph newGraph;

    @TempDir
    Path dir;

    /** Stands for the process being killed: the store does not clean up after an Error. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash at " + where);
        }
    }

    @BeforeAll
    static void buildGraphs() {
        oldGraph = ModelFixtures.graph(1);
        newGraph = ModelFixtures.graph(2);
    }

    private Path root() {
        return dir.resolve("models");
    }

    private ModelStore store(SaveHook hook) {
        return new ModelStore(root(), CLOCK, hook);
    }

    private ModelMetadata saveOld() throws IOException {
        return store(SaveHook.NONE).save(NAME, ModelFixtures.artifacts(dir, oldGraph, 1.0));
    }

    /** A hook that fails at {@code stage}; for FILE_HALF_WRITTEN at the second file written. */
    private static SaveHook failingAt(SaveHook.Stage stage, boolean crash) {
        AtomicInteger files = new AtomicInteger();
        return (reached, file) -> {
            boolean now = reached == stage
                    && (stage != SaveHook.Stage.FILE_HALF_WRITTEN || files.incrementAndGet() == 2);
            if (now) {
                if (crash) {
                    throw new SimulatedCrash(stage + " " + file);
                }
                throw new IOException("disk full at " + stage + " " + file);
            }
        };
    }

    private List<String> rootEntries() throws IOException {
        try (Stream<Path> entries = Files.list(root())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private float[] loadedOutputs() {
        return ModelFixtures.outputs(store(SaveHook.NONE).load(NAME).graph("net"));
    }

    @ParameterizedTest
    @EnumSource(SaveHook.Stage.class)
    void aKilledSaveLeavesTheOldOrTheNewModelLoadableAndTheNextSaveCleansUp(SaveHook.Stage stage) throws IOException {
        ModelMetadata old = saveOld();

        assertThatThrownBy(() -> store(failingAt(stage, true)).save(NAME, ModelFixtures.artifacts(dir, newGraph, 2.0)))
                .isInstanceOf(SimulatedCrash.class);

        float[] outputs = loadedOutputs();
        if (stage == SaveHook.Stage.NEW_IN_PLACE) {
            assertThat(outputs).containsExactly(ModelFixtures.outputs(newGraph));
        } else {
            assertThat(outputs).containsExactly(ModelFixtures.outputs(oldGraph));
            assertThat(store(SaveHook.NONE).load(NAME).metadata()).isEqualTo(old);
        }
        assertThat(rootEntries()).as("the killed save left something behind").hasSizeGreaterThan(1);

        store(SaveHook.NONE).save(NAME, ModelFixtures.artifacts(dir, newGraph, 3.0));
        assertThat(rootEntries()).containsExactly(NAME);
        assertThat(loadedOutputs()).containsExactly(ModelFixtures.outputs(newGraph));
    }

    @ParameterizedTest
    @EnumSource(value = SaveHook.Stage.class, names = {"FILE_HALF_WRITTEN", "TEMP_COMPLETE", "OLD_MOVED_ASIDE"})
    void aFailedSaveIsAStorageErrorAndLeavesTheOldModelInPlace(SaveHook.Stage stage) throws IOException {
        ModelMetadata old = saveOld();

        assertRefused(() -> store(failingAt(stage, false)).save(NAME, ModelFixtures.artifacts(dir, newGraph, 2.0)),
                ExitCodes.STORAGE, "cannot save model 'btc-15m'", "disk full", "previous model, if any, is unchanged");

        assertThat(rootEntries()).containsExactly(NAME);
        assertThat(store(SaveHook.NONE).load(NAME).metadata()).isEqualTo(old);
        assertThat(loadedOutputs()).containsExactly(ModelFixtures.outputs(oldGraph));
    }

    @Test
    void aFailedFirstSaveLeavesNothing() throws IOException {
        assertRefused(() -> store(failingAt(SaveHook.Stage.FILE_HALF_WRITTEN, false))
                .save(NAME, ModelFixtures.artifacts(dir, newGraph, 2.0)), ExitCodes.STORAGE, "disk full");

        assertThat(rootEntries()).isEmpty();
        assertRefused(() -> store(SaveHook.NONE).load(NAME), ExitCodes.BAD_DATA, "no model 'btc-15m'");
    }

    @Test
    void aHalfWrittenTempFolderIsIgnoredByLoadAndRemovedByTheNextSave() throws IOException {
        saveOld();
        Path leftover = root().resolve(".tmp-" + NAME + "-0123456789abcdef");
        Files.createDirectory(leftover);
        byte[] zip = Files.readAllBytes(root().resolve(NAME).resolve("net.zip"));
        Files.write(leftover.resolve("net.zip"), java.util.Arrays.copyOf(zip, zip.length / 3));
        Path otherModelsTemp = root().resolve(".tmp-" + NAME + "-v2-0123456789abcdef");
        Files.createDirectory(otherModelsTemp);

        assertThat(loadedOutputs()).containsExactly(ModelFixtures.outputs(oldGraph));

        store(SaveHook.NONE).save(NAME, ModelFixtures.artifacts(dir, newGraph, 2.0));
        assertThat(leftover).doesNotExist();
        assertThat(otherModelsTemp).as("another model's save may still be running").exists();
        assertThat(loadedOutputs()).containsExactly(ModelFixtures.outputs(newGraph));
    }

    @Test
    void aTamperedModelWaitingAsideIsRefusedToo() throws IOException {
        saveOld();
        assertThatThrownBy(() -> store(failingAt(SaveHook.Stage.OLD_MOVED_ASIDE, true))
                .save(NAME, ModelFixtures.artifacts(dir, newGraph, 2.0))).isInstanceOf(SimulatedCrash.class);
        Path aside;
        try (Stream<Path> entries = Files.list(root())) {
            aside = entries.filter(p -> p.getFileName().toString().startsWith(".old-")).findFirst().orElseThrow();
        }
        Files.writeString(aside.resolve("README.txt"), "changed");

        assertRefused(() -> store(SaveHook.NONE).load(NAME), ExitCodes.BAD_DATA, "README.txt",
                "does not match its SHA-256");
    }
}
