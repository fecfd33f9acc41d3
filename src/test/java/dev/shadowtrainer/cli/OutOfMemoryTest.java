package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Running out of heap is one line with the limit and how to raise it, and exit code 7, not a stack trace. */
class OutOfMemoryTest {
    @Command(name = "greedy")
    static final class Greedy implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorIsOneLineAndExit7() {
        StringWriter err = new StringWriter();
        int code = ShadowTrainer.execute(new CommandLine(new Greedy()), new String[0], new PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCodes.OUT_OF_MEMORY).isEqualTo(7);
        assertThat(err.toString().lines().filter(l -> !l.isBlank()).count()).isOne();
        assertThat(err.toString()).startsWith("error: out of memory (Java heap space) with a heap of at most ")
                .contains("SHADOW_JAVA_OPTS=-Xmx2g");
    }
}
