package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL that scripts/pg-setup prepares is there and pgvector in it is new enough for the
 * trade memory: 0.8 or later (iterative index scans), with a real vector round trip. Fails, never
 * skips, when the database cannot be reached.
 */
class PostgresSetupTest {
    /** The admin URL of the tests' PostgreSQL (SHADOW_TEST_PG_URL, see {@link TestPostgres}). */
    static String url() {
        return MemoryUrl.parse(TestPostgres.ADMIN).display();
    }

    static Connection connect() {
        try {
            return MemoryDatabase.dataSource(MemoryUrl.parse(TestPostgres.ADMIN)).getConnection();
        } catch (SQLException e) {
            return fail("cannot connect to " + url() + " (" + e.getMessage()
                    + "); run scripts/pg-setup to install, start and prepare the local PostgreSQL with pgvector", e);
        }
    }

    /** Compares dotted versions part by part as numbers ("0.10.0" is newer than "0.8"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(compareVersions("0.10.0", "0.8")).isPositive();
        assertThat(compareVersions("0.8.0", "0.8")).isZero();
        assertThat(compareVersions("0.7.4", "0.8")).isNegative();
    }

    @Test
    void vectorExtensionIsInstalledAtLeastAtVersion08() throws SQLException {
        try (Connection conn = connect();
                Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("select extversion from pg_extension where extname = 'vector'")) {
            assertThat(rs.next())
                    .as("the vector extension is created in %s (scripts/pg-setup does it)", url())
                    .isTrue();
            String version = rs.getString(1);
            assertThat(compareVersions(version, "0.8"))
                    .as("pgvector %s is at least 0.8 (iterative index scans); run scripts/pg-setup", version)
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void nearestNeighbourRoundTripWithIterativeIndexScan() throws SQLException {
        try (Connection conn = connect(); Statement st = conn.createStatement()) {
            PGvector.addVectorType(conn);
            st.execute("create temp table pg_setup_probe (id int primary key, label text, embedding vector(3))");
            try (PreparedStatement insert =
                    conn.prepareStatement("insert into pg_setup_probe (id, label, embedding) values (?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "east");
                insert.setObject(3, new PGvector(new float[] {1, 0, 0}));
                insert.executeUpdate();
                insert.setInt(1, 2);
                insert.setString(2, "north");
                insert.setObject(3, new PGvector(new float[] {0, 1, 0}));
                insert.executeUpdate();
            }

            assertThat(nearest(conn, new float[] {0.9f, 0.2f, 0})).isEqualTo("east");
            assertThat(nearest(conn, new float[] {0.2f, 0.9f, 0})).isEqualTo("north");
            try (ResultSet rs = st.executeQuery(
                    "select embedding from pg_setup_probe order by embedding <=> '[0.1,0.8,0.1]' limit 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(((PGvector) rs.getObject(1)).toArray()).containsExactly(0f, 1f, 0f);
            }

            // The library is loaded now, so the setting is pgvector's own (0.8+), not a placeholder:
            // a wrong value is refused, the right one accepted, and an HNSW scan still finds the row.
            assertThatThrownBy(() -> st.execute("set hnsw.iterative_scan = no_such_mode"))
                    .isInstanceOf(SQLException.class);
            st.execute("set hnsw.iterative_scan = relaxed_order");
            try (ResultSet rs = st.executeQuery("show hnsw.iterative_scan")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("relaxed_order");
            }
            st.execute("create index on pg_setup_probe using hnsw (embedding vector_cosine_ops)");
            st.execute("set enable_seqscan = off");
            assertThat(nearest(conn, new float[] {0.9f, 0.2f, 0})).isEqualTo("east");
        }
    }

    private static String nearest(Connection conn, float[] query) throws SQLException {
        try (PreparedStatement ps =
                conn.prepareStatement("select label from pg_setup_probe order by embedding <=> ? limit 1")) {
            ps.setObject(1, new PGvector(query));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a nearest row").isTrue();
                return rs.getString(1);
            }
        }
    }
}
