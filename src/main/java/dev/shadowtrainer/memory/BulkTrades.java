package dev.shadowtrainer.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Instead of one INSERT per trade it streams the batch with COPY (text format) into a temporary staging
 * table and moves it with one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} per table, so the
 * per-row cost is parsing and index maintenance, not a statement round trip. The first write of a symbol
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
            + "features jsonb, embedding vector(" + Embedding.DIMENSION + "), embedding_version integer, win boolean) "
            + "ON COMMIT DROP";
    private static final String STAGE_POST_EXIT = "CREATE TEMP TABLE IF NOT EXISTS post_exit_stage (ord bigint, "
            + "trade_key text, price_1h double precision, price_4h double precision, price_24h double precision, "
            + "best_exit_price double precision, missed_profit double precision, verdict text) ON COMMIT DROP";
    /** Bytes handed to the driver at a time, so a large batch is never one huge buffer. */
    private static final int CHUNK = 1 << 20;

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
     * open), for callers that set session options around it or write more in the same transaction.
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
                copy(pg, "COPY trade_memory_stage FROM STDIN", tradeRows(unique.values()));
                added = handle.execute("INSERT INTO trade_memory (" + COLUMNS + ", indexed) SELECT " + COLUMNS
                        + ", " + indexedAsWritten + " FROM trade_memory_stage ORDER BY ord ON CONFLICT (trade_key) DO NOTHING");
                handle.execute("TRUNCATE trade_memory_stage");
            }
            if (!uniquePostExit.isEmpty()) {
                handle.execute(STAGE_POST_EXIT);
                copy(pg, "COPY post_exit_stage FROM STDIN", postExitRows(uniquePostExit.values()));
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

    /** Streams {@code rows} (COPY text lines) to the server in chunks of about {@value #CHUNK} bytes. */
    private static void copy(PGConnection pg, String sql, Iterable<String> rows) throws SQLException {
        CopyIn in = pg.getCopyAPI().copyIn(sql);
        try {
            StringBuilder buffer = new StringBuilder(CHUNK + 4096);
            for (String row : rows) {
                buffer.append(row);
                if (buffer.length() >= CHUNK) {
                    write(in, buffer);
                }
            }
            write(in, buffer);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void write(CopyIn in, StringBuilder buffer) throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    private static Iterable<String> tradeRows(Iterable<StoredTrade> trades) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<StoredTrade> it = trades.iterator();
            private final StringBuilder line = new StringBuilder(1024);
            private long ord;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                line.setLength(0);
                tradeLine(line, ord++, it.next());
                return line.toString();
            }
        };
    }

    /** One trade as a COPY text line in the staging table's column order. */
    static void tradeLine(StringBuilder b, long ord, StoredTrade t) {
        b.append(ord);
        text(b, t.tradeKey());
        text(b, t.runId());
        text(b, t.exchange());
        text(b, t.symbol());
        text(b, t.timeframe());
        text(b, t.kind());
        text(b, t.entryTime().toString());
        text(b, t.exitTime().toString());
        number(b, t.entryPrice());
        number(b, t.exitPrice());
        number(b, t.size());
        number(b, t.leverage());
        number(b, t.fees());
        number(b, t.pnl());
        number(b, t.pnlPercent());
        text(b, t.exitReason());
        number(b, t.mfePercent());
        number(b, t.maePercent());
        text(b, t.regimeAtEntry());
        number(b, t.volatilityAtEntry());
        text(b, t.features());
        b.append('\t').append('[');
        float[] e = t.embeddingView();
        for (int i = 0; i < e.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            // Float.toString is the shortest text that reads back as the same float, as PGvector writes it.
            b.append(e[i]);
        }
        b.append(']');
        b.append('\t').append(t.embeddingVersion());
        b.append('\t').append(t.win() ? 't' : 'f');
        b.append('\n');
    }

    private static Iterable<String> postExitRows(Iterable<PostExitRow> rows) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<PostExitRow> it = rows.iterator();
            private long ord;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                PostExitRow p = it.next();
                StringBuilder b = new StringBuilder(128).append(ord++);
                text(b, p.tradeKey());
                nullable(b, p.price1h());
                nullable(b, p.price4h());
                nullable(b, p.price24h());
                nullable(b, p.bestExitPrice());
                nullable(b, p.missedProfit());
                text(b, p.verdict());
                return b.append('\n').toString();
            }
        };
    }

    private static void number(StringBuilder b, double v) {
        // Double.toString round-trips exactly and PostgreSQL reads its exponent form (1.0E-5).
        b.append('\t').append(v);
    }

    private static void nullable(StringBuilder b, Double v) {
        if (v == null) {
            b.append("\t\\N");
        } else {
            number(b, v);
        }
    }

    /** A text field escaped for COPY's text format: backslash, tab, newline and carriage return. */
    private static void text(StringBuilder b, String s) {
        b.append('\t');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }
}
