package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL migrations on a real server with pgvector, and the two stores kept in step. */
class MemoryMigrationsTest {
    private static final List<String> TABLES = List.of("runs", "trade_memory", "post_exit_tracking",
            "model_registry", "pattern_library", "run_analysis", "win_analysis", "win_analysis_feature", "win_skill",
            "loss_analysis", "post_exit_analysis", "post_exit_holding");

    @TempDir
    Path dir;

    private MemoryUrl postgres;

    @AfterEach
    void dropDatabase() {
        if (postgres != null) {
            TestPostgres.drop(postgres);
        }
    }

    @Test
    void postgresGetsTheSchemaWithVectorsAndAnHnswCosineIndexOnce() {
        postgres = TestPostgres.create("migrations");
        MemoryDatabase db = MemoryDatabase.open(postgres);
        Jdbi jdbi = db.jdbi();
        String type = jdbi.withHandle(h -> h.createQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'trade_memory'::regclass AND attname = 'embedding'").mapTo(String.class).one());
        assertThat(type).isEqualTo("vector(32)");
        String index = jdbi.withHandle(h -> h.createQuery("SELECT indexdef FROM pg_indexes WHERE indexname = "
                + "'trade_memory_embedding'").mapTo(String.class).one());
        assertThat(index).contains("USING hnsw").contains("vector_cosine_ops");
        assertThat(MemoryDatabase.open(postgres).migrate()).isZero();
    }

    @Test
    void bothStoresHaveTheSameTablesAndColumns() {
        postgres = TestPostgres.create("columns");
        Jdbi pg = MemoryDatabase.open(postgres).jdbi();
        Jdbi h2 = MemoryDatabase.open(MemoryUrl.parse("h2:" + dir.resolve("memory"))).jdbi();
        Set<String> pgColumns = columns(pg, "public");
        Set<String> h2Columns = columns(h2, "PUBLIC");
        assertThat(pgColumns).hasSizeGreaterThan(80).isEqualTo(h2Columns);
    }

    private static Set<String> columns(Jdbi jdbi, String schema) {
        List<String> names = jdbi.withHandle(h -> h.createQuery("SELECT LOWER(table_name) || '.' || "
                + "LOWER(column_name) FROM information_schema.columns WHERE table_schema = :schema AND "
                + "LOWER(table_name) IN (<tables>)").bind("schema", schema).bindList("tables", TABLES)
                .mapTo(String.class).list());
        return new TreeSet<>(names);
    }

    @Test
    void upgradingFromV3KeepsTheStoredTradesIndexedTheirHnswIndexPartialAndTheirFeatures() {
        postgres = TestPostgres.create("upgrade");
        org.flywaydb.core.Flyway.configure().dataSource(MemoryDatabase.dataSource(postgres))
                .locations("classpath:db/migration/postgresql").target("3").load().migrate();
        TradeMemory v3 = new TradeMemory(MemoryDatabase.inspect(postgres));
        v3.saveRun(new RunRecord("run-1", TradeMemoryTest.T0, "binance", "BTC/USDT", "15m", "test", 7, "ppo", "{}"));
        Jdbi.create(MemoryDatabase.dataSource(postgres)).useHandle(h -> h.execute("INSERT INTO trade_memory (trade_key, "
                + "run_id, exchange, symbol, timeframe, kind, entry_time, exit_time, entry_price, exit_price, size, "
                + "leverage, fees, pnl, pnl_percent, exit_reason, mfe_percent, mae_percent, regime_at_entry, "
                + "volatility_at_entry, features, embedding, embedding_version, win) VALUES ('old', 'run-1', 'binance', "
                + "'BTC/USDT', '15m', 'shadow', now(), now(), 1, 1, 1, 1, 0, 0, 0, 'TIMEOUT', 0, 0, 'NEUTRAL', 0, "
                + "'{\"rsi\":  0.5, \"adx\": 20}', "
                + "array_fill(0.5, ARRAY[32])::vector, 1, false)"));

        TradeMemory v4 = new TradeMemory(MemoryDatabase.open(postgres)); // migrates to V4
        assertThat(v4.backlog()).as("trades stored before V4 count as indexed").isZero();
        v4.save(List.of(TradeMemoryTest.trade(0, "BTC/USDT", TradeMemoryTest.unit(0))));
        assertThat(v4.backlog()).isEqualTo(1);
        Jdbi.create(MemoryDatabase.dataSource(postgres)).useHandle(h -> {
            assertThat(h.createQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'trade_memory_embedding'")
                    .mapTo(String.class).one()).contains("USING hnsw").endsWith("WHERE indexed");
            assertThat(h.createQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'trade_memory_backlog'")
                    .mapTo(String.class).one()).endsWith("WHERE (NOT indexed)");
            // V5: features json, the jsonb text of the V3 trade kept; no foreign key, the run-id triggers instead
            assertThat(h.createQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                    + "'trade_memory'::regclass AND attname = 'features'").mapTo(String.class).one()).isEqualTo("json");
            assertThat(h.createQuery("SELECT features::text FROM trade_memory WHERE trade_key = 'old'")
                    .mapTo(String.class).one()).isEqualTo("{\"adx\": 20, \"rsi\": 0.5}");
            assertThat(h.createQuery("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'trade_memory'::regclass "
                    + "AND contype = 'f'").mapTo(Integer.class).one()).isZero();
            assertThat(h.createQuery("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname")
                    .mapTo(String.class).list()).containsExactly("runs_keep_referenced_delete",
                    "runs_keep_referenced_update", "trade_memory_run_exists_update", "trade_memory_runs_exist_insert");
        });
        v4.close();
    }

    @Test
    void postgresRefusesAnEditedMigrationAndAForeignSchema() {
        postgres = TestPostgres.create("refuse");
        MemoryDatabase.open(postgres).jdbi().useHandle(h ->
                h.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'"));
        assertThatThrownBy(() -> MemoryDatabase.open(postgres))
                .isInstanceOfSatisfying(ShadowTrainerException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.STORAGE))
                .hasMessageContaining("differ from this version's");
        TestPostgres.drop(postgres);

        postgres = TestPostgres.create("foreign");
        Jdbi.create(MemoryDatabase.dataSource(postgres))
                .useHandle(h -> h.execute("CREATE TABLE mine (x int)"));
        assertThatThrownBy(() -> MemoryDatabase.open(postgres))
                .isInstanceOfSatisfying(ShadowTrainerException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.STORAGE))
                .hasMessageContaining("not empty but has no migration history");
    }
}
