package dev.shadowtrainer.memory;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The trade memory's database, opened and brought to this version's schema: Flyway applies the
 * migrations of the store's folder (db/migration/postgresql or db/migration/h2), validating those
 * already applied first. It refuses, with exit code 4 and one line: a database it cannot reach, one
 * whose applied migrations were edited (their checksums differ), and a non-empty schema with no
 * migration history (never baselined silently over someone's tables).
 */
public final class MemoryDatabase {
    /** Seconds to wait for a PostgreSQL connection before reporting the database unreachable. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final MemoryUrl url;
    private final DataSource dataSource;
    private final Flyway flyway;

    private MemoryDatabase(MemoryUrl url) {
        this.url = url;
        this.dataSource = dataSource(url);
        this.flyway = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/" + url.vendor().folder())
                .validateMigrationNaming(true)
                .load();
    }

    /** Opens the store at {@code url} and applies any pending migrations. */
    public static MemoryDatabase open(MemoryUrl url) {
        MemoryDatabase db = new MemoryDatabase(Objects.requireNonNull(url, "url is null"));
        db.migrate();
        return db;
    }

    /** Opens the store without changing it (for {@code db info}). */
    public static MemoryDatabase inspect(MemoryUrl url) {
        return new MemoryDatabase(Objects.requireNonNull(url, "url is null"));
    }

    public MemoryUrl url() {
        return url;
    }

    public MemoryUrl.Vendor vendor() {
        return url.vendor();
    }

    /** JDBI over this database, with SQL objects. */
    public Jdbi jdbi() {
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Applies pending migrations after validating the applied ones; returns how many it applied. */
    public int migrate() {
        try {
            return flyway.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /** One applied or pending migration. */
    public record Migration(String version, String description, String state, String installedOn) {
    }

    /** Every migration this version knows and every one the database has applied, in order. */
    public List<Migration> info() {
        try {
            List<Migration> out = new ArrayList<>();
            for (MigrationInfo m : flyway.info().all()) {
                out.add(new Migration(m.getVersion() == null ? "" : m.getVersion().getVersion(), m.getDescription(),
                        m.getState().getDisplayName(),
                        m.getInstalledOn() == null ? "" : m.getInstalledOn().toInstant().toString()));
            }
            return out;
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    private ShadowTrainerException failure(FlywayException e) {
        String where = "trade memory database " + url.display();
        if (e instanceof FlywayValidateException) {
            return new ShadowTrainerException(ExitCodes.STORAGE, where + " was migrated with migrations that differ "
                    + "from this version's (" + firstLine(e) + "); applied migrations must never be edited: restore "
                    + "them or use a fresh database", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("non-empty schema") || message.contains("without schema history")) {
            return new ShadowTrainerException(ExitCodes.STORAGE, where + " is not empty but has no migration history;"
                    + " point --db at an empty database or one made by shadow-trainer", e);
        }
        if (causedBySql(e)) {
            return new ShadowTrainerException(ExitCodes.STORAGE, where + " is unreachable (" + rootMessage(e)
                    + "); start it (scripts/pg-setup sets up a local PostgreSQL) or fix --db / SHADOW_DB_URL", e);
        }
        return new ShadowTrainerException(ExitCodes.STORAGE, where + ": " + firstLine(e), e);
    }

    private static boolean causedBySql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return firstLine(t);
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /** A data source for the store, without opening or migrating anything. */
    static DataSource dataSource(MemoryUrl url) {
        if (url.vendor() == MemoryUrl.Vendor.H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url.jdbcUrl());
            h2.setUser(url.user());
            h2.setPassword(url.password());
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url.jdbcUrl());
        if (url.user() != null) {
            pg.setUser(url.user());
        }
        if (url.password() != null) {
            pg.setPassword(url.password());
        }
        pg.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        return pg;
    }
}
