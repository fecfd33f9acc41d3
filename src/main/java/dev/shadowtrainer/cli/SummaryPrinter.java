package dev.shadowtrainer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.List;

/** Prints a command's summary on stdout: short text lines, or the summary object as JSON with --json. */
final class SummaryPrinter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryPrinter() {
    }

    static void print(PrintWriter out, boolean json, Object summary, List<String> text) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(summary));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("summary cannot be written as JSON", e);
            }
        } else {
            text.forEach(out::println);
        }
        out.flush();
    }
}
