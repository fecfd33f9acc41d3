package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The COPY write path on PostgreSQL keeps TradeMemory.save's contract and stores the same rows. */
class BulkTradesTest {
    private static final Instant T0 = TradeMemoryTest.T0;
    private static final Instant EARLY = Instant.parse("1999-12-31T23:59:59.999999Z");
    private static final RunRecord RUN = new RunRecord("run-1", T0, "binance", "BTC/USDT", "15m", "test", 7, "ppo",
            "{\"seed\": 7}");
    /** Every column of both tables as text, in id order: two stores hold equal rows when these are equal. */
    private static final String ALL_POST_EXIT = "SELECT concat_ws('|', trade_id, price_1h, price_4h, price_24h, "
            + "best_exit_price, missed_profit, verdict) FROM post_exit_tracking ORDER BY trade_id";

    @TempDir
    Path dir;

    private final List<MemoryUrl> databases = new ArrayList<>();

    @AfterEach
    void drop() {
        databases.forEach(TestPostgres::drop);
    }

    private MemoryDatabase database() {
        MemoryUrl url = TestPostgres.create("bulk");
        databases.add(url);
        MemoryDatabase db = MemoryDatabase.open(url);
        new TradeMemory(db).saveRun(RUN);
        return db;
    }

    private static List<String> rows(MemoryDatabase db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    /**
     * Awkward but valid values: control characters and unicode in text, extreme and tiny numbers, times
     * before PostgreSQL's epoch (2000-01-01, negative in binary COPY) and to the microsecond.
     */
    private static List<StoredTrade> awkwardTrades() {
        SplittableRandom random = new SplittableRandom(11);
        List<StoredTrade> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] e = TradeMemoryTest.random(random);
            e[3] = 1.0E-8f * i;
            StoredTrade t = TradeMemoryTest.trade(i, i % 2 == 0 ? "BTC/USDT" : "ETH/USDT", e);
            String key = i == 5 ? "tab\there\\back\nslash\r" : i == 6 ? "ключ-€" : t.tradeKey();
            String features = "{\"rsi\": " + (i * 0.013) + ", \"note\": \"a\\tb\\\\c\\nd\", \"big\": 1.0E20}";
            Instant entry = i % 4 == 1 ? EARLY.minusSeconds(3600L * i).plusNanos(1_000L * i) : t.entryTime();
            Instant exit = i % 4 == 1 ? entry.plusNanos(123_456_000L) : t.exitTime();
            out.add(new StoredTrade(key, t.runId(), t.exchange(), t.symbol(), t.timeframe(), t.kind(), entry, exit,
                    t.entryPrice() * 1.0E-7, 1.0E300, t.size(), t.leverage(), -t.fees(), t.pnl(),
                    t.pnlPercent() / 3, t.exitReason(), Double.MIN_VALUE, t.maePercent(), t.regimeAtEntry(),
                    0.1 + 0.2, features, e, t.embeddingVersion(), t.win()));
        }
        return out;
    }

    private static List<PostExitRow> postExit(List<StoredTrade> trades) {
        List<PostExitRow> out = new ArrayList<>();
        for (int i = 0; i < trades.size(); i += 3) {
            out.add(new PostExitRow(trades.get(i).tradeKey(), 100.0 + i / 7.0, i % 2 == 0 ? null : 99.5, null,
                    1.0E-9 * i, -3.25, i % 2 == 0 ? "PENDING" : "TOO_EARLY"));
        }
        return out;
    }

    @Test
    void everyValueComesBackExactlyAsItWasSent() throws Exception {
        List<StoredTrade> trades = awkwardTrades();
        List<PostExitRow> rows = postExit(trades);
        MemoryDatabase viaCopy = database();
        assertThat(new BulkTrades(viaCopy).save(trades, rows)).isEqualTo(300);

        java.util.Map<String, PostExitRow> sentPostExit = new java.util.HashMap<>();
        rows.forEach(r -> sentPostExit.put(r.tradeKey(), r));
        java.util.Map<String, TradeMemory.Recalled> back = new java.util.HashMap<>();
        new TradeMemory(viaCopy).recall(java.time.Instant.parse("2100-01-01T00:00:00Z"), 1_000)
                .forEach(r -> back.put(r.trade().tradeKey(), r));
        assertThat(back).hasSize(300);
        for (StoredTrade sent : trades) {
            TradeMemory.Recalled r = back.get(sent.tradeKey());
            assertThat(r).as(sent.tradeKey()).isNotNull();
            assertThat(r.trade()).usingRecursiveComparison().ignoringFields("embedding").isEqualTo(sent);
            assertThat(r.trade().embedding()).containsExactly(sent.embedding());
            // json (migration V5) keeps the text as it was written, 1.0E20 and all
            assertThat(r.trade().features()).isEqualTo(sent.features());
            assertThat(r.postExit()).isEqualTo(sentPostExit.get(sent.tradeKey()));
        }
        assertThat(rows(viaCopy, ALL_POST_EXIT)).hasSize(100);
        // the escaped key arrived as it was sent, and times as PostgreSQL prints them
        assertThat(rows(viaCopy, "SELECT trade_key FROM trade_memory WHERE id = 6"))
                .containsExactly("tab\there\\back\nslash\r");
        assertThat(rows(viaCopy, "SELECT (entry_time AT TIME ZONE 'UTC')::text || ' ' || "
                + "(exit_time AT TIME ZONE 'UTC')::text FROM trade_memory WHERE id = 2"))
                .containsExactly("1999-12-31 23:00:00 1999-12-31 23:00:00.123456"); // trade 1
    }

    @Test
    void theSameBatchTwiceAddsNothingAndDuplicatesInsideABatchAreDroppedFirstWins() {
        MemoryDatabase db = database();
        BulkTrades bulk = new BulkTrades(db);
        List<StoredTrade> batch = new ArrayList<>(awkwardTrades().subList(0, 50));
        StoredTrade first = batch.get(7);
        // Same key as trade 7 with another exit price: dropped before the write, so no conflict inside
        // the INSERT and trade 7 keeps its own price.
        batch.add(new StoredTrade(first.tradeKey(), first.runId(), first.exchange(), first.symbol(), first.timeframe(),
                first.kind(), first.entryTime(), first.exitTime(), first.entryPrice(), 42.0, first.size(),
                first.leverage(), first.fees(), first.pnl(), first.pnlPercent(), first.exitReason(),
                first.mfePercent(), first.maePercent(), first.regimeAtEntry(), first.volatilityAtEntry(),
                first.features(), first.embedding(), first.embeddingVersion(), first.win()));
        List<PostExitRow> post = postExit(batch.subList(0, 50));
        List<PostExitRow> postTwice = new ArrayList<>(post);
        postTwice.addAll(post);

        assertThat(bulk.save(batch, postTwice)).isEqualTo(50);
        assertThat(bulk.save(batch, postTwice)).isZero();
        assertThat(bulk.save(batch.subList(40, 51), post)).isZero();
        TradeMemory memory = new TradeMemory(db);
        assertThat(memory.count()).isEqualTo(50);
        assertThat(memory.postExitCount()).isEqualTo(17); // rows of trades 0, 3, ..., 48
        assertThat(rows(db, "SELECT exit_price FROM trade_memory WHERE trade_key = '" + first.tradeKey() + "'"))
                .containsExactly("1e+300"); // awkwardTrades() exit price, not the 42

        // Two saves in one transaction (the staging tables are reused and emptied in between).
        List<StoredTrade> more = awkwardTrades().subList(50, 80);
        int added = db.jdbi().inTransaction(h -> bulk.save(h, more.subList(0, 20), List.of())
                + bulk.save(h, more, List.of()));
        assertThat(added).isEqualTo(30);
        assertThat(memory.count()).isEqualTo(80);
    }

    @Test
    void postExitRowsOfTradesStoredEarlierGoInAndRowsOfUnknownTradesAreIgnored() {
        MemoryDatabase db = database();
        BulkTrades bulk = new BulkTrades(db);
        List<StoredTrade> trades = awkwardTrades().subList(0, 10);
        bulk.save(trades, List.of());
        List<PostExitRow> rows = List.of(new PostExitRow(trades.get(2).tradeKey(), 1.0, 2.0, 3.0, 4.0, 5.0, "TOO_LATE"),
                new PostExitRow("no-such-trade", 1.0, 2.0, 3.0, 4.0, 5.0, "TOO_LATE"));
        assertThat(bulk.save(List.of(), rows)).isZero();
        assertThat(rows(db, "SELECT t.trade_key || ':' || p.verdict FROM post_exit_tracking p JOIN trade_memory t "
                + "ON t.id = p.trade_id")).containsExactly(trades.get(2).tradeKey() + ":TOO_LATE");
    }

    @Test
    void aNonFinitePostExitValueIsRefusedAndNothingOfTheBatchIsWritten() {
        MemoryDatabase db = database();
        BulkTrades bulk = new BulkTrades(db);
        List<StoredTrade> trades = awkwardTrades().subList(0, 10);
        List<PostExitRow> rows = List.of(new PostExitRow(trades.get(0).tradeKey(), 1.0, Double.NaN, null, null, null,
                "PENDING"));
        assertThatThrownBy(() -> bulk.save(trades, rows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite number");
        List<PostExitRow> infinite = List.of(new PostExitRow(trades.get(0).tradeKey(), 1.0, 2.0, 3.0,
                Double.POSITIVE_INFINITY, null, "PENDING"));
        assertThatThrownBy(() -> bulk.save(trades, infinite)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TradeMemory(db).count()).isZero();
    }

    @Test
    void aFailingBatchLeavesNothingBehind() {
        MemoryDatabase db = database();
        BulkTrades bulk = new BulkTrades(db);
        List<StoredTrade> trades = new ArrayList<>(awkwardTrades().subList(0, 10));
        StoredTrade t = trades.get(9);
        // a run never saved: the foreign key fails the INSERT after the COPY went through
        trades.set(9, new StoredTrade(t.tradeKey(), "unknown-run", t.exchange(), t.symbol(), t.timeframe(), t.kind(),
                t.entryTime(), t.exitTime(), t.entryPrice(), t.exitPrice(), t.size(), t.leverage(), t.fees(), t.pnl(),
                t.pnlPercent(), t.exitReason(), t.mfePercent(), t.maePercent(), t.regimeAtEntry(),
                t.volatilityAtEntry(), t.features(), t.embedding(), t.embeddingVersion(), t.win()));
        assertThatThrownBy(() -> bulk.save(trades, List.of())).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("trade_memory.run_id unknown-run is not in runs");
        assertThat(new TradeMemory(db).count()).isZero();
        assertThat(bulk.save(trades.subList(0, 9), List.of())).isEqualTo(9);
    }

    /** Migration V5 checks run ids per statement instead of a foreign key: the same guarantees. */
    @Test
    void aRunWithTradesCannotBeDeletedOrRenamedAndATradeCannotMoveToAnUnknownRun() {
        MemoryDatabase db = database();
        new BulkTrades(db).save(awkwardTrades().subList(0, 3), List.of());
        TradeMemory memory = new TradeMemory(db);
        memory.saveRun(new RunRecord("run-2", T0, "binance", "BTC/USDT", "15m", "test", 8, "ppo", "{}"));
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM runs WHERE run_id = 'run-1'")))
                .hasMessageContaining("run run-1 still has trades in trade_memory")
                .rootCause().isInstanceOf(java.sql.SQLException.class)
                .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("23503"));
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE runs SET run_id = 'run-9' WHERE run_id = "
                + "'run-1'"))).hasMessageContaining("still has trades");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE trade_memory SET run_id = 'nope' WHERE "
                + "id = 1"))).hasMessageContaining("trade_memory.run_id nope is not in runs");
        // what the foreign key allowed still works: other columns, another existing run, a run without trades
        db.jdbi().useHandle(h -> h.execute("UPDATE runs SET summary = '{}' WHERE run_id = 'run-1'"));
        db.jdbi().useHandle(h -> h.execute("UPDATE trade_memory SET run_id = 'run-2' WHERE id = 1"));
        db.jdbi().useHandle(h -> h.execute("DELETE FROM trade_memory WHERE run_id = 'run-2'"));
        db.jdbi().useHandle(h -> h.execute("DELETE FROM runs WHERE run_id = 'run-2'"));
        assertThat(rows(db, "SELECT run_id FROM runs")).containsExactly("run-1");
        assertThat(memory.count()).isEqualTo(2);
    }

    @Test
    void refusesH2AndACallerWithoutATransaction() {
        MemoryDatabase h2 = MemoryDatabase.open(MemoryUrl.parse("h2:" + dir.resolve("m")));
        assertThatThrownBy(() -> new BulkTrades(h2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs PostgreSQL");
        MemoryDatabase db = database();
        BulkTrades bulk = new BulkTrades(db);
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> bulk.save(h, awkwardTrades().subList(0, 1), List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("open transaction");
    }
}
