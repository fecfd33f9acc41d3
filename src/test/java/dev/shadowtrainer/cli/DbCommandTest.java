package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    @Test
    void migrateBuildsTheSchemaOnceAndInfoListsIt() throws IOException {
        String db = "h2:" + dir.resolve("memory");
        CliRun first = run("db", "migrate", "--db", db);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("is at schema version 1 (1 migration(s) applied now, 1 in all)");
        CliRun again = run("db", "migrate", "--db", db);
        assertThat(again.out()).contains("is at schema version 1 (0 migration(s) applied now, 1 in all)");

        CliRun info = run("db", "info", "--db", db, "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode migrations = new ObjectMapper().readTree(info.out()).get("migrations");
        assertThat(migrations).hasSize(1);
        assertThat(migrations.get(0).get("version").asText()).isEqualTo("1");
        assertThat(migrations.get(0).get("state").asText()).isEqualTo("Success");
        assertThat(migrations.get(0).get("description").asText()).isEqualTo("trade memory");
    }

    @Test
    void infoOnAFreshStoreShowsThePendingMigrationAndChangesNothing() {
        String db = "h2:" + dir.resolve("fresh");
        CliRun info = run("db", "info", "--db", db);
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("1 +Pending");
        assertThat(run("db", "migrate", "--db", db).out()).contains("1 migration(s) applied now");
    }

    @Test
    void anUnreachableDatabaseIsExitFourInOneLineWithoutThePassword() {
        CliRun r = run("db", "migrate", "--db", "postgresql://trader:hunter2@127.0.0.1:1/shadow");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).contains("postgresql://trader:***@127.0.0.1:1/shadow is unreachable")
                .doesNotContain("hunter2");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void anUnknownActionOrUrlIsAUsageError() {
        CliRun r = run("db", "drop");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("drop");
        CliRun url = run("db", "info", "--db", "oracle://x");
        assertThat(url.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(url.err()).contains("is not understood");
        assertThat(url.errorLines()).isEqualTo(1);
    }
}
