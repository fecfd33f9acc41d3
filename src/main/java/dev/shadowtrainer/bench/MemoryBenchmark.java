package dev.shadowtrainer.bench;

import com.pgvector.PGvector;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.memory.BulkTrades;
import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.RunRecord;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.Sql;
import dev.shadowtrainer.memory.SymbolIndexes;
import dev.shadowtrainer.memory.TradeMemory;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The trade memory on PostgreSQL + pgvector, in a scratch database made on the given server and dropped
 * at the end: bulk-loads synthetic trades through {@link BulkTrades} with the HNSW index dropped, builds
 * it as migrations V1 and V4 do and each symbol's partial index as {@link SymbolIndexes} does, times
 * time-filtered k-NN look-ups (the SQL of {@code TradeMemory.nearest}) at several ef_search values
 * against the exact answer, then times writes of new trades into the loaded table: the COPY path as
 * {@code train} writes (HNSW maintenance deferred), look-ups that see those trades before they are
 * indexed, {@code db index} taking them into the graphs, the same batch again, synchronous_commit off,
 * the COPY path with each trade put into the graphs as it is written (the path before V4), batched
 * INSERT ... ON CONFLICT (the path before BulkTrades), and the COPY path without any HNSW index.
 * Everything runs on one connection except TradeMemory's own calls ({@code nearest}, {@code backlog},
 * {@code indexBacklog}), which use its connections as they do in a run. Needs no network beyond the server.
 */
public final class MemoryBenchmark {
    static final double INGEST_TARGET = 20_000;
    static final double P50_TARGET_MILLIS = 2;
    static final double RECALL_TARGET = 0.95;
    static final int K = 10;
    /** Trades per write in a run (the pipeline's batch). */
    static final int RUN_BATCH = 5_000;
    private static final double SYMBOL_SHARE = 0.5;
    /** Mixed into the seed for the timed look-ups and for the other look-ups that warm connections up. */
    private static final long LOOKUP_SALT = 0x5DEECE66DL;
    private static final long WARMUP_SALT = 0x3C6EF372FE94F82BL;

    /**
     * @param server             the PostgreSQL server, reached through one of its databases (with pgvector
     *                           available); the scratch database is made beside it
     * @param rows               trades bulk-loaded before the look-ups
     * @param efSearch           the hnsw.ef_search values tried, each with every query
     * @param ingestTrades       new trades per COPY-path write case
     * @param insertTrades       new trades for the insert-path case (slower, so fewer)
     * @param maintenanceWorkMem the session's maintenance_work_mem for the index build
     * @param hnswM              the index's m ({@link #V1_M} in migration V1)
     * @param hnswEfConstruction the index's ef_construction ({@link #V1_EF_CONSTRUCTION} in V1)
     */
    public record Settings(MemoryUrl server, int rows, int queries, int[] efSearch, int ingestTrades,
                           int insertTrades, int loadBatch, long seed, String maintenanceWorkMem, int hnswM,
                           int hnswEfConstruction) {
        /** Migration V1's index: pgvector's defaults. */
        public static final int V1_M = 16;
        public static final int V1_EF_CONSTRUCTION = 64;

        public Settings {
            Objects.requireNonNull(server, "server is null");
            if (server.vendor() != MemoryUrl.Vendor.POSTGRESQL) {
                throw new IllegalArgumentException("the memory bench needs a PostgreSQL server (--db "
                        + "postgresql://user@host:5432/database), got " + server.display());
            }
            if (rows < 100 || queries < 1 || ingestTrades < 1 || insertTrades < 1 || loadBatch < 1) {
                throw new IllegalArgumentException("--memory-rows must be >= 100 and --memory-queries, "
                        + "--memory-ingest, --memory-insert >= 1");
            }
            efSearch = efSearch.clone();
            if (efSearch.length == 0 || Arrays.stream(efSearch).anyMatch(e -> e < K || e > 1000)) {
                throw new IllegalArgumentException("--memory-ef-search values must be between " + K
                        + " (k) and 1000 (pgvector's limit), got " + Arrays.toString(efSearch));
            }
            if (hnswM < 2 || hnswM > 100 || hnswEfConstruction < 2 * hnswM || hnswEfConstruction > 1000) {
                throw new IllegalArgumentException("--memory-hnsw-m must be 2..100 and --memory-hnsw-ef-construction "
                        + "at least twice m and at most 1000 (pgvector's limits), got " + hnswM + " and "
                        + hnswEfConstruction);
            }
            if (!maintenanceWorkMem.matches("\\d{1,7}(kB|MB|GB)")) {
                throw new IllegalArgumentException("--memory-maintenance-work-mem must be a size like 512MB or 1GB, "
                        + "got '" + maintenanceWorkMem + "'");
            }
        }

        @Override
        public int[] efSearch() {
            return efSearch.clone();
        }
    }

    /** One look-up: a query embedding, a decision time, maybe a symbol. */
    record Lookup(float[] embedding, Instant decision, String symbol) {
    }

    public MemoryBenchReport run(Settings s, PrintWriter progress) {
        long started = System.nanoTime();
        String name = "shadow_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        Jdbi admin = Jdbi.create(dataSource(s.server()));
        try {
            admin.useHandle(h -> h.execute("CREATE DATABASE " + name));
        } catch (RuntimeException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "bench memory: cannot create a scratch database on "
                    + s.server().display() + " (" + dev.shadowtrainer.memory.Sql.rootMessage(e) + "); start PostgreSQL (scripts/pg-setup) or fix "
                    + "--db", e);
        }
        try {
            return run(s, scratch(s.server(), name), progress, started);
        } finally {
            admin.useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        }
    }

    private MemoryBenchReport run(Settings s, MemoryUrl url, PrintWriter progress, long started) {
        MemoryDatabase db = MemoryDatabase.open(url);
        TradeMemory memory = new TradeMemory(db);
        BulkTrades bulk = new BulkTrades(db);
        // The load writes its trades as indexed (the indexes are built over them afterwards) and makes no
        // symbol's index; the same writer with the indexes present is the per-row maintenance case.
        BulkTrades indexedAsWritten = BulkTrades.indexedAsWritten(db);
        memory.saveRun(new RunRecord(SyntheticTrades.RUN_ID, SyntheticTrades.START, "binance", "BTC/USDT", "15m",
                "bench", s.seed(), "synthetic", "{}"));
        SyntheticTrades synthetic = new SyntheticTrades(s.rows(), s.seed());
        try (memory; Handle h = db.jdbi().open()) {
            int workers = h.createQuery("SHOW max_parallel_maintenance_workers").mapTo(Integer.class).one();

            // Bulk load without the HNSW index (as one would fill a new store), then build it as V1 does.
            h.execute("DROP INDEX trade_memory_embedding");
            MemoryBenchReport.Ingest load = load(h, indexedAsWritten, synthetic, s, progress);
            progress.printf(Locale.ROOT, "bench memory: building the HNSW index over %,d trades%n", s.rows());
            progress.flush();
            h.execute("SET maintenance_work_mem = '" + s.maintenanceWorkMem() + "'");
            long t0 = System.nanoTime();
            h.execute("CREATE INDEX trade_memory_embedding ON trade_memory USING hnsw (embedding vector_cosine_ops)"
                    + (s.hnswM() == Settings.V1_M && s.hnswEfConstruction() == Settings.V1_EF_CONSTRUCTION ? ""
                    : " WITH (m = " + s.hnswM() + ", ef_construction = " + s.hnswEfConstruction() + ")")
                    + " WHERE indexed");
            double build = seconds(t0);
            progress.printf(Locale.ROOT, "bench memory: building the %d symbols' partial HNSW indexes%n",
                    SyntheticTrades.SYMBOLS.length);
            progress.flush();
            long t1 = System.nanoTime();
            for (String symbol : SyntheticTrades.SYMBOLS) {
                h.execute(SymbolIndexes.createSql(symbol));
            }
            double symbolBuild = seconds(t1);
            h.execute("RESET maintenance_work_mem");
            h.execute("ANALYZE trade_memory");
            long indexBytes = h.createQuery("SELECT pg_relation_size('trade_memory_embedding')").mapTo(Long.class)
                    .one();
            long symbolIndexBytes = h.createQuery("SELECT COALESCE(SUM(pg_relation_size(indexrelid)), 0) FROM "
                    + "pg_index WHERE indexrelid::regclass::text LIKE '" + SymbolIndexes.PREFIX.replace("_", "\\_")
                    + "%'").mapTo(Long.class).one();
            String sharedBuffers = h.createQuery("SHOW shared_buffers").mapTo(String.class).one();

            List<Lookup> lookups = lookups(synthetic, s.queries(), s.seed() ^ LOOKUP_SALT);
            // Other look-ups of the same kind, to warm each timed connection up without running its queries.
            List<Lookup> warmup = lookups(synthetic, s.queries(), s.seed() ^ WARMUP_SALT);
            progress.printf(Locale.ROOT, "bench memory: %d exact look-ups for recall%n", lookups.size());
            progress.flush();
            List<List<Long>> exact = new ArrayList<>();
            double[] exactMillis = new double[lookups.size()];
            configure(h, 0);
            for (int i = 0; i < lookups.size(); i++) {
                long q0 = System.nanoTime();
                exact.add(nearest(h, lookups.get(i)));
                exactMillis[i] = millis(q0);
            }
            h.execute("RESET ALL");
            List<MemoryBenchReport.Search> searches = new ArrayList<>();
            for (int ef : s.efSearch()) {
                progress.printf(Locale.ROOT, "bench memory: %d look-ups at ef_search %d%n", lookups.size(), ef);
                progress.flush();
                searches.add(search(db, lookups, warmup, exact, ef));
            }
            int apiQueries = Math.min(lookups.size(), 50);
            for (Lookup l : warmup) { // connects, then warms the connection up as search() does
                memory.nearest(l.embedding(), l.decision(), K, l.symbol());
            }
            double[] api = new double[apiQueries];
            for (int i = 0; i < apiQueries; i++) {
                Lookup l = lookups.get(i);
                long q0 = System.nanoTime();
                memory.nearest(l.embedding(), l.decision(), K, l.symbol());
                api[i] = millis(q0);
            }

            int next = s.rows();
            progress.printf(Locale.ROOT, "bench memory: writing new trades into the loaded table%n");
            progress.flush();
            List<MemoryBenchReport.Ingest> ingest = new ArrayList<>();
            List<StoredTrade> first = synthetic.trades(next, next + s.ingestTrades(), "live");
            next += s.ingestTrades();
            ingest.add(copyCase(h, bulk, "COPY path (BulkTrades), HNSW maintenance deferred", true, false, first));

            // Look-ups at a decision after every stored trade, so the whole backlog qualifies and is searched.
            long backlog = memory.backlog();
            List<Lookup> latest = atTheLatestTime(lookups);
            progress.printf(Locale.ROOT, "bench memory: %d look-ups with %,d trades not yet indexed%n", latest.size(),
                    backlog);
            progress.flush();
            List<List<Long>> latestExact = new ArrayList<>();
            configure(h, 0);
            for (Lookup l : latest) {
                latestExact.add(nearest(h, l));
            }
            h.execute("RESET ALL");
            MemoryBenchReport.Search backlogSearch = search(db, latest, atTheLatestTime(warmup), latestExact,
                    s.efSearch()[0]);

            progress.printf(Locale.ROOT, "bench memory: db index, %,d trades into the HNSW graphs%n", backlog);
            progress.flush();
            long i0 = System.nanoTime();
            long indexed = memory.indexBacklog(RUN_BATCH, n -> { });
            ingest.add(ingestCase("db index: the backlog into the HNSW graphs", "index", true, "on", RUN_BATCH,
                    (int) backlog, 0, System.nanoTime() - i0));
            if (indexed != backlog || memory.backlog() != 0) {
                throw new IllegalStateException("db index took " + indexed + " of " + backlog + " trades in, "
                        + memory.backlog() + " left");
            }
            ingest.addAll(ingest(h, bulk, indexedAsWritten, synthetic, s, next, first));
            long inserted = load.added() + ingest.stream().mapToLong(MemoryBenchReport.Ingest::added).sum();
            long stored = h.createQuery("SELECT COUNT(*) FROM trade_memory").mapTo(Long.class).one();
            long dbBytes = h.createQuery("SELECT pg_database_size(current_database())").mapTo(Long.class).one();
            MemoryBenchReport.Ingest copyLive = ingest.get(0);
            boolean searchMet = searches.stream().anyMatch(MemoryBenchReport.Search::targetMet);
            return new MemoryBenchReport(s.server().display(), url.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1"),
                    s.rows(), s.loadBatch(),
                    SyntheticTrades.SYMBOLS.length, SyntheticTrades.CLUSTERS, s.seed(), s.maintenanceWorkMem(),
                    workers, load, s.hnswM(), s.hnswEfConstruction(), build, indexBytes, symbolBuild, symbolIndexBytes, sharedBuffers,
                    lookups.size(), K, SYMBOL_SHARE, searches, backlog, backlogSearch,
                    percentile(exactMillis, 0.5), percentile(api, 0.5), apiQueries, ingest, inserted, stored, dbBytes,
                    seconds(started), INGEST_TARGET, P50_TARGET_MILLIS, RECALL_TARGET,
                    copyLive.tradesPerSecond() >= INGEST_TARGET, searchMet, BenchReport.Machine.current());
        }
    }

    private static MemoryBenchReport.Ingest load(Handle h, BulkTrades bulk, SyntheticTrades synthetic, Settings s,
                                                 PrintWriter progress) {
        long added = 0;
        long nanos = 0;
        int batches = (s.rows() + s.loadBatch() - 1) / s.loadBatch();
        for (int b = 0; b < batches; b++) {
            int from = b * s.loadBatch();
            List<StoredTrade> trades = synthetic.trades(from, Math.min(s.rows(), from + s.loadBatch()), "load");
            long t0 = System.nanoTime();
            added += h.inTransaction(tx -> bulk.save(tx, trades, List.of()));
            nanos += System.nanoTime() - t0;
            if ((b + 1) % 10 == 0 || b + 1 == batches) {
                progress.printf(Locale.ROOT, "bench memory: loaded %,d of %,d trades%n", added, s.rows());
                progress.flush();
            }
        }
        return ingestCase("bulk load, COPY path, no HNSW index", "copy", false, "on", s.loadBatch(), s.rows(), added,
                nanos);
    }

    /** The other write cases, after the deferred one and its catch-up, from trade {@code next} on. */
    private static List<MemoryBenchReport.Ingest> ingest(Handle h, BulkTrades bulk, BulkTrades indexedAsWritten,
                                                         SyntheticTrades synthetic, Settings s, int next,
                                                         List<StoredTrade> again) {
        List<MemoryBenchReport.Ingest> out = new ArrayList<>();
        out.add(copyCase(h, bulk, "COPY path, the same trades again (all conflicts)", true, false, again));
        List<StoredTrade> async = synthetic.trades(next, next + s.ingestTrades(), "async");
        next += s.ingestTrades();
        out.add(copyCase(h, bulk, "COPY path, deferred, synchronous_commit off", true, true, async));
        List<StoredTrade> perRow = synthetic.trades(next, next + s.insertTrades(), "per-row");
        next += s.insertTrades();
        out.add(copyCase(h, indexedAsWritten, "COPY path, each trade into the HNSW graphs as written", true, false,
                perRow));
        List<StoredTrade> inserts = synthetic.trades(next, next + s.insertTrades(), "insert");
        next += s.insertTrades();
        long added = 0;
        long t0 = System.nanoTime();
        for (List<StoredTrade> batch : batches(inserts)) {
            added += h.inTransaction(tx -> insertBatch(tx, batch));
        }
        out.add(ingestCase("batched INSERT ... ON CONFLICT, deferred", "insert", true, "on", RUN_BATCH,
                inserts.size(), added, System.nanoTime() - t0));
        h.execute("DROP INDEX trade_memory_embedding");
        for (String symbol : SyntheticTrades.SYMBOLS) {
            h.execute("DROP INDEX " + SymbolIndexes.name(symbol));
        }
        List<StoredTrade> noIndex = synthetic.trades(next, next + s.ingestTrades(), "plain");
        out.add(copyCase(h, bulk, "COPY path, no HNSW index", false, false, noIndex));
        return out;
    }

    /**
     * The write path before BulkTrades, kept here for comparison: one prepared INSERT ... ON CONFLICT DO
     * NOTHING per trade, sent as a JDBC batch; returns the rows added.
     */
    private static int insertBatch(Handle h, List<StoredTrade> trades) {
        org.jdbi.v3.core.statement.PreparedBatch b = h.prepareBatch("INSERT INTO trade_memory (trade_key, run_id, "
                + "exchange, symbol, timeframe, kind, entry_time, exit_time, entry_price, exit_price, size, leverage, "
                + "fees, pnl, pnl_percent, exit_reason, mfe_percent, mae_percent, regime_at_entry, "
                + "volatility_at_entry, features, embedding, embedding_version, win) VALUES (:key, :run, :exchange, "
                + ":symbol, :timeframe, :kind, :entry, :exit, :entry_price, :exit_price, :size, :leverage, :fees, "
                + ":pnl, :pnl_percent, :reason, :mfe, :mae, :regime, :volatility, CAST(:features AS json), "
                + ":embedding, :version, :win) ON CONFLICT (trade_key) DO NOTHING");
        for (StoredTrade t : trades) {
            b.bind("key", t.tradeKey()).bind("run", t.runId()).bind("exchange", t.exchange())
                    .bind("symbol", t.symbol()).bind("timeframe", t.timeframe()).bind("kind", t.kind())
                    .bind("entry", Sql.time(t.entryTime())).bind("exit", Sql.time(t.exitTime()))
                    .bind("entry_price", t.entryPrice()).bind("exit_price", t.exitPrice()).bind("size", t.size())
                    .bind("leverage", t.leverage()).bind("fees", t.fees()).bind("pnl", t.pnl())
                    .bind("pnl_percent", t.pnlPercent()).bind("reason", t.exitReason()).bind("mfe", t.mfePercent())
                    .bind("mae", t.maePercent()).bind("regime", t.regimeAtEntry())
                    .bind("volatility", t.volatilityAtEntry()).bind("features", t.features())
                    .bind("embedding", Sql.vector(MemoryUrl.Vendor.POSTGRESQL, t.embedding()))
                    .bind("version", t.embeddingVersion()).bind("win", t.win()).add();
        }
        int added = 0;
        for (int n : b.execute()) {
            added += Math.max(n, 0);
        }
        return added;
    }

    private static MemoryBenchReport.Ingest copyCase(Handle h, BulkTrades bulk, String name, boolean index,
                                                     boolean async, List<StoredTrade> trades) {
        long added = 0;
        long t0 = System.nanoTime();
        for (List<StoredTrade> batch : batches(trades)) {
            added += h.inTransaction(tx -> {
                if (async) {
                    tx.execute("SET LOCAL synchronous_commit = off");
                }
                return bulk.save(tx, batch, List.of());
            });
        }
        return ingestCase(name, "copy", index, async ? "off" : "on", RUN_BATCH, trades.size(), added,
                System.nanoTime() - t0);
    }

    private static List<List<StoredTrade>> batches(List<StoredTrade> trades) {
        List<List<StoredTrade>> out = new ArrayList<>();
        for (int from = 0; from < trades.size(); from += RUN_BATCH) {
            out.add(trades.subList(from, Math.min(trades.size(), from + RUN_BATCH)));
        }
        return out;
    }

    private static MemoryBenchReport.Ingest ingestCase(String name, String path, boolean index, String sync,
                                                       int batch, int trades, long added, long nanos) {
        double seconds = nanos / 1e9;
        return new MemoryBenchReport.Ingest(name, path, index, sync, batch, trades, added, seconds,
                trades / seconds);
    }

    /** Seeded look-ups: fresh embeddings of the same mixture, decisions spread over the period. */
    private static List<Lookup> lookups(SyntheticTrades synthetic, int queries, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Lookup> out = new ArrayList<>(queries);
        long day = 86_400;
        for (int i = 0; i < queries; i++) {
            long at = day + (long) (r.nextDouble() * (SyntheticTrades.periodSeconds() - day));
            String symbol = r.nextDouble() < SYMBOL_SHARE
                    ? SyntheticTrades.SYMBOLS[r.nextInt(SyntheticTrades.SYMBOLS.length)] : null;
            out.add(new Lookup(synthetic.embedding(r), SyntheticTrades.START.plusSeconds(at), symbol));
        }
        return out;
    }

    /** The first 50 look-ups at a decision after every stored trade, so all waiting trades qualify. */
    private static List<Lookup> atTheLatestTime(List<Lookup> lookups) {
        List<Lookup> latest = new ArrayList<>();
        for (Lookup l : lookups.subList(0, Math.min(lookups.size(), 50))) {
            latest.add(new Lookup(l.embedding(), SyntheticTrades.START.plusSeconds(3 * SyntheticTrades.periodSeconds()),
                    l.symbol()));
        }
        return latest;
    }

    /**
     * Times {@code lookups} at {@code ef} on a new connection set up as TradeMemory's, after running
     * {@code warmup} on it: a long-lived connection's state (its backend has mapped the shared buffers
     * it read, the index pages are in shared_buffers) without ever having run a timed query before.
     */
    private static MemoryBenchReport.Search search(MemoryDatabase db, List<Lookup> lookups, List<Lookup> warmup,
                                                   List<List<Long>> exact, int ef) {
        try (Handle h = db.jdbi().open()) {
            return search(h, lookups, warmup, exact, ef);
        }
    }

    private static MemoryBenchReport.Search search(Handle h, List<Lookup> lookups, List<Lookup> warmup,
                                                   List<List<Long>> exact, int ef) {
        configure(h, ef);
        for (Lookup l : warmup) {
            nearest(h, l);
        }
        int hnswPlans = 0;
        for (Lookup l : lookups) {
            hnswPlans += usesHnsw(h, l) ? 1 : 0;
        }
        double[] all = new double[lookups.size()];
        List<Double> bySymbol = new ArrayList<>();
        List<Double> allSymbols = new ArrayList<>();
        double recallSum = 0;
        double recallMin = 1;
        for (int i = 0; i < lookups.size(); i++) {
            long t0 = System.nanoTime();
            List<Long> found = nearest(h, lookups.get(i));
            all[i] = millis(t0);
            (lookups.get(i).symbol() == null ? allSymbols : bySymbol).add(all[i]);
            double recall = recall(found, exact.get(i));
            recallSum += recall;
            recallMin = Math.min(recallMin, recall);
        }
        h.execute("RESET ALL");
        double p50 = percentile(all, 0.5);
        double recallMean = recallSum / lookups.size();
        return new MemoryBenchReport.Search(ef, p50, percentile(all, 0.95), recallMean, recallMin, hnswPlans,
                percentile(bySymbol.stream().mapToDouble(Double::doubleValue).toArray(), 0.5),
                percentile(allSymbols.stream().mapToDouble(Double::doubleValue).toArray(), 0.5),
                p50 <= P50_TARGET_MILLIS && recallMean >= RECALL_TARGET);
    }

    /** Whether PostgreSQL's plan for {@code l}, on a session {@link #configure}d, reads an HNSW index. */
    private static boolean usesHnsw(Handle h, Lookup l) {
        Query q = bind(h.createQuery("EXPLAIN " + nearestSql(l.symbol() != null)), l);
        return String.join("\n", q.mapTo(String.class).list()).contains("trade_memory_embedding");
    }

    /** Of the exact k nearest, the share found (1 when no trade qualifies and none was returned). */
    static double recall(List<Long> found, List<Long> exact) {
        if (exact.isEmpty()) {
            return found.isEmpty() ? 1 : 0;
        }
        Set<Long> truth = new HashSet<>(exact);
        long hits = found.stream().filter(truth::contains).count();
        return (double) hits / exact.size();
    }

    /**
     * The ids {@code TradeMemory.nearest} returns for {@code l}, with its SQL and settings, at
     * {@code efSearch}; 0 means exact (index scans off, so no HNSW).
     */
    static List<Long> nearest(Handle h, Lookup l, int efSearch) {
        configure(h, efSearch);
        List<Long> ids = nearest(h, l);
        h.execute("RESET ALL");
        return ids;
    }

    /**
     * Sets the session of {@code h} up as TradeMemory's look-up connection is, then hnsw.ef_search to
     * {@code efSearch}; 0 means exact (index scans off, so no HNSW). {@code RESET ALL} undoes it.
     */
    static void configure(Handle h, int efSearch) {
        TradeMemory.lookupSettings(h, false);
        h.execute(efSearch == 0 ? "SET enable_indexscan = off"
                : "RESET enable_indexscan; SET hnsw.ef_search = " + efSearch);
    }

    /** The ids for {@code l} on a session {@link #configure}d: one statement, as a look-up of TradeMemory. */
    static List<Long> nearest(Handle h, Lookup l) {
        return bind(h.createQuery(nearestSql(l.symbol() != null)), l).mapTo(Long.class).list();
    }

    private static Query bind(Query q, Lookup l) {
        q.bind("q", vector(l.embedding())).bind("t", OffsetDateTime.ofInstant(l.decision(), ZoneOffset.UTC))
                .bind("v", Embedding.VERSION).bind("k", K);
        if (l.symbol() != null) {
            q.bind("s", l.symbol());
        }
        return q;
    }

    /** TradeMemory.nearest's PostgreSQL query (kept equal by MemoryBenchmarkTest), ids only. */
    static String nearestSql(boolean bySymbol) {
        String filter = "exit_time <= :t AND embedding_version = :v" + (bySymbol ? " AND symbol = :s" : "");
        return "WITH graph AS MATERIALIZED (SELECT id, embedding <=> :q AS distance FROM trade_memory WHERE indexed AND "
                + filter + " ORDER BY embedding <=> :q LIMIT :k), backlog AS MATERIALIZED (SELECT id, embedding <=> :q "
                + "AS distance FROM trade_memory WHERE NOT indexed AND " + filter + " ORDER BY distance LIMIT :k) "
                + "SELECT id FROM (SELECT * FROM graph UNION ALL SELECT * FROM backlog) nearest ORDER BY distance, id "
                + "LIMIT :k";
    }

    private static Argument vector(float[] v) {
        PGvector pg = new PGvector(v);
        return (position, statement, ctx) -> statement.setObject(position, pg);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The URL of database {@code name} on {@code server}'s host, with its credentials and parameters. */
    static MemoryUrl scratch(MemoryUrl server, String name) {
        return new MemoryUrl(server.vendor(), replaceDatabase(server.jdbcUrl(), name), server.user(),
                server.password(), replaceDatabase(server.display(), name));
    }

    private static String replaceDatabase(String url, String name) {
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
    }

    private static PGSimpleDataSource dataSource(MemoryUrl url) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url.jdbcUrl());
        if (url.user() != null) {
            pg.setUser(url.user());
        }
        if (url.password() != null) {
            pg.setPassword(url.password());
        }
        pg.setConnectTimeout(5);
        return pg;
    }

}
