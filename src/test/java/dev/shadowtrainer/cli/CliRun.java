package dev.shadowtrainer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one in-process CLI invocation: exit code and what went to stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(AppContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShadowTrainer.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Error output as lines, for the one-line error rule. */
    long errorLines() {
        return err.lines().filter(l -> !l.isBlank()).count();
    }
}
