package dev.shadowtrainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** scripts/nightly and the README give the same cron line, at 02:00, and the wrapper runs nightly. */
class NightlyScriptTest {
    @Test
    void theWrapperAndTheReadmeShowTheSameCronLineAt0200() throws IOException {
        Path script = Path.of("scripts", "nightly");
        assertThat(Files.isExecutable(script)).isTrue();
        List<String> cron = Files.readAllLines(script).stream().filter(l -> l.startsWith("#   0 2 * * * "))
                .map(l -> l.substring("#   ".length())).toList();
        assertThat(cron).hasSize(1);
        assertThat(cron.get(0)).contains("scripts/nightly", "--live-trades");
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme.lines()).contains(cron.get(0));
        assertThat(Files.readString(script)).contains("shadow-trainer\" nightly");
    }
}
