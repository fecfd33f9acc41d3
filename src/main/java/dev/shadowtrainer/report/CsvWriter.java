package dev.shadowtrainer.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Appends CSV rows (RFC 4180, comma separated, '\n' line ends) through one reused buffer.
 *
 * <p>Number format: the shortest decimal that reads back as the same double ({@link Double#toString},
 * so very small or large values use E notation such as {@code 1.5E-7}); whole numbers below 1e15
 * without a trailing ".0"; NaN, infinities and empty optionals as an empty cell. Times are UTC
 * ISO-8601 instants such as {@code 2025-04-03T17:15:00Z}.
 */
final class CsvWriter {
    private static final double WHOLE_LIMIT = 1e15;

    private final Writer out;
    private final StringBuilder row = new StringBuilder(256);
    private boolean rowStarted;

    CsvWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out is null");
    }

    CsvWriter text(String value) {
        separate();
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            row.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            row.append(value);
        }
        return this;
    }

    CsvWriter integer(long value) {
        separate();
        row.append(value);
        return this;
    }

    CsvWriter number(double value) {
        separate();
        if (!Double.isFinite(value)) {
            return this;
        }
        if (value == Math.rint(value) && Math.abs(value) < WHOLE_LIMIT) {
            row.append((long) value);
        } else {
            row.append(value);
        }
        return this;
    }

    CsvWriter number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : number(Double.NaN);
    }

    CsvWriter time(long epochMillis) {
        separate();
        row.append(Instant.ofEpochMilli(epochMillis));
        return this;
    }

    void endRow() throws IOException {
        row.append('\n');
        out.append(row);
        row.setLength(0);
        rowStarted = false;
    }

    /** Writes a header row of plain column names. */
    void header(Iterable<String> columns) throws IOException {
        for (String c : columns) {
            text(c);
        }
        endRow();
    }

    private void separate() {
        if (rowStarted) {
            row.append(',');
        }
        rowStarted = true;
    }
}
