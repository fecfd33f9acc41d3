package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Logs stay quiet by default: opening a fresh H2 store logs nothing (Flyway's H2-version warning included). */
class QuietLogsTest {
    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void listen() {
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void stop() {
        root.detachAppender(events);
    }

    @Test
    void migratingAnEmbeddedStoreLogsNothingUnlessVerbose(@TempDir Path dir) {
        String db = "h2:" + dir.resolve("memory");
        CliRun quiet = CliRun.run(context, "db", "migrate", "--db", db);
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(events.list).as("events logged by default").isEmpty();

        CliRun verbose = CliRun.run(context, "db", "info", "--db", db, "--verbose");
        assertThat(verbose.exitCode()).as(verbose.err()).isZero();
        // the same store opened with --verbose does log (so the check above could fail)
        assertThat(events.list).anyMatch(e -> e.getLoggerName().startsWith("org.flywaydb"));
        CliRun.run(context, "db", "info", "--db", db); // back to the default levels for later tests
    }
}
