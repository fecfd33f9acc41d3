package dev.shadowtrainer.memory;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, streamed to a {@link CopyIn} in chunks: the server reads
 * numbers, times and vectors as they are stored instead of parsing their text (for a trade, 13 doubles,
 * two timestamps and 32 floats of embedding). Each value is a big-endian length and the bytes of the
 * type's binary input: float8 and int8 as their 8 bytes, int4 as 4, bool as 1, text and json as UTF-8,
 * timestamptz as microseconds since 2000-01-01 UTC, pgvector's vector as int16 dimensions, int16 0,
 * then each float4.
 */
final class BinaryCopy {
    /** The format's signature, flags (none) and header extension length (0). */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    /** Bytes handed to the driver at a time, so a large batch is never one huge buffer. */
    private static final int CHUNK = 1 << 20;

    private final CopyIn in;
    private byte[] buffer = new byte[CHUNK + 8192];
    private int size;

    /** Starts the stream on {@code in} (a COPY ... FROM STDIN WITH (FORMAT binary)) with the header. */
    BinaryCopy(CopyIn in) {
        this.in = in;
        bytes(HEADER, 0, HEADER.length);
    }

    /** Starts a row of {@code fields} values. */
    BinaryCopy row(int fields) throws SQLException {
        if (size >= CHUNK) {
            flush();
        }
        return int16(fields);
    }

    BinaryCopy int8(long v) {
        return int32(8).int64(v);
    }

    BinaryCopy int4(int v) {
        return int32(4).int32(v);
    }

    BinaryCopy float8(double v) {
        return int32(8).int64(Double.doubleToRawLongBits(v));
    }

    BinaryCopy bool(boolean v) {
        ensure(5);
        int32(1);
        buffer[size++] = (byte) (v ? 1 : 0);
        return this;
    }

    /** A text (or json) value; null writes SQL NULL. */
    BinaryCopy text(String v) {
        if (v == null) {
            return int32(-1);
        }
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        int32(b.length);
        bytes(b, 0, b.length);
        return this;
    }

    /** A float8 that may be SQL NULL. */
    BinaryCopy float8(Double v) {
        return v == null ? int32(-1) : float8(v.doubleValue());
    }

    /**
     * A timestamptz: microseconds since 2000-01-01 UTC, a fraction of a microsecond rounded half to even
     * as PostgreSQL rounds the text form.
     */
    BinaryCopy timestamptz(Instant t) {
        long micros = Math.multiplyExact(t.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L)
                + (long) Math.rint(t.getNano() / 1000.0);
        return int8(micros);
    }

    /** A pgvector vector of {@code v.length} dimensions. */
    BinaryCopy vector(float[] v) {
        ensure(8 + 4 * v.length);
        int32(4 + 4 * v.length);
        int16(v.length);
        int16(0);
        for (float f : v) {
            int32(Float.floatToRawIntBits(f));
        }
        return this;
    }

    /** Writes the trailer and ends the COPY; returns the rows the server counted. */
    long end() throws SQLException {
        int16(-1);
        flush();
        return in.endCopy();
    }

    private BinaryCopy int16(int v) {
        ensure(2);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
        return this;
    }

    private BinaryCopy int32(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
        return this;
    }

    private BinaryCopy int64(long v) {
        int32((int) (v >>> 32));
        return int32((int) v);
    }

    private void bytes(byte[] b, int from, int length) {
        ensure(length);
        System.arraycopy(b, from, buffer, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private void flush() throws SQLException {
        if (size > 0) {
            in.writeToCopy(buffer, 0, size);
            size = 0;
        }
    }
}
