package dev.shadowtrainer.memory;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.jdbi.v3.core.Handle;

/**
 * One partial HNSW index (cosine) per symbol on PostgreSQL, beside migration V1's index over all trades
 * (both over the trades already taken into the HNSW graphs, {@code indexed}; see migration V4),
 * so that a look-up of one symbol's trades searches a graph of that symbol's trades only.
 *
 * <p>Why: through the index over every symbol, a look-up filtered to one symbol of five reads about five
 * times as many candidates (and their table rows) before k pass the filter; at a million stored trades
 * that made symbol-filtered look-ups three to five times slower than unfiltered ones. A partial index
 * {@code WHERE symbol = 'BTC/USDT' AND indexed} answers them with a graph a fifth the size in which every candidate
 * passes the symbol filter; only the time filter is left to the iterative scan.
 *
 * <p>The symbols are not known when the schema is made, so the writer makes a symbol's index in the same
 * transaction as that symbol's first write (a new symbol's index is empty and takes no time to make; on
 * a database that already holds the symbol's trades it is built over them once, with {@link #BUILD_MEMORY}
 * of maintenance_work_mem). Until it exists, look-ups of the symbol use V1's index and are still right,
 * only slower. The planner can only use a partial index when it sees the symbol's value, so
 * {@code TradeMemory.nearest} plans its symbol look-ups with the value (a custom plan).
 *
 * <p>The price is a second graph insertion per written trade; see the README's trade-memory bench.
 */
public final class SymbolIndexes {
    /** Prefix of every per-symbol index name; migration V1's index is {@code trade_memory_embedding}. */
    public static final String PREFIX = "trade_memory_embedding_";
    /** maintenance_work_mem while building a symbol's index over trades already stored. */
    static final String BUILD_MEMORY = "512MB";
    private static final int MAX_READABLE = 30;

    /** Names known to exist on this database (made or seen by this writer). */
    private final Set<String> known = new HashSet<>();

    /**
     * Makes the index of each of {@code symbols} that has none yet, inside the caller's transaction on
     * {@code h} (before it writes their trades, so a deadlock with another writer cannot arise from the
     * order of locks).
     */
    public void ensure(Handle h, Collection<String> symbols) {
        Set<String> missing = new TreeSet<>();
        for (String s : symbols) {
            if (!known.contains(name(s))) {
                missing.add(s);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>(h.createQuery("SELECT indexname FROM pg_indexes WHERE "
                + "schemaname = current_schema() AND tablename = 'trade_memory' AND indexname LIKE 'trade\\_memory\\_embedding\\_%'")
                .mapTo(String.class).list());
        known.addAll(existing);
        for (String s : missing) {
            String name = name(s);
            if (!existing.contains(name)) {
                h.execute("SET LOCAL maintenance_work_mem = '" + BUILD_MEMORY + "'");
                h.execute(createSql(s));
                known.add(name);
            }
        }
    }

    /** The CREATE INDEX statement of {@code symbol}'s index. */
    public static String createSql(String symbol) {
        return "CREATE INDEX IF NOT EXISTS " + name(symbol) + " ON trade_memory USING hnsw (embedding vector_cosine_ops) "
                + "WHERE symbol = " + literal(symbol) + " AND indexed";
    }

    /**
     * The index name of {@code symbol}: {@link #PREFIX}, the symbol in lower case with anything but letters
     * and digits as '_' (at most {@value #MAX_READABLE} characters), then 8 hex digits of the symbol's CRC-32
     * so that symbols that read the same (BTC/USDT, BTC-USDT) get different indexes. At most 63 characters,
     * PostgreSQL's limit.
     */
    public static String name(String symbol) {
        String readable = symbol.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (readable.length() > MAX_READABLE) {
            readable = readable.substring(0, MAX_READABLE);
        }
        CRC32 crc = new CRC32();
        crc.update(symbol.getBytes(StandardCharsets.UTF_8));
        return PREFIX + readable + "_" + String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /** {@code s} as an SQL string literal (quotes doubled; standard_conforming_strings is on since 9.1). */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
