package dev.shadowtrainer.memory;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The trade memory's fast write path on PostgreSQL, with the contract of {@link TradeMemory#save}: the
 * trades whose key is not stored yet and the post-exit rows of trades that have none, in one
 * transaction, duplicates inside a batch dropped before the write (the first wins), rows in batch order.
 * Instead of one INSERT per trade it streams the batch with binary COPY ({@link BinaryCopy}: numbers, times
 * and the embedding need no parsing) into a temporary staging table and moves it with one
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} per table, so the per-row cost is index
 * maintenance and the features' JSON check, not a statement round trip; migration V5 checks the run
 * ids of such a statement with one query instead of a foreign-key look-up per row. The first write of a symbol
 * makes its partial HNSW index ({@link SymbolIndexes}) in the same transaction. Trades are stored not
 * yet indexed (migration V4), so a write does not wait for the HNSW graphs. Non-finite post-exit values
 * are refused before anything is written (a trade cannot hold one: {@link StoredTrade} refuses them).
 */
public final class BulkTrades implements MemoryWriter.Store {
    private static final String COLUMNS = "trade_key, run_id, exchange, symbol, timeframe, kind, entry_time, "
            + "exit_time, entry_price, exit_price, size, leverage, fees, pnl, pnl_percent, exit_reason, mfe_percent, "
            + "mae_percent, regime_at_entry, volatility_at_entry, features, embedding, embedding_version, win";
    private static final String STAGE_TRADES = "CREATE TEMP TABLE IF NOT EXISTS trade_memory_stage (ord bigint, "
            + "trade_key text, run_id text, exchange text, symbol text, timeframe text, kind text, "
            + "entry_time timestamptz, exit_time timestamptz, entry_price double precision, "
            + "exit_price double precision, size double precision, leverage double precision, fees double precision, "
            + "pnl double precision, pnl_percent double precision, exit_reason text, mfe_percent double precision, "
            + "mae_percent double precision, regime_at_entry text, volatility_at_entry double precision, "
            + "features json, embedding vector(" + Embedding.DIMENSION + "), embedding_version integer, win boolean) "
            + "ON COMMIT DELETE ROWS";
    private static final String STAGE_POST_EXIT = "CREATE TEMP TABLE IF NOT EXISTS post_exit_stage (ord bigint, "
            + "trade_key text, price_1h double precision, price_4h double precision, price_24h double precision, "
            + "best_exit_price double precision, missed_profit double precision, verdict text) ON COMMIT DELETE ROWS";
    /** Columns of trade_memory_stage: ord, then the 24 of {@link #COLUMNS}. */
    private static final int STAGE_FIELDS = 25;
    /** Columns of post_exit_stage: ord, trade_key, the five prices and the verdict. */
    private static final int POST_EXIT_STAGE_FIELDS = 8;

    private final Jdbi jdbi;
    private final TradeMemory runs;
    /** Makes each symbol's partial HNSW index on its first write (not when writing trades as indexed). */
    private final SymbolIndexes symbolIndexes = new SymbolIndexes();
    /** Stores trades as indexed, so each goes into the HNSW indexes present as it is written. */
    private final boolean indexedAsWritten;

    /**
     * The fast path over {@code database}, which must be PostgreSQL (H2 has no COPY). It stores trades
     * not yet indexed (migration V4): the HNSW graphs take them in at {@link TradeMemory#indexBacklog}.
     */
    public BulkTrades(MemoryDatabase database) {
        this(database, false);
    }

    private BulkTrades(MemoryDatabase database, boolean indexedAsWritten) {
        Objects.requireNonNull(database, "database is null");
        if (database.vendor() != MemoryUrl.Vendor.POSTGRESQL) {
            throw new IllegalArgumentException("BulkTrades needs PostgreSQL, got " + database.vendor());
        }
        this.jdbi = database.jdbi();
        this.runs = new TradeMemory(database);
        this.indexedAsWritten = indexedAsWritten;
    }

    /**
     * A writer that stores trades as indexed, so each goes into the HNSW indexes present as it is written
     * (the write path before V4), and makes no symbol's index: for a bulk load into a table whose HNSW
     * indexes were dropped and are built afterwards ({@link SymbolIndexes#createSql}), and for the bench's
     * comparison with per-row index maintenance.
     */
    public static BulkTrades indexedAsWritten(MemoryDatabase database) {
        return new BulkTrades(database, true);
    }

    /** Records a run once, as {@link TradeMemory#saveRun} does. */
    @Override
    public void saveRun(RunRecord run) {
        runs.saveRun(run);
    }

    /**
     * Stores the trades not stored yet and the post-exit rows of trades that have none, all in one
     * transaction; returns how many trades were added. Their run must have been saved.
     */
    @Override
    public int save(List<StoredTrade> trades, List<PostExitRow> postExit) {
        return jdbi.inTransaction(h -> save(h, trades, postExit));
    }

    /**
     * {@link #save(List, List)} inside the caller's transaction on {@code handle} (which must have one
     * open), for callers that set session options around it or write more in the same transaction. It leaves
     * two temporary staging tables in the session, emptied at each commit (made once per session, not
     * once per transaction).
     */
    public int save(Handle handle, List<StoredTrade> trades, List<PostExitRow> postExit) {
        Objects.requireNonNull(handle, "handle is null");
        Map<String, StoredTrade> unique = new LinkedHashMap<>();
        for (StoredTrade t : trades) {
            unique.putIfAbsent(t.tradeKey(), t);
        }
        Map<String, PostExitRow> uniquePostExit = new LinkedHashMap<>();
        for (PostExitRow p : postExit) {
            checkFinite(p);
            uniquePostExit.putIfAbsent(p.tradeKey(), p);
        }
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("BulkTrades.save(handle, ...) needs an open transaction");
        }
        int added = 0;
        try {
            PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
            if (!unique.isEmpty()) {
                if (!indexedAsWritten) {
                    symbolIndexes.ensure(handle, unique.values().stream().map(StoredTrade::symbol).distinct().toList());
                }
                handle.execute(STAGE_TRADES);
                copyTrades(pg, unique.values());
                added = handle.execute("INSERT INTO trade_memory (" + COLUMNS + ", indexed) SELECT " + COLUMNS
                        + ", " + indexedAsWritten + " FROM trade_memory_stage ORDER BY ord ON CONFLICT (trade_key) DO NOTHING");
                handle.execute("TRUNCATE trade_memory_stage");
            }
            if (!uniquePostExit.isEmpty()) {
                handle.execute(STAGE_POST_EXIT);
                copyPostExit(pg, uniquePostExit.values());
                handle.execute("INSERT INTO post_exit_tracking (trade_id, price_1h, price_4h, price_24h, "
                        + "best_exit_price, missed_profit, verdict) SELECT t.id, p.price_1h, p.price_4h, p.price_24h, "
                        + "p.best_exit_price, p.missed_profit, p.verdict FROM post_exit_stage p JOIN trade_memory t "
                        + "ON t.trade_key = p.trade_key ORDER BY p.ord ON CONFLICT (trade_id) DO NOTHING");
                handle.execute("TRUNCATE post_exit_stage");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the trade memory failed: " + e.getMessage(), e);
        }
        return added;
    }

    private static void checkFinite(PostExitRow p) {
        Double[] values = {p.price1h(), p.price4h(), p.price24h(), p.bestExitPrice(), p.missedProfit()};
        for (Double v : values) {
            if (v != null && !Double.isFinite(v)) {
                throw new IllegalArgumentException("post-exit row of trade " + p.tradeKey() + " has a non-finite "
                        + "number; NaN and infinity are never stored (a window not yet passed is null)");
            }
        }
    }

    /** Streams {@code trades} into the staging table with binary COPY, in its column order. */
    private static void copyTrades(PGConnection pg, Iterable<StoredTrade> trades) throws SQLException {
        copy(pg, "trade_memory_stage", out -> {
            long ord = 0;
            for (StoredTrade t : trades) {
                out.row(STAGE_FIELDS).int8(ord++).text(t.tradeKey()).text(t.runId()).text(t.exchange())
                        .text(t.symbol()).text(t.timeframe()).text(t.kind()).timestamptz(t.entryTime())
                        .timestamptz(t.exitTime()).float8(t.entryPrice()).float8(t.exitPrice()).float8(t.size())
                        .float8(t.leverage()).float8(t.fees()).float8(t.pnl()).float8(t.pnlPercent())
                        .text(t.exitReason()).float8(t.mfePercent()).float8(t.maePercent()).text(t.regimeAtEntry())
                        .float8(t.volatilityAtEntry()).text(t.features()).vector(t.embeddingView())
                        .int4(t.embeddingVersion()).bool(t.win());
            }
        });
    }

    /** Streams {@code rows} into the post-exit staging table with binary COPY, in its column order. */
    private static void copyPostExit(PGConnection pg, Iterable<PostExitRow> rows) throws SQLException {
        copy(pg, "post_exit_stage", out -> {
            long ord = 0;
            for (PostExitRow p : rows) {
                out.row(POST_EXIT_STAGE_FIELDS).int8(ord++).text(p.tradeKey()).float8(p.price1h()).float8(p.price4h())
                        .float8(p.price24h()).float8(p.bestExitPrice()).float8(p.missedProfit()).text(p.verdict());
            }
        });
    }

    /** Rows written to a binary COPY. */
    private interface Rows {
        void writeTo(BinaryCopy out) throws SQLException;
    }

    /** One binary COPY into {@code table}; a failure cancels it, so the server keeps none of its rows. */
    private static void copy(PGConnection pg, String table, Rows rows) throws SQLException {
        CopyIn in = pg.getCopyAPI().copyIn("COPY " + table + " FROM STDIN WITH (FORMAT binary)");
        try {
            BinaryCopy out = new BinaryCopy(in);
            rows.writeTo(out);
            out.end();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
