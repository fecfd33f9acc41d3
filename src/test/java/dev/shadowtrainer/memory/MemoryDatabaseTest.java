package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway on the embedded store: migrate, validate, refuse edited history and foreign schemas. */
class MemoryDatabaseTest {
    @TempDir
    Path dir;

    private MemoryUrl store() {
        return MemoryUrl.parse("h2:" + dir.resolve("memory"));
    }

    @Test
    void aFreshStoreGetsEveryTableAndASecondOpenChangesNothing() {
        MemoryDatabase db = MemoryDatabase.open(store());
        List<String> tables = db.jdbi().withHandle(h -> h.createQuery("SELECT LOWER(table_name) FROM "
                + "information_schema.tables WHERE table_schema = 'PUBLIC' ORDER BY 1").mapTo(String.class).list());
        assertThat(tables).contains("runs", "trade_memory", "post_exit_tracking", "model_registry");
        assertThat(db.info()).extracting(MemoryDatabase.Migration::version, MemoryDatabase.Migration::state)
                .contains(org.assertj.core.groups.Tuple.tuple("1", "Success"));
        assertThat(MemoryDatabase.open(store()).migrate()).isZero();
    }

    @Test
    void cosineDistanceMatchesPgvectorsOperator() {
        Jdbi jdbi = MemoryDatabase.open(store()).jdbi();
        assertThat(distance(jdbi, "ARRAY[1, 0]", "ARRAY[0, 1]")).isEqualTo(1.0);
        assertThat(distance(jdbi, "ARRAY[1, 2]", "ARRAY[2, 4]")).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(distance(jdbi, "ARRAY[1, 0]", "ARRAY[-1, 0]")).isEqualTo(2.0);
        assertThat(distance(jdbi, "ARRAY[0, 0]", "ARRAY[1, 0]")).isNull();
        assertThat(distance(jdbi, "ARRAY[1]", "ARRAY[1, 0]")).isNull();
    }

    private static Double distance(Jdbi jdbi, String a, String b) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COSINE_DISTANCE(CAST(" + a + " AS REAL ARRAY), CAST(" + b
                + " AS REAL ARRAY))").mapTo(Double.class).one());
    }

    @Test
    void anEditedAppliedMigrationIsRefused() {
        MemoryDatabase.open(store()).jdbi().useHandle(h ->
                h.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '1'"));
        assertThatThrownBy(() -> MemoryDatabase.open(store()))
                .isInstanceOfSatisfying(ShadowTrainerException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.STORAGE))
                .hasMessageContaining("differ from this version's").hasMessageContaining("never be edited")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNonEmptySchemaWithoutHistoryIsRefused() {
        MemoryUrl url = store();
        Jdbi.create(MemoryDatabase.dataSource(url)).useHandle(h -> h.execute("CREATE TABLE mine (x INT)"));
        assertThatThrownBy(() -> MemoryDatabase.open(url))
                .isInstanceOfSatisfying(ShadowTrainerException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.STORAGE))
                .hasMessageContaining("not empty but has no migration history");
    }

    @Test
    void anUnreachablePostgresIsAStorageErrorWithoutThePassword() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> MemoryDatabase.open(MemoryUrl.parse("postgresql://u:topsecret@127.0.0.1:1/none")))
                .isInstanceOfSatisfying(ShadowTrainerException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.STORAGE))
                .hasMessageContaining("postgresql://u:***@127.0.0.1:1/none is unreachable")
                .hasMessageContaining("scripts/pg-setup").hasMessageNotContaining("topsecret");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(MemoryDatabase.CONNECT_TIMEOUT_SECONDS + 5);
    }
}
