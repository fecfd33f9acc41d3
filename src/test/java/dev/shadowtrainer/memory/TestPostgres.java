package dev.shadowtrainer.memory;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * Fresh PostgreSQL databases for tests, made on the server scripts/pg-setup prepares (scripts/test
 * runs it first). The admin connection is SHADOW_TEST_PG_URL, default the shadow_test database as
 * postgres on 127.0.0.1:5432. A server that cannot be reached fails the test; it is never skipped.
 */
public final class TestPostgres {
    public static final String ADMIN = System.getenv().getOrDefault("SHADOW_TEST_PG_URL",
            "postgresql://postgres@127.0.0.1:5432/shadow_test");

    private TestPostgres() {
    }

    public static Jdbi admin() {
        MemoryUrl url = MemoryUrl.parse(ADMIN);
        return Jdbi.create(MemoryDatabase.dataSource(url));
    }

    /** A new empty database named {@code prefix_<random>}; drop it with {@link #drop}. */
    public static MemoryUrl create(String prefix) {
        String name = (prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1))
                .toLowerCase(Locale.ROOT);
        try {
            admin().useHandle(h -> h.execute("CREATE DATABASE " + name));
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL at " + MemoryUrl.parse(ADMIN).display() + " is not usable ("
                    + e.getMessage() + "); run scripts/pg-setup", e);
        }
        MemoryUrl admin = MemoryUrl.parse(ADMIN);
        String base = admin.display().substring(0, admin.display().lastIndexOf('/') + 1);
        return MemoryUrl.parse(base + name);
    }

    public static void drop(MemoryUrl url) {
        String name = url.jdbcUrl().substring(url.jdbcUrl().lastIndexOf('/') + 1);
        admin().useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }
}
