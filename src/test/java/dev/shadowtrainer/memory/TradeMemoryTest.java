package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour on both stores: idempotent batched writes and time-filtered nearest neighbours. */
class TradeMemoryTest {
    static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private MemoryUrl postgres;

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    private TradeMemory open(String store) {
        MemoryUrl url;
        if (store.equals("h2")) {
            url = MemoryUrl.parse("h2:" + dir.resolve("memory"));
        } else {
            postgres = TestPostgres.create("trades");
            url = postgres;
        }
        TradeMemory memory = new TradeMemory(MemoryDatabase.open(url));
        memory.saveRun(new RunRecord("run-1", T0, "binance", "BTC/USDT", "15m", "test", 7, "ppo", "{\"seed\": 7}"));
        return memory;
    }

    @AfterEach
    void drop() {
        if (postgres != null) {
            TestPostgres.drop(postgres);
        }
    }

    /** Trade {@code i}: enters at T0 + i hours, exits an hour later, embedding {@code e}. */
    static StoredTrade trade(int i, String symbol, float[] e) {
        Instant entry = T0.plusSeconds(3600L * i);
        return new StoredTrade("k" + symbol + i, "run-1", "binance", symbol, "15m", i % 3 == 0 ? "agent" : "shadow",
                entry, entry.plusSeconds(3600), 100 + i, 101 + i, 1000, 1, 1.2, 8.8 - i * 0.01, 0.88, "TAKE_PROFIT",
                1.0, -0.3, "NEUTRAL", 0.02, "{\"rsi\": 0.5}", e, Embedding.VERSION, i % 2 == 0);
    }

    static float[] unit(int axis) {
        float[] e = new float[Embedding.DIMENSION];
        e[axis] = 1f;
        return e;
    }

    static float[] random(SplittableRandom r) {
        float[] e = new float[Embedding.DIMENSION];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void savingTheSameTradesAgainAddsNoRowsAndDuplicatesInABatchAreDropped(String store) {
        TradeMemory memory = open(store);
        List<StoredTrade> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(trade(i, "BTC/USDT", unit(i % Embedding.DIMENSION)));
        }
        batch.add(trade(7, "BTC/USDT", unit(3))); // the same key as trade 7: dropped before the write
        assertThat(memory.save(batch)).isEqualTo(50);
        assertThat(memory.save(batch)).isZero();
        assertThat(memory.save(batch.subList(40, 51))).isZero();
        assertThat(memory.count()).isEqualTo(50);
        memory.saveRun(new RunRecord("run-1", T0, "binance", "BTC/USDT", "15m", "test", 7, "ppo", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void postExitRowsGoInWithTheirTradesOnceAndUnfinishedWindowsAreNull(String store) {
        TradeMemory memory = open(store);
        List<StoredTrade> trades = List.of(trade(0, "BTC/USDT", unit(0)), trade(1, "BTC/USDT", unit(1)));
        List<PostExitRow> rows = List.of(
                new PostExitRow(trades.get(0).tradeKey(), 101.0, 102.0, 99.0, 103.5, 12.5, "TOO_EARLY"),
                new PostExitRow(trades.get(1).tradeKey(), 100.5, PostExitRow.value(Double.NaN), null, null, null,
                        "PENDING"));
        assertThat(memory.save(trades, rows)).isEqualTo(2);
        assertThat(memory.save(trades, rows)).isZero();
        assertThat(memory.postExitCount()).isEqualTo(2);
        MemoryUrl url = store.equals("h2") ? MemoryUrl.parse("h2:" + dir.resolve("memory")) : postgres;
        List<String> stored = MemoryDatabase.inspect(url).jdbi().withHandle(h -> h.createQuery(
                "SELECT p.verdict || ':' || COALESCE(CAST(p.price_4h AS VARCHAR), 'null') || ':' || "
                        + "COALESCE(CAST(p.missed_profit AS VARCHAR), 'null') FROM post_exit_tracking p JOIN "
                        + "trade_memory t ON t.id = p.trade_id ORDER BY t.entry_time").mapTo(String.class).list());
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0)).startsWith("TOO_EARLY:102").contains(":12.5");
        assertThat(stored.get(1)).isEqualTo("PENDING:null:null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void recallAndPatternSamplesLeaveOutTheHiddenRunsOfAUniverse(String store) {
        TradeMemory memory = open(store);
        memory.saveRun(new RunRecord("run-2", T0, "binance", "ETH/USDT", "15m", "test", 7, "ppo", "{}"));
        memory.saveRun(new RunRecord("run-3", T0, "binance", "SOL/USDT", "15m", "test", 7, "ppo", "{}"));
        SplittableRandom r = new SplittableRandom(5);
        List<StoredTrade> trades = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            StoredTrade t = trade(i, "BTC/USDT", random(r));
            String run = "run-" + (1 + i % 3);
            trades.add(new StoredTrade(t.tradeKey(), run, t.exchange(), t.symbol(), t.timeframe(), t.kind(),
                    t.entryTime(), t.exitTime(), t.entryPrice(), t.exitPrice(), t.size(), t.leverage(), t.fees(),
                    t.pnl(), t.pnlPercent(), t.exitReason(), t.mfePercent(), t.maePercent(), t.regimeAtEntry(),
                    t.volatilityAtEntry(), t.features(), t.embedding(), t.embeddingVersion(), t.win()));
        }
        memory.save(trades);
        Instant after = T0.plusSeconds(100 * 3600);
        assertThat(memory.recall(after, 100)).hasSize(9);
        assertThat(memory.recall(after, 100, List.of("run-2", "run-3"))).extracting(x -> x.trade().runId())
                .containsOnly("run-1").hasSize(3);
        // the limit counts the trades left in: the latest 2 of run-1 and run-3 (trades 8, 6 ... by exit time)
        assertThat(memory.recall(after, 2, List.of("run-2"))).extracting(x -> x.trade().tradeKey())
                .containsExactly("kBTC/USDT6", "kBTC/USDT8");
        dev.shadowtrainer.patterns.PatternStore patterns = new dev.shadowtrainer.patterns.PatternStore(
                MemoryDatabase.open(store.equals("h2") ? MemoryUrl.parse("h2:" + dir.resolve("memory")) : postgres));
        assertThat(patterns.pastSamples(null, after)).hasSize(9);
        assertThat(patterns.pastSamples(null, after, List.of("run-1"))).hasSize(6);
        assertThat(patterns.pastSamples("BTC/USDT", after, List.of("run-1", "run-2", "run-3"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void recallGivesTheLatestTradesThatExitedBeforeACutOffOldestFirstWithEverythingStored(String store) {
        TradeMemory memory = open(store);
        SplittableRandom r = new SplittableRandom(3);
        List<StoredTrade> trades = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            trades.add(trade(i, i % 2 == 0 ? "BTC/USDT" : "ETH/USDT", random(r)));
        }
        memory.save(trades, List.of(new PostExitRow(trades.get(6).tradeKey(), 101.0, null, 99.5, 103.0, 4.5,
                "TOO_EARLY")));
        // Trade i exits at T0 + (i + 1) h: strictly before T0 + 9h are trades 0..7; the latest 3 are 5, 6, 7.
        List<TradeMemory.Recalled> recalled = memory.recall(T0.plusSeconds(9 * 3600), 3);
        assertThat(recalled).extracting(x -> x.trade().tradeKey()).containsExactly("kETH/USDT5", "kBTC/USDT6",
                "kETH/USDT7");
        StoredTrade back = recalled.get(1).trade();
        StoredTrade original = trades.get(6);
        assertThat(back.embedding()).containsExactly(original.embedding());
        assertThat(back).usingRecursiveComparison().ignoringFields("embedding", "features").isEqualTo(original);
        assertThat(back.features().replace(" ", "")).isEqualTo("{\"rsi\":0.5}");
        assertThat(recalled.get(1).postExit()).isEqualTo(new PostExitRow(original.tradeKey(), 101.0, null, 99.5, 103.0,
                4.5, "TOO_EARLY"));
        assertThat(recalled.get(0).postExit()).isNull();
        assertThat(memory.recall(T0.plusSeconds(3600), 5)).as("an exit at the cut-off is not before it").isEmpty();
        assertThat(memory.recall(T0.plusSeconds(100 * 3600), 0)).isEmpty();
        assertThat(memory.recall(T0.plusSeconds(100 * 3600), 100)).hasSize(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aSavedModelIsRegisteredOnce(String store) {
        TradeMemory memory = open(store);
        assertThat(memory.registeredModel("run-1")).isEmpty();
        memory.registerModel("run-1", "run-1", T0, "ab".repeat(32), "{\"oos_sharpe\": 1.5}");
        memory.registerModel("run-1", "run-1", T0, "cd".repeat(32), "{}");
        assertThat(memory.registeredModel("run-1")).contains("ab".repeat(32));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void nearestSeesOnlyTradesThatHadExitedAndPutsTheClosestFirst(String store) {
        TradeMemory memory = open(store);
        float[] query = unit(0);
        float[] close = unit(0).clone();
        close[1] = 0.1f;
        float[] far = unit(1);
        memory.save(List.of(trade(0, "BTC/USDT", far), trade(1, "BTC/USDT", close), trade(2, "ETH/USDT", query),
                trade(10, "BTC/USDT", query)));
        // At T0 + 4h trades 0, 1 and 2 have exited (exits at 1h, 2h, 3h); trade 10 exits at 11h.
        List<TradeMemory.Neighbour> n = memory.nearest(query, T0.plusSeconds(4 * 3600), 10, null);
        assertThat(n).extracting(TradeMemory.Neighbour::tradeKey).containsExactly("kETH/USDT2", "kBTC/USDT1",
                "kBTC/USDT0");
        assertThat(n.get(0).distance()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(n.get(2).distance()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        // an exit exactly at the decision time counts as known
        assertThat(memory.nearest(query, T0.plusSeconds(3600), 10, null)).extracting(TradeMemory.Neighbour::tradeKey)
                .containsExactly("kBTC/USDT0");
        assertThat(memory.nearest(query, T0.plusSeconds(4 * 3600), 1, "BTC/USDT"))
                .extracting(TradeMemory.Neighbour::tradeKey).containsExactly("kBTC/USDT1");
        assertThat(memory.nearest(query, T0, 5, null)).isEmpty();
    }

    @Test
    void nanNeverReachesTheDatabase() {
        float[] bad = unit(0);
        bad[5] = Float.NaN;
        assertThatThrownBy(() -> trade(0, "BTC/USDT", bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite embedding");
        StoredTrade ok = trade(0, "BTC/USDT", unit(0));
        assertThatThrownBy(() -> new StoredTrade(ok.tradeKey(), ok.runId(), ok.exchange(), ok.symbol(), ok.timeframe(),
                ok.kind(), ok.entryTime(), ok.exitTime(), ok.entryPrice(), ok.exitPrice(), ok.size(), ok.leverage(),
                ok.fees(), Double.NaN, ok.pnlPercent(), ok.exitReason(), ok.mfePercent(), ok.maePercent(),
                ok.regimeAtEntry(), ok.volatilityAtEntry(), ok.features(), ok.embedding(), ok.embeddingVersion(),
                ok.win())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite number");
    }

    @Test
    void aSelectiveFilterStillGetsKRowsFromTheHnswIndexThroughIterativeScans() {
        TradeMemory memory = open("postgresql");
        SplittableRandom random = new SplittableRandom(3);
        List<StoredTrade> trades = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            trades.add(trade(i, i % 160 == 7 ? "RARE/USDT" : "BTC/USDT", random(random))); // 13 rare trades
        }
        memory.save(trades);
        assertThat(memory.indexBacklog(1_000, n -> { })).isEqualTo(2_000);
        float[] query = random(random);
        Instant late = T0.plusSeconds(3600L * 10_000);
        List<String> exact = exactNearest(trades, query, "RARE/USDT", 10);

        // With its B-tree on (symbol, exit_time) PostgreSQL answers this filter exactly.
        assertThat(memory.nearest(query, late, 10, "RARE/USDT")).extracting(TradeMemory.Neighbour::tradeKey)
                .containsExactlyElementsOf(exact);

        // Without it (and without the symbols' own indexes) V1's HNSW index over every symbol serves the
        // query. Plain HNSW filters only its first ef_search (TradeMemory.EF_SEARCH, 64) candidates, about
        // 64 * 13 / 2000 of them rare; the iterative scan goes on until 10 pass.
        MemoryDatabase.inspect(postgres).jdbi().useTransaction(h -> {
            h.execute("DROP INDEX trade_memory_symbol_exit");
            h.execute("DROP INDEX trade_memory_exit");
            h.execute("DROP INDEX " + SymbolIndexes.name("RARE/USDT"));
            h.execute("DROP INDEX " + SymbolIndexes.name("BTC/USDT"));
            h.execute("SET LOCAL enable_seqscan = off");
            assertThat(memory.explainNearest(h, query, late, 10, "RARE/USDT")).contains("trade_memory_embedding");
            List<TradeMemory.Neighbour> rare = memory.nearest(h, query, late, 10, "RARE/USDT");
            assertThat(rare).hasSize(10).allSatisfy(n -> assertThat(n.symbol()).isEqualTo("RARE/USDT"));
            assertThat(rare).isSortedAccordingTo(
                    java.util.Comparator.comparingDouble(TradeMemory.Neighbour::distance));
            assertThat(rare).extracting(TradeMemory.Neighbour::tradeKey).containsExactlyElementsOf(exact);

            assertThat(plainHnswRows(h, query, late, "RARE/USDT")).as("rows without iterative scans").isLessThan(10);
            h.rollback();
        });
    }

    @Test
    void aSymbolLookUpReadsThatSymbolsOwnIndexAndASelectiveTimeFilterStillGetsKRows() {
        TradeMemory memory = open("postgresql");
        SplittableRandom random = new SplittableRandom(5);
        List<StoredTrade> trades = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            trades.add(trade(i, i % 2 == 0 ? "BTC/USDT" : "ETH/USDT", random(random)));
        }
        memory.save(trades);
        memory.indexBacklog(1_000, n -> { });
        float[] query = random(random);
        // Trade i exits at T0 + (i + 1) h: 20 BTC trades of 1,000 have exited by the 40th hour.
        Instant early = T0.plusSeconds(3600L * 40);
        List<String> exact = exactNearest(trades.stream().filter(t -> !t.exitTime().isAfter(early)).toList(), query,
                "BTC/USDT", 10);
        String btcIndex = SymbolIndexes.name("BTC/USDT");
        MemoryDatabase.inspect(postgres).jdbi().useTransaction(h -> {
            assertThat(h.createQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'trade_memory' AND indexname "
                    + "LIKE 'trade_memory_embedding_%' ORDER BY 1").mapTo(String.class).list())
                    .containsExactlyInAnyOrder(btcIndex, SymbolIndexes.name("ETH/USDT"));
            h.execute("DROP INDEX trade_memory_symbol_exit");
            h.execute("DROP INDEX trade_memory_exit");
            h.execute("SET LOCAL enable_seqscan = off");
            // Six executions: from the sixth the driver's server-side prepared statement could get a
            // generic plan, which cannot use a partial index; the look-up asks for custom plans.
            for (int run = 0; run < 6; run++) {
                assertThat(memory.explainNearest(h, query, early, 10, "BTC/USDT")).contains(btcIndex);
                List<TradeMemory.Neighbour> found = memory.nearest(h, query, early, 10, "BTC/USDT");
                assertThat(found).extracting(TradeMemory.Neighbour::tradeKey).containsExactlyElementsOf(exact);
            }
            assertThat(memory.explainNearest(h, query, early, 10, null)).contains("trade_memory_embedding")
                    .doesNotContain(btcIndex);

            assertThat(plainHnswRows(h, query, early, "BTC/USDT")).as("rows without iterative scans").isLessThan(10);
            h.rollback();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void writtenTradesAreFoundAtOnceAndTheSameOnceTheHnswIndexesHaveTakenThemIn(String store) {
        TradeMemory memory = open(store);
        SplittableRandom random = new SplittableRandom(11);
        List<StoredTrade> trades = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            trades.add(trade(i, i % 3 == 0 ? "BTC/USDT" : "ETH/USDT", random(random)));
        }
        memory.save(trades.subList(0, 1_000));
        List<Long> progress = new ArrayList<>();
        assertThat(memory.indexBacklog(400, progress::add)).isEqualTo(1_000);
        assertThat(progress).containsExactly(400L, 800L, 1_000L);
        memory.save(trades.subList(1_000, 1_500)); // these wait: some answers below come from them
        assertThat(memory.backlog()).isEqualTo(500);

        float[][] queries = {random(random), random(random), random(random)};
        Instant late = T0.plusSeconds(3600L * 5_000);
        Instant mid = T0.plusSeconds(3600L * 1_250); // 1,249 trades have exited
        List<List<String>> before = new ArrayList<>();
        for (float[] q : queries) {
            for (Instant t : List.of(late, mid)) {
                List<StoredTrade> past = trades.stream().filter(tr -> !tr.exitTime().isAfter(t)).toList();
                for (String symbol : java.util.Arrays.asList(null, "BTC/USDT")) {
                    List<String> exact = symbol == null ? exactNearest(past, q, 10) : exactNearest(past, q, symbol, 10);
                    List<String> found = memory.nearest(q, t, 10, symbol).stream()
                            .map(TradeMemory.Neighbour::tradeKey).toList();
                    assertThat(found).as("%s at %s", symbol, t).containsExactlyElementsOf(exact);
                    before.add(found);
                }
            }
        }
        assertThat(before.stream().flatMap(List::stream)
                .filter(k -> Integer.parseInt(k.replaceAll(".*USDT", "")) >= 1_000)).isNotEmpty();

        assertThat(memory.indexBacklog(5_000, n -> { })).isEqualTo(500);
        assertThat(memory.backlog()).isZero();
        assertThat(memory.indexBacklog(5_000, n -> { })).isZero();
        List<List<String>> after = new ArrayList<>();
        for (float[] q : queries) {
            for (Instant t : List.of(late, mid)) {
                for (String symbol : java.util.Arrays.asList(null, "BTC/USDT")) {
                    after.add(memory.nearest(q, t, 10, symbol).stream().map(TradeMemory.Neighbour::tradeKey).toList());
                }
            }
        }
        if (store.equals("h2")) {
            assertThat(after).isEqualTo(before); // exact search either way
        } else { // now all through the HNSW indexes, which are approximate
            long same = 0;
            long all = 0;
            for (int i = 0; i < before.size(); i++) {
                all += before.get(i).size();
                same += after.get(i).stream().filter(before.get(i)::contains).count();
            }
            assertThat((double) same / all).as("recall of the HNSW search against the exact one").isGreaterThan(0.9);
        }
    }

    @Test
    void aSymbolsIndexIsMadeOnceAndASecondWriterFindsIt() {
        TradeMemory memory = open("postgresql");
        String odd = "O'BRIEN:X/USD T"; // a quote, a colon and a space reach the DDL as a literal
        memory.save(List.of(trade(0, odd, unit(0)), trade(1, "BTC/USDT", unit(1))));
        TradeMemory again = new TradeMemory(MemoryDatabase.open(postgres));
        again.save(List.of(trade(2, odd, unit(2)), trade(3, "BTC/USDT", unit(3))));
        MemoryDatabase.inspect(postgres).jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'trade_memory' AND indexname "
                    + "LIKE 'trade_memory_embedding_%'").mapTo(String.class).list())
                    .containsExactlyInAnyOrder(SymbolIndexes.name(odd), SymbolIndexes.name("BTC/USDT"));
            assertThat(h.createQuery("SELECT indexdef FROM pg_indexes WHERE indexname = :n")
                    .bind("n", SymbolIndexes.name(odd)).mapTo(String.class).one())
                    .contains("hnsw").contains("vector_cosine_ops").contains("'O''BRIEN:X/USD T'");
        });
        assertThat(again.nearest(unit(0), T0.plusSeconds(3600L * 10), 5, odd))
                .extracting(TradeMemory.Neighbour::tradeKey).containsExactly("k" + odd + "0", "k" + odd + "2");
    }

    /**
     * Rows a plain HNSW scan (iterative scans off) returns for the 10 indexed trades of {@code symbol}
     * nearest to {@code q} that exited by {@code t}, in the transaction on {@code h}.
     */
    private static int plainHnswRows(org.jdbi.v3.core.Handle h, float[] q, Instant t, String symbol) {
        h.execute("SET LOCAL hnsw.iterative_scan = off");
        return h.createQuery("SELECT COUNT(*) FROM (SELECT id FROM trade_memory WHERE exit_time <= :t AND indexed "
                        + "AND symbol = '" + symbol + "' ORDER BY embedding <=> :q LIMIT 10) x")
                .bind("t", java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC))
                .bind("q", (org.jdbi.v3.core.argument.Argument) (position, statement, ctx) ->
                        statement.setObject(position, new com.pgvector.PGvector(q)))
                .mapTo(Integer.class).one();
    }

    /** The keys of the k trades of {@code symbol} nearest to {@code q} by exact cosine distance. */
    private static List<String> exactNearest(List<StoredTrade> trades, float[] q, String symbol, int k) {
        return exactNearest(trades.stream().filter(t -> t.symbol().equals(symbol)).toList(), q, k);
    }

    /** The keys of the k trades nearest to {@code q} by exact cosine distance. */
    private static List<String> exactNearest(List<StoredTrade> trades, float[] q, int k) {
        return trades.stream()
                .sorted(java.util.Comparator.comparingDouble(t -> H2Functions.cosineDistance(box(t.embedding()), box(q))))
                .limit(k).map(StoredTrade::tradeKey).toList();
    }

    private static Float[] box(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
