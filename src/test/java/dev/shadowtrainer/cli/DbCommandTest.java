package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    @Test
    void migrateBuildsTheSchemaOnceAndInfoListsIt() throws IOException {
        String db = "h2:" + dir.resolve("memory");
        CliRun first = run("db", "migrate", "--db", db);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("is at schema version 5 (5 migration(s) applied now, 5 in all)");
        CliRun again = run("db", "migrate", "--db", db);
        assertThat(again.out()).contains("is at schema version 5 (0 migration(s) applied now, 5 in all)");

        CliRun info = run("db", "info", "--db", db, "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode migrations = new ObjectMapper().readTree(info.out()).get("migrations");
        assertThat(migrations).hasSize(5);
        assertThat(migrations.get(4).get("description").asText()).isEqualTo("cheaper writes");
        assertThat(migrations.get(3).get("description").asText()).isEqualTo("deferred hnsw");
        assertThat(migrations.get(2).get("version").asText()).isEqualTo("3");
        assertThat(migrations.get(2).get("description").asText()).isEqualTo("analyses");
        assertThat(migrations.get(0).get("version").asText()).isEqualTo("1");
        assertThat(migrations.get(0).get("state").asText()).isEqualTo("Success");
        assertThat(migrations.get(0).get("description").asText()).isEqualTo("trade memory");
        assertThat(migrations.get(1).get("version").asText()).isEqualTo("2");
        assertThat(migrations.get(1).get("description").asText()).isEqualTo("pattern library");
    }

    @Test
    void infoOnAFreshStoreShowsThePendingMigrationAndChangesNothing() {
        String db = "h2:" + dir.resolve("fresh");
        CliRun info = run("db", "info", "--db", db);
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("1 +Pending");
        assertThat(info.out()).containsPattern("3 +Pending");
        assertThat(info.out()).containsPattern("5 +Pending");
        assertThat(run("db", "migrate", "--db", db).out()).contains("5 migration(s) applied now");
    }

    @Test
    void anUnreachableDatabaseIsExitFourInOneLineWithoutThePassword() {
        CliRun r = run("db", "migrate", "--db", "postgresql://trader:hunter2@127.0.0.1:1/shadow");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).contains("postgresql://trader:***@127.0.0.1:1/shadow is unreachable")
                .doesNotContain("hunter2");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void importLoadsASpillFileOnceAndRefusesBadFiles() throws IOException {
        java.util.List<dev.shadowtrainer.memory.StoredTrade> trades = new java.util.ArrayList<>();
        java.util.List<dev.shadowtrainer.memory.PostExitRow> rows = new java.util.ArrayList<>();
        java.time.Instant t0 = java.time.Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < 7; i++) {
            float[] e = new float[dev.shadowtrainer.memory.Embedding.DIMENSION];
            e[i] = 1;
            trades.add(new dev.shadowtrainer.memory.StoredTrade("key" + i, "run-9", "binance", "BTC/USDT", "15m",
                    "shadow", t0.plusSeconds(900L * i), t0.plusSeconds(900L * i + 1800), 100, 101, 1000, 1, 1, 9,
                    0.9, "TAKE_PROFIT", 1, -0.2, "NEUTRAL", 0.01, "{}", e, 1, true));
            rows.add(new dev.shadowtrainer.memory.PostExitRow("key" + i, 101.0, null, null, null, null, "PENDING"));
        }
        Path spill = dir.resolve("memory-spill.jsonl");
        dev.shadowtrainer.memory.SpillFile.write(spill, new dev.shadowtrainer.memory.RunRecord("run-9", t0, "binance",
                "BTC/USDT", "15m", "test", 7, "ppo", "{}"), trades, rows);
        String db = "h2:" + dir.resolve("memory");

        CliRun first = run("db", "import", spill.toString(), "--db", db);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("7 trades of run run-9", "7 new");
        assertThat(run("db", "import", spill.toString(), "--db", db).out()).contains("0 new");

        CliRun missing = run("db", "import", dir.resolve("nope.jsonl").toString(), "--db", db);
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("not found");
        java.nio.file.Files.writeString(dir.resolve("bad.jsonl"), "{\"runId\": \"r\"}\nnot json\n");
        CliRun bad = run("db", "import", dir.resolve("bad.jsonl").toString(), "--db", db);
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(bad.err()).contains("bad.jsonl line 1");
        assertThat(bad.errorLines()).isEqualTo(1);
        CliRun noFile = run("db", "import", "--db", db);
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains("db import needs the spill file");
        assertThat(run("db", "info", "x.jsonl", "--db", db).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void indexTakesTheWaitingTradesIntoTheHnswIndexesOnce() {
        dev.shadowtrainer.memory.MemoryUrl url = dev.shadowtrainer.memory.TestPostgres.create("dbindex");
        try {
            dev.shadowtrainer.memory.TradeMemory memory = new dev.shadowtrainer.memory.TradeMemory(
                    dev.shadowtrainer.memory.MemoryDatabase.open(url));
            java.time.Instant t0 = java.time.Instant.parse("2025-03-01T00:00:00Z");
            memory.saveRun(new dev.shadowtrainer.memory.RunRecord("run-1", t0, "binance", "BTC/USDT", "15m", "test", 7,
                    "ppo", "{}"));
            java.util.List<dev.shadowtrainer.memory.StoredTrade> trades = new java.util.ArrayList<>();
            java.util.SplittableRandom random = new java.util.SplittableRandom(1);
            for (int i = 0; i < 1_200; i++) {
                float[] e = new float[dev.shadowtrainer.memory.Embedding.DIMENSION];
                for (int j = 0; j < e.length; j++) {
                    e[j] = (float) random.nextGaussian();
                }
                trades.add(new dev.shadowtrainer.memory.StoredTrade("key" + i, "run-1", "binance",
                        i % 2 == 0 ? "BTC/USDT" : "ETH/USDT", "15m", "shadow", t0.plusSeconds(900L * i),
                        t0.plusSeconds(900L * i + 1800), 100, 101, 1000, 1, 1, 9, 0.9, "TAKE_PROFIT", 1, -0.2, "NEUTRAL",
                        0.01, "{}", e, 1, true));
            }
            memory.save(trades);
            assertThat(memory.backlog()).isEqualTo(1_200);

            CliRun first = run("db", "index", "--db", url.display());
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("db index: 1,200 trades of " + url.display()
                    + " taken into the HNSW indexes", "none waiting");
            assertThat(memory.backlog()).isZero();
            CliRun again = run("db", "index", "--db", url.display(), "--json");
            assertThat(again.exitCode()).as(again.err()).isZero();
            try {
                assertThat(new ObjectMapper().readTree(again.out()).get("indexed").asLong()).isZero();
            } catch (IOException e) {
                throw new AssertionError(again.out(), e);
            }
            assertThat(run("db", "index", "extra", "--db", url.display()).exitCode()).isEqualTo(ExitCodes.USAGE);
        } finally {
            dev.shadowtrainer.memory.TestPostgres.drop(url);
        }
        CliRun down = run("db", "index", "--db", "postgresql://trader:hunter2@127.0.0.1:1/shadow");
        assertThat(down.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(down.err()).doesNotContain("hunter2");
    }

    @Test
    void anUnknownActionOrUrlIsAUsageError() {
        CliRun r = run("db", "drop");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("drop");
        CliRun url = run("db", "info", "--db", "oracle://x");
        assertThat(url.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(url.err()).contains("is not understood");
        assertThat(url.errorLines()).isEqualTo(1);
    }
}
