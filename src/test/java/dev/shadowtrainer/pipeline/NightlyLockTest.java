package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly lock: exclusive while held, free after release, and never stuck on a dead holder's file. */
class NightlyLockTest {
    private static final Instant T = Instant.parse("2025-06-30T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedWhileHeldAndAdmittedAfterRelease() throws Exception {
        Path file = dir.resolve("models").resolve(NightlyLock.FILE);
        try (NightlyLock held = NightlyLock.acquire(file, T)) {
            // (Not read here: on POSIX, closing any descriptor of the file in the holding process drops its lock.)
            // Another thread of this process cannot take it either.
            Thread other = new Thread(() -> assertThatThrownBy(() -> NightlyLock.acquire(file, T))
                    .isInstanceOf(ShadowTrainerException.class)
                    .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.LOCKED))
                    .hasMessageContaining("another nightly holds the lock")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid()));
            Throwable[] failure = new Throwable[1];
            other.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
            other.start();
            other.join();
            assertThat(failure[0]).isNull();
            // The refused attempt in this JVM must not have dropped the OS lock: another process is refused too.
            assertThat(probe(file)).isEqualTo("refused: pid " + ProcessHandle.current().pid() + " since " + T);
        }
        assertThat(probe(file)).isEqualTo("got");
        try (NightlyLock again = NightlyLock.acquire(file, T.plusSeconds(60))) {
            assertThat(Files.readString(file)).contains(T.plusSeconds(60).toString());
        }
    }

    @Test
    void aLockFileLeftByADeadProcessDoesNotBlock() {
        Path file = dir.resolve(NightlyLock.FILE);
        try (NightlyLock first = NightlyLock.acquire(file, T)) {
            assertThat(first.file()).isEqualTo(file);
        }
        // As a holder killed mid-run leaves it: the file with someone else's pid, no lock on it.
        assertThat(file).exists();
        try (NightlyLock next = NightlyLock.acquire(file, T)) {
            assertThat(next.file()).exists();
        }
    }

    @Test
    void anotherProcessHoldingItBlocksUntilItIsKilled() throws Exception {
        Path file = dir.resolve(NightlyLock.FILE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), file.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> NightlyLock.acquire(file, T)).isInstanceOf(ShadowTrainerException.class)
                    .hasMessageContaining("pid " + holder.pid())
                    .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.LOCKED));
        } finally {
            holder.destroyForcibly(); // kill -9: the OS releases the lock
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        try (NightlyLock after = NightlyLock.acquire(file, T)) {
            assertThat(Files.readString(file)).contains("pid " + ProcessHandle.current().pid());
        }
    }

    /** Whether another process can take the lock now: "got" or "refused". */
    private static String probe(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), file.toString())).redirectErrorStream(true).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return line;
    }

    /** A separate process that tries the lock once and says whether it got it. */
    public static final class Probe {
        public static void main(String[] args) {
            try (NightlyLock lock = NightlyLock.acquire(Path.of(args[0]), Instant.now())) {
                System.out.println("got");
            } catch (ShadowTrainerException e) {
                System.out.println(e.exitCode() != ExitCodes.LOCKED ? "error " + e.getMessage()
                        : "refused: " + e.getMessage().replaceAll(".*\\((.*)\\);.*", "$1"));
            }
        }
    }

    /** A separate process that takes the lock and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws InterruptedException {
            NightlyLock lock = NightlyLock.acquire(Path.of(args[0]), Instant.now());
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
            lock.close();
        }
    }
}
