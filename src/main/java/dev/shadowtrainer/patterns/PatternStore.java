package dev.shadowtrainer.patterns;

import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The pattern_library table on either store: the current library of each scope. {@link #save}
 * replaces a scope's rows in one transaction, so a reader sees the old library or the new one, never a
 * mix, and storing the same library again leaves the same rows. Also reads the fitting input from
 * trade_memory ({@link #pastSamples}).
 */
public final class PatternStore {
    private static final String COLUMNS = "scope, pattern_id, centroid, embedding_version, members, wins, win_rate, "
            + "win_rate_lower, mean_pnl_percent, sharpe, profit_factor, size_multiplier, take_profit_bps, "
            + "stop_loss_bps, earlier_win_rate, recent_win_rate, inversion_p_value, trusted, status, updated_at";

    private final boolean postgres;
    private final Jdbi jdbi;

    public PatternStore(MemoryDatabase database) {
        Objects.requireNonNull(database, "database is null");
        this.postgres = database.vendor() == MemoryUrl.Vendor.POSTGRESQL;
        this.jdbi = database.jdbi();
    }

    /** Replaces the stored library of {@code library.scope()} with this one, in one transaction. */
    public void save(PatternLibrary library) {
        Objects.requireNonNull(library, "library is null");
        String insert = "INSERT INTO pattern_library (" + COLUMNS + ") VALUES (:scope, :pattern_id, :centroid, "
                + ":embedding_version, :members, :wins, :win_rate, :win_rate_lower, :mean_pnl_percent, :sharpe, "
                + ":profit_factor, :size_multiplier, :take_profit_bps, :stop_loss_bps, :earlier_win_rate, "
                + ":recent_win_rate, :inversion_p_value, :trusted, :status, :updated_at)";
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM pattern_library WHERE scope = :scope").bind("scope", library.scope())
                    .execute();
            if (library.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch(insert);
            for (Pattern p : library.patterns()) {
                WinRateDrift d = p.drift();
                batch.bind("scope", library.scope()).bind("pattern_id", p.id())
                        .bind("centroid", Sql.vector(postgres ? MemoryUrl.Vendor.POSTGRESQL : MemoryUrl.Vendor.H2,
                                p.centroid()))
                        .bind("embedding_version", library.embeddingVersion()).bind("members", p.members())
                        .bind("wins", p.wins()).bind("win_rate", p.winRate())
                        .bind("win_rate_lower", p.winRateLowerBound()).bind("mean_pnl_percent", p.meanPnlPercent())
                        .bind("sharpe", p.sharpe()).bindByType("profit_factor", p.profitFactor(), Double.class)
                        .bind("size_multiplier", p.sizeMultiplier()).bind("take_profit_bps", p.takeProfitBps())
                        .bind("stop_loss_bps", p.stopLossBps())
                        .bindByType("earlier_win_rate", d == null ? null : d.earlierWinRate(), Double.class)
                        .bindByType("recent_win_rate", d == null ? null : d.recentWinRate(), Double.class)
                        .bindByType("inversion_p_value", d == null ? null : d.pValue(), Double.class)
                        .bind("trusted", p.trusted()).bind("status", p.status().dbName())
                        .bind("updated_at", Sql.time(library.fittedThrough())).add();
            }
            batch.execute();
        });
    }

    /** The stored library of {@code scope}; empty when none is stored (or it had no pattern). */
    public Optional<PatternLibrary> load(String scope) {
        Objects.requireNonNull(scope, "scope is null");
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pattern_library "
                + "WHERE scope = :scope ORDER BY pattern_id").bind("scope", scope).map((rs, ctx) -> row(rs)).list());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row first = rows.get(0);
        return Optional.of(new PatternLibrary(scope, first.stored.updatedAt(), first.embeddingVersion,
                rows.stream().map(r -> r.stored.pattern()).toList()));
    }

    /** The {@code n} best trusted patterns of every scope: highest Wilson lower bound of the win rate first. */
    public List<StoredPattern> top(int n) {
        return list("WHERE trusted ORDER BY win_rate_lower DESC, sharpe DESC, scope, pattern_id", n);
    }

    /** The {@code n} worst trusted patterns of every scope: lowest win rate first, then lowest Sharpe. */
    public List<StoredPattern> worst(int n) {
        return list("WHERE trusted ORDER BY win_rate, sharpe, scope, pattern_id", n);
    }

    /** Every blacklisted pattern, by scope and id. */
    public List<StoredPattern> blacklisted() {
        return list("WHERE status = 'blacklisted' ORDER BY scope, pattern_id", Integer.MAX_VALUE);
    }

    /** Patterns stored, of every scope. */
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pattern_library").mapTo(Long.class).one());
    }

    /**
     * The fitting input from trade_memory: trades that had exited by {@code asOf}, of {@code symbol}
     * (every symbol when null), with embeddings of the current version, by exit time then id.
     */
    public List<PatternSample> pastSamples(String symbol, Instant asOf) {
        return pastSamples(symbol, asOf, java.util.Set.of());
    }

    /**
     * As {@link #pastSamples(String, Instant)}, leaving out the trades of the runs in {@code hiddenRuns}
     * (a {@code train-universe} run's siblings, so its fit does not depend on which finished first).
     */
    public List<PatternSample> pastSamples(String symbol, Instant asOf, java.util.Collection<String> hiddenRuns) {
        Objects.requireNonNull(asOf, "asOf is null");
        List<String> hidden = List.copyOf(Objects.requireNonNull(hiddenRuns, "hiddenRuns is null"));
        String sql = "SELECT exit_time, embedding, embedding_version, pnl_percent, mfe_percent, mae_percent, win "
                + "FROM trade_memory WHERE exit_time <= :t AND embedding_version = :v"
                + (symbol == null ? "" : " AND symbol = :s")
                + (hidden.isEmpty() ? "" : " AND run_id NOT IN (<hidden>)") + " ORDER BY exit_time, id";
        return jdbi.withHandle(h -> {
            Query q = dev.shadowtrainer.memory.TradeMemory.hideRuns(h.createQuery(sql), hidden)
                    .bind("t", Sql.time(asOf)).bind("v", Embedding.VERSION);
            if (symbol != null) {
                q.bind("s", symbol);
            }
            return q.map((rs, ctx) -> new PatternSample(rs.getObject("exit_time", OffsetDateTime.class).toInstant(),
                    Sql.vector(rs, "embedding"), rs.getInt("embedding_version"), rs.getDouble("pnl_percent"),
                    rs.getDouble("mfe_percent"), rs.getDouble("mae_percent"), rs.getBoolean("win"))).list();
        });
    }

    private List<StoredPattern> list(String where, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (n == 0) {
            return List.of(); // JDBC reads a row limit of 0 as no limit
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pattern_library " + where)
                .setMaxRows(n).map((rs, ctx) -> row(rs).stored).list());
    }

    private record Row(StoredPattern stored, int embeddingVersion) {
    }

    private Row row(ResultSet rs) throws SQLException {
        Double earlier = nullable(rs, "earlier_win_rate");
        WinRateDrift drift = earlier == null ? null
                : new WinRateDrift(earlier, rs.getDouble("recent_win_rate"), rs.getDouble("inversion_p_value"));
        Pattern p = new Pattern(rs.getInt("pattern_id"), Sql.vector(rs, "centroid"), rs.getInt("members"),
                rs.getInt("wins"), rs.getDouble("win_rate"), rs.getDouble("win_rate_lower"),
                rs.getDouble("mean_pnl_percent"), rs.getDouble("sharpe"), nullable(rs, "profit_factor"),
                rs.getDouble("size_multiplier"), rs.getDouble("take_profit_bps"), rs.getDouble("stop_loss_bps"), drift,
                rs.getBoolean("trusted"), PatternStatus.ofDbName(rs.getString("status")));
        return new Row(new StoredPattern(rs.getString("scope"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), p), rs.getInt("embedding_version"));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

}
