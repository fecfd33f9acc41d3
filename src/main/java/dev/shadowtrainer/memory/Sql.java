package dev.shadowtrainer.memory;

import com.pgvector.PGvector;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.Argument;

/**
 * How the trade memory's values cross JDBC on either store: embeddings are pgvector vectors on
 * PostgreSQL and REAL arrays on H2; times are UTC timestamps.
 */
public final class Sql {
    private Sql() {
    }

    /** {@code v} as a statement argument for a vector column of {@code vendor}. */
    public static Argument vector(MemoryUrl.Vendor vendor, float[] v) {
        if (vendor == MemoryUrl.Vendor.POSTGRESQL) {
            PGvector pg = new PGvector(v);
            return (position, statement, ctx) -> statement.setObject(position, pg);
        }
        Float[] boxed = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            boxed[i] = v[i];
        }
        return (position, statement, ctx) -> statement.setObject(position, boxed);
    }

    /** The vector in {@code column} of the current row, from either store. */
    public static float[] vector(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof Array array) { // H2: REAL ARRAY
            Object[] boxed = (Object[]) array.getArray();
            float[] v = new float[boxed.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) boxed[i]).floatValue();
            }
            return v;
        }
        return new PGvector(rs.getString(column)).toArray();
    }

    /** A timestamp with time zone, in UTC. */
    public static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    /** The first line of the deepest cause's message (its class name when it has none), for one-line errors. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null || m.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return m.strip().lines().findFirst().orElse("").strip();
    }
}
