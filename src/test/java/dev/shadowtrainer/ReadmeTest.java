package dev.shadowtrainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.config.ConfigKey;
import dev.shadowtrainer.config.ConfigSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README true: its first two commands, every config key and every exit code. */
class ReadmeTest {
    private final String readme = read();

    private static String read() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void firstTwoCommandsAreTheMainJobAndTheTests() {
        List<String> commands = readme.lines().filter(l -> l.startsWith("scripts/")).limit(2).toList();
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).startsWith("scripts/shadow-trainer train").contains("--source synthetic");
        assertThat(commands.get(1)).startsWith("scripts/test");
    }

    @Test
    void everyConfigKeyIsDocumentedWithItsDefault() {
        for (ConfigKey key : new ConfigSchema().keys()) {
            assertThat(readme).as("README documents %s", key.path()).contains("`" + key.path() + "`");
        }
    }

    @Test
    void everyExitCodeIsDocumented() {
        for (int code = 0; code <= dev.shadowtrainer.ExitCodes.SOME_FAILED; code++) {
            assertThat(readme).contains("| " + code + " |");
        }
    }
}
