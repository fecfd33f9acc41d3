package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No trade is lost when the database goes away: retries with backoff, then a spill file to import. */
class MemoryWriterTest {
    private static final RunRecord RUN = new RunRecord("run-1", TradeMemoryTest.T0, "binance", "BTC/USDT", "15m",
            "test", 7, "ppo", "{}");

    @TempDir
    Path dir;

    private MemoryUrl postgres;

    @AfterEach
    void drop() {
        if (postgres != null) {
            TestPostgres.admin().useHandle(h -> h.execute("ALTER DATABASE "
                    + postgres.jdbcUrl().substring(postgres.jdbcUrl().lastIndexOf('/') + 1) + " ALLOW_CONNECTIONS true"));
            TestPostgres.drop(postgres);
        }
    }

    private static List<StoredTrade> trades(int n) {
        List<StoredTrade> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TradeMemoryTest.trade(i, "BTC/USDT", TradeMemoryTest.unit(i % Embedding.DIMENSION)));
        }
        return out;
    }

    private static List<PostExitRow> postExit(List<StoredTrade> trades) {
        return trades.stream().map(t -> new PostExitRow(t.tradeKey(), 1.0, 2.0, null, 3.0, 0.5, "ABOUT_RIGHT"))
                .toList();
    }

    /** A store that works for {@code good} batches and then fails every call, counting calls. */
    private static final class FailingStore implements MemoryWriter.Store {
        final int good;
        int saves;
        int calls;
        final List<StoredTrade> stored = new ArrayList<>();

        FailingStore(int good) {
            this.good = good;
        }

        @Override
        public void saveRun(RunRecord run) {
        }

        @Override
        public int save(List<StoredTrade> trades, List<PostExitRow> rows) {
            calls++;
            if (saves >= good) {
                throw new IllegalStateException("connection refused");
            }
            saves++;
            stored.addAll(trades);
            return trades.size();
        }
    }

    @Test
    void aLostDatabaseIsRetriedWithBackoffAndThenTheRestIsSpilledWhole() {
        FailingStore store = new FailingStore(2);
        List<Long> slept = new ArrayList<>();
        List<StoredTrade> trades = trades(23);
        Path spill = dir.resolve("spill.jsonl");
        MemoryWriter.Result r = new MemoryWriter(store, 5, new long[] {10, 20, 40}, slept::add)
                .write(RUN, trades, postExit(trades), spill);

        assertThat(r.added()).isEqualTo(10);
        assertThat(r.written()).isEqualTo(10);
        assertThat(r.spilled()).isEqualTo(13);
        assertThat(r.failure()).isEqualTo("connection refused");
        assertThat(slept).containsExactly(10L, 20L, 40L);
        assertThat(store.calls).isEqualTo(2 + 4); // two good batches, then the third tried four times

        SpillFile.Spilled back = SpillFile.read(spill);
        assertThat(back.run()).isEqualTo(RUN);
        assertThat(back.trades()).hasSize(13);
        assertThat(back.trades().get(0).tradeKey()).isEqualTo(trades.get(10).tradeKey());
        assertThat(back.trades().get(12).embedding()).containsExactly(trades.get(22).embedding());
        assertThat(back.trades().get(5).entryTime()).isEqualTo(trades.get(15).entryTime());
        assertThat(back.postExit()).hasSize(13).allSatisfy(p -> assertThat(p.price24h()).isNull());
        // every trade is either stored or spilled, none twice
        List<String> all = new ArrayList<>(store.stored.stream().map(StoredTrade::tradeKey).toList());
        all.addAll(back.trades().stream().map(StoredTrade::tradeKey).toList());
        assertThat(all).containsExactlyElementsOf(trades.stream().map(StoredTrade::tradeKey).toList());
    }

    @Test
    void aFailureThatPassesIsRetriedAndNothingIsSpilled() {
        MemoryWriter.Store flaky = new MemoryWriter.Store() {
            int calls;

            @Override
            public void saveRun(RunRecord run) {
            }

            @Override
            public int save(List<StoredTrade> trades, List<PostExitRow> rows) {
                if (++calls == 2) {
                    throw new IllegalStateException("timeout");
                }
                return trades.size();
            }
        };
        List<StoredTrade> trades = trades(12);
        MemoryWriter.Result r = new MemoryWriter(flaky, 5, new long[] {1, 1}, millis -> { })
                .write(RUN, trades, postExit(trades), dir.resolve("spill.jsonl"));
        assertThat(r.added()).isEqualTo(12);
        assertThat(r.spilled()).isZero();
        assertThat(r.spillFile()).isNull();
        assertThat(dir.resolve("spill.jsonl")).doesNotExist();
    }

    @Test
    void postgresLostMidRunLosesNoTradeOnceTheSpillIsImported() throws Exception {
        postgres = TestPostgres.create("lost");
        String name = postgres.jdbcUrl().substring(postgres.jdbcUrl().lastIndexOf('/') + 1);
        TradeMemory memory = new TradeMemory(MemoryDatabase.open(postgres));
        List<StoredTrade> trades = trades(30);
        // After the first batch the server throws everyone out and takes no new connections.
        MemoryWriter.Store losing = new MemoryWriter.Store() {
            int batches;

            @Override
            public void saveRun(RunRecord run) {
                memory.saveRun(run);
            }

            @Override
            public int save(List<StoredTrade> batch, List<PostExitRow> rows) {
                if (batches++ == 1) {
                    TestPostgres.admin().useHandle(h -> {
                        h.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                        h.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                                + "'");
                    });
                }
                return memory.save(batch, rows);
            }
        };
        Path spill = dir.resolve("spill.jsonl");
        MemoryWriter.Result r = new MemoryWriter(losing, 10, new long[] {1, 1}, millis -> { })
                .write(RUN, trades, postExit(trades), spill);
        assertThat(r.written()).isEqualTo(10);
        assertThat(r.spilled()).isEqualTo(20);
        assertThat(Files.readAllLines(spill)).hasSize(1 + 20);

        TestPostgres.admin().useHandle(h -> h.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true"));
        SpillFile.Spilled back = SpillFile.read(spill);
        TradeMemory again = new TradeMemory(MemoryDatabase.open(postgres));
        MemoryWriter.Result imported = new MemoryWriter(again, 10).write(back.run(), back.trades(), back.postExit(),
                dir.resolve("rest.jsonl"));
        assertThat(imported.added()).isEqualTo(20);
        assertThat(again.count()).isEqualTo(30);
        assertThat(again.postExitCount()).isEqualTo(30);
    }
}
