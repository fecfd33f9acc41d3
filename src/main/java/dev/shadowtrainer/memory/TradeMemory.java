package dev.shadowtrainer.memory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The trade memory's system of record on either store. Writes are batched in one transaction and
 * idempotent: a trade whose key is already stored is left as it is (so running the same run again adds
 * no rows), and duplicates inside one batch are dropped before the write (the first wins). Look-ups
 * return the k nearest stored trades by cosine distance among those that had exited by the decision
 * time, optionally of one symbol; on PostgreSQL through the HNSW index with pgvector's iterative scans,
 * so a selective filter still yields k rows when k qualify; on H2 by exact search.
 */
public final class TradeMemory implements MemoryWriter.Store, AutoCloseable {
    private static final String COLUMNS = "trade_key, run_id, exchange, symbol, timeframe, kind, entry_time, "
            + "exit_time, entry_price, exit_price, size, leverage, fees, pnl, pnl_percent, exit_reason, mfe_percent, "
            + "mae_percent, regime_at_entry, volatility_at_entry, features, embedding, embedding_version, win";
    private static final String VALUES = ":trade_key, :run_id, :exchange, :symbol, :timeframe, :kind, :entry_time, "
            + ":exit_time, :entry_price, :exit_price, :size, :leverage, :fees, :pnl, :pnl_percent, :exit_reason, "
            + ":mfe_percent, :mae_percent, :regime_at_entry, :volatility_at_entry, %s, :embedding, :embedding_version, "
            + ":win";

    /**
     * hnsw.ef_search of a look-up on PostgreSQL: the candidate list of the HNSW search. The trade-memory
     * bench at a million trades (README) gave recall@10 0.931 to 0.950 at pgvector's default of 40 and
     * 0.960 to 0.972 at 64 over six runs on two machines.
     */
    public static final int EF_SEARCH = 64;
    /** Trades per transaction of {@link #indexBacklog} in {@code db index} and the nightly job. */
    public static final int INDEX_BATCH = 5_000;

    private final MemoryUrl.Vendor vendor;
    private final Jdbi jdbi;
    private final String display;
    private final MemoryDatabase database;
    /** PostgreSQL's write path (COPY into a staging table, then INSERT ... ON CONFLICT), made on first use. */
    private BulkTrades bulk;
    /**
     * PostgreSQL: the connection look-ups use, opened on the first and kept, its session set up once
     * ({@link #lookupSettings}), so a look-up is one round trip instead of a new connection (about 20 ms)
     * plus a transaction of settings.
     */
    private Handle lookups;

    public TradeMemory(MemoryDatabase database) {
        Objects.requireNonNull(database, "database is null");
        this.vendor = database.vendor();
        this.jdbi = database.jdbi();
        this.display = database.url().display();
        this.database = database;
    }

    /** Where the memory is, password never shown. */
    public String database() {
        return display;
    }

    /** Records a run once; a run id already stored is left as it is. */
    @Override
    public void saveRun(RunRecord run) {
        String sql = postgres()
                ? "INSERT INTO runs (run_id, started_at, exchange, symbol, timeframe, source, seed, policy, config) "
                + "VALUES (:run_id, :started_at, :exchange, :symbol, :timeframe, :source, :seed, :policy, "
                + "CAST(:config AS jsonb)) ON CONFLICT (run_id) DO NOTHING"
                : "INSERT INTO runs (run_id, started_at, exchange, symbol, timeframe, source, seed, policy, config) "
                + "SELECT :run_id, :started_at, :exchange, :symbol, :timeframe, :source, :seed, :policy, "
                + ":config FORMAT JSON FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM runs WHERE run_id = :run_id)";
        jdbi.useHandle(h -> h.createUpdate(sql).bind("run_id", run.runId()).bind("started_at", Sql.time(run.startedAt()))
                .bind("exchange", run.exchange()).bind("symbol", run.symbol()).bind("timeframe", run.timeframe())
                .bind("source", run.source()).bind("seed", run.seed()).bind("policy", run.policy())
                .bind("config", run.config()).execute());
    }

    /**
     * Stores the trades that are not stored yet, in one transaction; returns how many rows were added.
     * Their run must have been saved with {@link #saveRun}.
     */
    public int save(List<StoredTrade> trades) {
        return save(trades, List.of());
    }

    /**
     * Stores the trades not stored yet and the post-exit rows of trades that have none, all in one
     * transaction (a killed run leaves the whole batch or nothing); returns how many trades were added.
     * A post-exit row refers to a trade by key: one in this batch or stored before.
     */
    @Override
    public int save(List<StoredTrade> trades, List<PostExitRow> postExit) {
        if (postgres()) {
            if (bulk == null) {
                bulk = new BulkTrades(database);
            }
            return bulk.save(trades, postExit);
        }
        Map<String, StoredTrade> unique = new LinkedHashMap<>();
        for (StoredTrade t : trades) {
            unique.putIfAbsent(t.tradeKey(), t);
        }
        Map<String, PostExitRow> uniquePostExit = new LinkedHashMap<>();
        for (PostExitRow p : postExit) {
            uniquePostExit.putIfAbsent(p.tradeKey(), p);
        }
        if (unique.isEmpty() && uniquePostExit.isEmpty()) {
            return 0;
        }
        // H2 (PostgreSQL went to BulkTrades above).
        String sql = "INSERT INTO trade_memory (" + COLUMNS + ") SELECT " + VALUES.formatted(":features FORMAT JSON")
                + " FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM trade_memory WHERE trade_key = :trade_key)";
        String postExitSql = "INSERT INTO post_exit_tracking (trade_id, price_1h, price_4h, price_24h, best_exit_price, "
                + "missed_profit, verdict) SELECT t.id, :p1, :p4, :p24, :best, :missed, :verdict FROM trade_memory t "
                + "WHERE t.trade_key = :trade_key AND NOT EXISTS (SELECT 1 FROM post_exit_tracking p WHERE "
                + "p.trade_id = t.id)";
        return jdbi.inTransaction(h -> {
            int added = 0;
            if (!unique.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(sql);
                for (StoredTrade t : unique.values()) {
                    bind(batch, t).add();
                }
                for (int n : batch.execute()) {
                    added += Math.max(n, 0);
                }
            }
            if (!uniquePostExit.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(postExitSql);
                for (PostExitRow p : uniquePostExit.values()) {
                    batch.bind("trade_key", p.tradeKey()).bindByType("p1", p.price1h(), Double.class)
                            .bindByType("p4", p.price4h(), Double.class)
                            .bindByType("p24", p.price24h(), Double.class)
                            .bindByType("best", p.bestExitPrice(), Double.class)
                            .bindByType("missed", p.missedProfit(), Double.class).bind("verdict", p.verdict()).add();
                }
                batch.execute();
            }
            return added;
        });
    }

    /**
     * Records a saved model in model_registry once (a name already there is left as it is); its run must
     * have been saved with {@link #saveRun}. {@code metrics} is a JSON object.
     */
    public void registerModel(String name, String runId, Instant createdAt, String metadataSha256, String metrics) {
        String sql = postgres()
                ? "INSERT INTO model_registry (model_name, run_id, created_at, metadata_sha256, metrics) VALUES "
                + "(:name, :run, :at, :sha, CAST(:metrics AS jsonb)) ON CONFLICT (model_name) DO NOTHING"
                : "INSERT INTO model_registry (model_name, run_id, created_at, metadata_sha256, metrics) SELECT "
                + ":name, :run, :at, :sha, :metrics FORMAT JSON FROM DUAL WHERE NOT EXISTS "
                + "(SELECT 1 FROM model_registry WHERE model_name = :name)";
        jdbi.useHandle(h -> h.createUpdate(sql).bind("name", name).bind("run", runId).bind("at", Sql.time(createdAt))
                .bind("sha", metadataSha256).bind("metrics", metrics).execute());
    }

    /** The registered model's metadata SHA-256, if {@code name} is registered. */
    public java.util.Optional<String> registeredModel(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT metadata_sha256 FROM model_registry WHERE model_name = :n")
                .bind("n", name).mapTo(String.class).findOne());
    }

    /** Post-exit rows stored. */
    public long postExitCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM post_exit_tracking").mapTo(Long.class).one());
    }

    private PreparedBatch bind(PreparedBatch b, StoredTrade t) {
        return b.bind("trade_key", t.tradeKey()).bind("run_id", t.runId()).bind("exchange", t.exchange())
                .bind("symbol", t.symbol()).bind("timeframe", t.timeframe()).bind("kind", t.kind())
                .bind("entry_time", Sql.time(t.entryTime())).bind("exit_time", Sql.time(t.exitTime()))
                .bind("entry_price", t.entryPrice()).bind("exit_price", t.exitPrice()).bind("size", t.size())
                .bind("leverage", t.leverage()).bind("fees", t.fees()).bind("pnl", t.pnl())
                .bind("pnl_percent", t.pnlPercent()).bind("exit_reason", t.exitReason())
                .bind("mfe_percent", t.mfePercent()).bind("mae_percent", t.maePercent())
                .bind("regime_at_entry", t.regimeAtEntry()).bind("volatility_at_entry", t.volatilityAtEntry())
                .bind("features", t.features()).bind("embedding", Sql.vector(vendor, t.embeddingView()))
                .bind("embedding_version", t.embeddingVersion()).bind("win", t.win());
    }

    /** Trades stored. */
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM trade_memory").mapTo(Long.class).one());
    }

    /**
     * The {@code limit} most recent stored trades (by exit time) of the current embedding version that
     * exited strictly before {@code exitBefore}, oldest first, with their post-exit rows when stored: the
     * past a run may start from (the in-process look-up index, the pattern library).
     */
    public List<Recalled> recall(Instant exitBefore, int limit) {
        return recall(exitBefore, limit, java.util.Set.of());
    }

    /**
     * As {@link #recall(Instant, int)}, leaving out the trades of the runs in {@code hiddenRuns}: a run
     * of {@code train-universe} does not see the trades its sibling runs store while it runs, so what it
     * recalls does not depend on which of them finished first.
     */
    public List<Recalled> recall(Instant exitBefore, int limit, java.util.Collection<String> hiddenRuns) {
        Objects.requireNonNull(exitBefore, "exitBefore is null");
        List<String> hidden = List.copyOf(Objects.requireNonNull(hiddenRuns, "hiddenRuns is null"));
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        String sql = "SELECT t.trade_key, t.run_id, t.exchange, t.symbol, t.timeframe, t.kind, t.entry_time, "
                + "t.exit_time, t.entry_price, t.exit_price, t.size, t.leverage, t.fees, t.pnl, t.pnl_percent, "
                + "t.exit_reason, t.mfe_percent, t.mae_percent, t.regime_at_entry, t.volatility_at_entry, "
                + (postgres() ? "t.features::text AS features" : "t.features") + ", t.embedding"
                + ", t.embedding_version, t.win, p.price_1h, p.price_4h, p.price_24h, p.best_exit_price, "
                + "p.missed_profit, p.verdict FROM trade_memory t LEFT JOIN post_exit_tracking p ON p.trade_id = t.id "
                + "WHERE t.exit_time < :t AND t.embedding_version = :v"
                + (hidden.isEmpty() ? "" : " AND t.run_id NOT IN (<hidden>)")
                + " ORDER BY t.exit_time DESC, t.id DESC LIMIT :n";
        List<Recalled> out = jdbi.withHandle(h -> hideRuns(h.createQuery(sql), hidden).bind("t", Sql.time(exitBefore))
                .bind("v", Embedding.VERSION).bind("n", limit).map((rs, ctx) -> {
                    String key = rs.getString("trade_key");
                    StoredTrade trade = new StoredTrade(key, rs.getString("run_id"), rs.getString("exchange"),
                            rs.getString("symbol"), rs.getString("timeframe"), rs.getString("kind"),
                            rs.getObject("entry_time", OffsetDateTime.class).toInstant(),
                            rs.getObject("exit_time", OffsetDateTime.class).toInstant(), rs.getDouble("entry_price"),
                            rs.getDouble("exit_price"), rs.getDouble("size"), rs.getDouble("leverage"),
                            rs.getDouble("fees"), rs.getDouble("pnl"), rs.getDouble("pnl_percent"),
                            rs.getString("exit_reason"), rs.getDouble("mfe_percent"), rs.getDouble("mae_percent"),
                            rs.getString("regime_at_entry"), rs.getDouble("volatility_at_entry"),
                            text(rs.getObject("features")), Sql.vector(rs, "embedding"),
                            rs.getInt("embedding_version"), rs.getBoolean("win"));
                    String verdict = rs.getString("verdict");
                    PostExitRow postExit = verdict == null ? null : new PostExitRow(key,
                            rs.getObject("price_1h", Double.class), rs.getObject("price_4h", Double.class),
                            rs.getObject("price_24h", Double.class), rs.getObject("best_exit_price", Double.class),
                            rs.getObject("missed_profit", Double.class), verdict);
                    return new Recalled(trade, postExit);
                }).list());
        java.util.Collections.reverse(out);
        return out;
    }

    /** Binds the run ids of a {@code run_id NOT IN (<hidden>)} clause; an empty list leaves the query as it is. */
    public static Query hideRuns(Query query, List<String> hidden) {
        return hidden.isEmpty() ? query : query.bindList("hidden", hidden);
    }

    /** A stored trade and its post-exit row (null when none was stored). */
    public record Recalled(StoredTrade trade, PostExitRow postExit) {
        public Recalled {
            Objects.requireNonNull(trade, "trade is null");
        }
    }

    private static String text(Object json) {
        if (json instanceof byte[] bytes) { // H2 hands JSON out as its UTF-8 bytes
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(json);
    }

    /** Trades stored but not yet taken into the HNSW indexes (migration V4); 0 on H2 once indexed. */
    public long backlog() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM trade_memory WHERE NOT indexed")
                .mapTo(Long.class).one());
    }

    /**
     * Takes the trades not yet indexed into the HNSW indexes, oldest id first, {@code batch} per
     * transaction (so an interrupted run keeps the batches done and loses none: a trade is either still
     * waiting or indexed); tells {@code progress} the running total after each batch; returns how many
     * were indexed. On PostgreSQL each is inserted into V1's HNSW graph and its symbol's (whose index is
     * made first if missing); H2 has no HNSW index and only sets the flag.
     */
    public long indexBacklog(int batch, java.util.function.LongConsumer progress) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (postgres()) {
            jdbi.useTransaction(h -> new SymbolIndexes().ensure(h, h.createQuery(
                    "SELECT DISTINCT symbol FROM trade_memory WHERE NOT indexed").mapTo(String.class).list()));
        }
        long done = 0;
        while (true) {
            int n = jdbi.inTransaction(h -> h.createUpdate("UPDATE trade_memory SET indexed = TRUE WHERE id IN "
                    + "(SELECT id FROM trade_memory WHERE NOT indexed ORDER BY id LIMIT :n)").bind("n", batch).execute());
            if (n == 0) {
                if (postgres() && done > 0) {
                    // Fresh statistics of the flag, so look-ups plan the waiting part through its small
                    // B-tree rather than from estimates made while many trades were waiting.
                    jdbi.useHandle(h -> h.execute("ANALYZE trade_memory"));
                }
                return done;
            }
            done += n;
            progress.accept(done);
        }
    }

    /** A stored trade near a query, with its cosine distance. */
    public record Neighbour(long id, String tradeKey, String symbol, Instant exitTime, double pnlPercent, boolean win,
                            double distance) {
    }

    /**
     * The {@code k} stored trades nearest to {@code query} (cosine distance, same embedding version) among
     * those whose exit time is at or before {@code decisionTime}, of {@code symbol} when it is not null;
     * nearest first. Fewer than k only when fewer qualify.
     */
    public List<Neighbour> nearest(float[] query, Instant decisionTime, int k, String symbol) {
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(decisionTime, "decisionTime is null");
        if (query.length != Embedding.DIMENSION || k < 1) {
            throw new IllegalArgumentException("need a " + Embedding.DIMENSION + "-float query and k >= 1");
        }
        if (postgres()) {
            synchronized (this) {
                if (lookups == null) {
                    lookups = jdbi.open();
                    lookupSettings(lookups, false);
                }
                try {
                    return query(lookups, nearestSql(symbol), query, decisionTime, k, symbol);
                } catch (RuntimeException e) {
                    close(); // the next look-up opens a fresh connection
                    throw e;
                }
            }
        }
        return jdbi.withHandle(h -> query(h, nearestSql(symbol), query, decisionTime, k, symbol));
    }

    /** Closes the look-up connection, if one is open; the next look-up opens another. */
    @Override
    public synchronized void close() {
        if (lookups != null) {
            try {
                lookups.close();
            } catch (RuntimeException ignored) {
                // a connection the server already dropped
            } finally {
                lookups = null;
            }
        }
    }

    /** {@link #nearest} on PostgreSQL inside the caller's transaction (tests change the plan around it). */
    List<Neighbour> nearest(Handle h, float[] query, Instant decisionTime, int k, String symbol) {
        lookupSettings(h, true);
        return query(h, nearestSql(symbol), query, decisionTime, k, symbol);
    }

    /**
     * The settings of a PostgreSQL look-up on {@code h}, for its session or ({@code local}) only its open
     * transaction, in one round trip: pgvector 0.8's iterative index scans, {@link #EF_SEARCH}, and plans
     * made with the parameters' values (a custom plan, also once the driver has prepared the statement on
     * the server), without which the planner could neither use a symbol's partial index
     * ({@link SymbolIndexes}) nor choose the B-trees when few trades qualify.
     */
    public static void lookupSettings(Handle h, boolean local) {
        String set = local ? "SET LOCAL " : "SET ";
        h.execute(set + "hnsw.iterative_scan = relaxed_order; " + set + "hnsw.ef_search = " + EF_SEARCH + "; " + set
                + "plan_cache_mode = force_custom_plan");
    }

    /** The plan PostgreSQL chooses for {@link #nearest} inside the caller's transaction. */
    String explainNearest(Handle h, float[] query, Instant decisionTime, int k, String symbol) {
        lookupSettings(h, true);
        Query q = h.createQuery("EXPLAIN " + nearestSql(symbol)).bind("q", Sql.vector(vendor, query))
                .bind("t", Sql.time(decisionTime)).bind("v", Embedding.VERSION).bind("k", k);
        if (symbol != null) {
            q.bind("s", symbol);
        }
        return String.join("\n", q.mapTo(String.class).list());
    }

    private String nearestSql(String symbol) {
        String filter = "exit_time <= :t AND embedding_version = :v" + (symbol == null ? "" : " AND symbol = :s");
        if (postgres()) {
            // The trades in the HNSW graphs through the index (V1's, or the symbol's own partial index):
            // iterative index scans (pgvector 0.8) go on until k rows pass the filter, instead of
            // filtering only the first ef_search candidates; relaxed_order may return them slightly out
            // of order, so they are sorted again outside the materialised scan. The trades not indexed
            // yet (V4) are searched exactly through their partial B-tree on exit_time. The k nearest of
            // both are the answer.
            String columns = "id, trade_key, symbol, exit_time, pnl_percent, win, embedding <=> :q AS distance";
            return "WITH graph AS MATERIALIZED (SELECT " + columns + " FROM trade_memory WHERE indexed AND " + filter
                    + " ORDER BY embedding <=> :q LIMIT :k), backlog AS MATERIALIZED (SELECT " + columns
                    + " FROM trade_memory WHERE NOT indexed AND " + filter + " ORDER BY distance LIMIT :k) "
                    + "SELECT * FROM (SELECT * FROM graph UNION ALL SELECT * FROM backlog) nearest "
                    + "ORDER BY distance, id LIMIT :k";
        }
        // Exact search; each distance computed once, NULL (a zero vector) never ranked.
        return "SELECT * FROM (SELECT id, trade_key, symbol, exit_time, pnl_percent, win, "
                + "COSINE_DISTANCE(embedding, :q) AS distance FROM trade_memory WHERE " + filter + ") d "
                + "WHERE distance IS NOT NULL ORDER BY distance, id LIMIT :k";
    }

    private List<Neighbour> query(Handle h, String sql, float[] q, Instant t, int k, String symbol) {
        Query query = h.createQuery(sql).bind("q", Sql.vector(vendor, q)).bind("t", Sql.time(t)).bind("v", Embedding.VERSION)
                .bind("k", k);
        if (symbol != null) {
            query.bind("s", symbol);
        }
        List<Neighbour> out = new ArrayList<>(k);
        query.map((rs, ctx) -> new Neighbour(rs.getLong("id"), rs.getString("trade_key"), rs.getString("symbol"),
                rs.getObject("exit_time", OffsetDateTime.class).toInstant(), rs.getDouble("pnl_percent"),
                rs.getBoolean("win"), rs.getDouble("distance"))).forEach(out::add);
        return out;
    }

    private boolean postgres() {
        return vendor == MemoryUrl.Vendor.POSTGRESQL;
    }

}
