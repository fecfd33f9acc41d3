package dev.shadowtrainer.pipeline;

import java.util.Objects;
import java.util.function.Consumer;

/** Where long work reports: notes, one line each, and for work counted in units, how far it has got. */
public interface Progress {
    void note(String line);

    /** {@code done} of {@code total} units finished; {@code status} says what is being done. */
    default void advance(long done, long total, String status) {
    }

    /** Notes to a line consumer, no progress bar. */
    static Progress of(Consumer<String> notes) {
        Objects.requireNonNull(notes, "notes is null");
        return notes::accept;
    }
}
