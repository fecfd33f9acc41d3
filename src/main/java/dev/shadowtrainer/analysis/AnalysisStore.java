package dev.shadowtrainer.analysis;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.memory.MemoryDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Keeps each run's {@link RunAnalysis} in the tables of migration V3 (run_analysis, win_analysis,
 * win_analysis_feature, win_skill, loss_analysis, post_exit_analysis, post_exit_holding), on either
 * store. Saving is idempotent: the run's earlier rows are deleted and the new ones written in one
 * transaction, so a rerun replaces its analysis and a failed save leaves the old one whole. Loading
 * gives back a record equal to the one saved. A database failure is a {@link ShadowTrainerException}
 * with exit code 4.
 */
public final class AnalysisStore {
    private final Jdbi jdbi;
    private final String display;

    public AnalysisStore(MemoryDatabase database) {
        Objects.requireNonNull(database, "database is null");
        this.jdbi = database.jdbi();
        this.display = database.url().display();
    }

    /**
     * Stores {@code analysis} as its run's analysis, replacing any stored before. The run must be in the
     * runs table ({@code TradeMemory.saveRun}); otherwise an IllegalArgumentException.
     */
    public void save(RunAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis is null");
        for (LossAnalysis.Loss l : analysis.loss().losses()) {
            for (String f : l.misleadingFeatures()) {
                if (f.isEmpty() || f.contains(",")) {
                    throw new IllegalArgumentException("feature name '" + f + "' cannot be stored in a "
                            + "comma-separated list");
                }
            }
        }
        String runId = analysis.runId();
        update("save the analysis of run " + runId, () -> jdbi.useTransaction(h -> {
            if (!runStored(h, runId)) {
                throw new IllegalArgumentException("run " + runId + " is not in the trade memory; save the run "
                        + "before its analysis");
            }
            h.createUpdate("DELETE FROM run_analysis WHERE run_id = :r").bind("r", runId).execute();
            h.createUpdate("INSERT INTO run_analysis (run_id, min_occurrences, trades) VALUES (:r, :m, :t)")
                    .bind("r", runId).bind("m", analysis.minOccurrences()).bind("t", analysis.trades()).execute();
            saveWin(h, runId, analysis.win());
            saveLoss(h, runId, analysis.loss());
            savePostExit(h, runId, analysis.postExit());
        }));
    }

    /** True when the run is in the runs table (analysed or not). */
    public boolean runExists(String runId) {
        return storage("look up run " + runId, () -> jdbi.withHandle(h -> runStored(h, runId)));
    }

    /** The stored analysis of {@code runId}, or empty when that run has none. */
    public Optional<RunAnalysis> load(String runId) {
        Objects.requireNonNull(runId, "runId is null");
        return storage("load the analysis of run " + runId, () -> jdbi.withHandle(h -> {
            Optional<int[]> head = h.createQuery("SELECT min_occurrences, trades FROM run_analysis WHERE run_id = :r")
                    .bind("r", runId).map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)}).findOne();
            if (head.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RunAnalysis(runId, head.get()[0], head.get()[1], loadWin(h, runId),
                    loadLoss(h, runId), loadPostExit(h, runId)));
        }));
    }

    private static boolean runStored(Handle h, String runId) {
        return h.createQuery("SELECT COUNT(*) FROM runs WHERE run_id = :r").bind("r", runId).mapTo(Long.class)
                .one() > 0;
    }

    private static void saveWin(Handle h, String runId, WinAnalysis win) {
        PreparedBatch patterns = h.prepareBatch("INSERT INTO win_analysis (run_id, pattern, members, winners, "
                + "win_rate, wilson_lower, wilson_upper) VALUES (:r, :p, :n, :w, :rate, :lo, :hi)");
        PreparedBatch features = h.prepareBatch("INSERT INTO win_analysis_feature (run_id, pattern, seq, feature, "
                + "effect_size, winners_mean, losers_mean) VALUES (:r, :p, :s, :f, :d, :mw, :ml)");
        for (WinAnalysis.PatternWin p : win.patterns()) {
            patterns.bind("r", runId).bind("p", p.pattern()).bind("n", p.members()).bind("w", p.winners())
                    .bind("rate", p.winRate()).bind("lo", p.reliability()).bind("hi", p.wilsonUpper()).add();
            int seq = 0;
            for (FeatureEffect f : p.contributingFeatures()) {
                features.bind("r", runId).bind("p", p.pattern()).bind("s", seq++).bind("f", f.feature())
                        .bind("d", f.effectSize()).bind("mw", f.winnersMean()).bind("ml", f.losersMean()).add();
            }
        }
        execute(patterns);
        execute(features);
        PreparedBatch skills = h.prepareBatch("INSERT INTO win_skill (run_id, seq, trade_key, pattern, regime, "
                + "pnl_percent, comparables, skill) VALUES (:r, :s, :k, :p, :g, :pnl, :n, :skill)");
        int seq = 0;
        for (WinAnalysis.SkillScore s : win.skills()) {
            skills.bind("r", runId).bind("s", seq++).bind("k", s.tradeKey()).bind("p", s.pattern())
                    .bind("g", s.regime()).bind("pnl", s.pnlPercent()).bind("n", s.comparables())
                    .bindByType("skill", s.skill(), Double.class).add();
            executeFull(skills);
        }
        execute(skills);
    }

    private static void saveLoss(Handle h, String runId, LossAnalysis loss) {
        PreparedBatch b = h.prepareBatch("INSERT INTO loss_analysis (run_id, seq, trade_key, kind, pattern, "
                + "failure_reason, corrective_action, misleading_features) VALUES (:r, :s, :k, :kind, :p, :reason, "
                + ":action, :f)");
        int seq = 0;
        for (LossAnalysis.Loss l : loss.losses()) {
            b.bind("r", runId).bind("s", seq++).bind("k", l.tradeKey()).bind("kind", l.kind()).bind("p", l.pattern())
                    .bind("reason", l.reason().name()).bind("action", l.action().name())
                    .bind("f", String.join(",", l.misleadingFeatures())).add();
            executeFull(b);
        }
        execute(b);
    }

    private static void savePostExit(Handle h, String runId, PostExitAnalysis post) {
        PreparedBatch timing = h.prepareBatch("INSERT INTO post_exit_analysis (run_id, seq, scope, trades, "
                + "about_right, too_early, too_late, pending, accuracy, missed_profit_trades, missed_profit_total, "
                + "missed_profit_mean) VALUES (:r, :s, :scope, :n, :ok, :early, :late, :pending, :acc, :mn, :mt, :mm)");
        int seq = 0;
        for (PostExitAnalysis.ExitTiming t : post.exitTiming()) {
            timing.bind("r", runId).bind("s", seq++).bind("scope", t.scope()).bind("n", t.trades())
                    .bind("ok", t.aboutRight()).bind("early", t.tooEarly()).bind("late", t.tooLate())
                    .bind("pending", t.pending()).bindByType("acc", t.accuracy(), Double.class)
                    .bind("mn", t.missedProfitTrades()).bindByType("mt", t.missedProfitTotal(), Double.class)
                    .bindByType("mm", t.missedProfitMean(), Double.class).add();
        }
        execute(timing);
        PreparedBatch holding = h.prepareBatch("INSERT INTO post_exit_holding (run_id, pattern, members, complete, "
                + "mean_hold_minutes, mean_return_exit, mean_return_1h, mean_return_4h, mean_return_24h, recommended) "
                + "VALUES (:r, :p, :n, :c, :hold, :r0, :r1, :r4, :r24, :rec)");
        for (PostExitAnalysis.HoldingPeriod p : post.holding()) {
            holding.bind("r", runId).bind("p", p.pattern()).bind("n", p.members()).bind("c", p.complete())
                    .bind("hold", p.meanHoldMinutes()).bindByType("r0", p.meanReturnAtExit(), Double.class)
                    .bindByType("r1", p.meanReturn1h(), Double.class).bindByType("r4", p.meanReturn4h(), Double.class)
                    .bindByType("r24", p.meanReturn24h(), Double.class)
                    .bindByType("rec", p.recommended() == null ? null : p.recommended().name(), String.class).add();
        }
        execute(holding);
    }

    /** Rows per statement batch of the per-trade tables (a year of 1m candles has some 280,000 losses). */
    static final int BATCH_ROWS = 5_000;

    /** Sends the batch once it holds {@link #BATCH_ROWS} rows, so the bound rows never pile up in memory. */
    private static void executeFull(PreparedBatch b) {
        if (b.size() >= BATCH_ROWS) {
            b.execute();
        }
    }

    private static void execute(PreparedBatch b) {
        if (b.size() > 0) {
            b.execute();
        }
    }

    private static WinAnalysis loadWin(Handle h, String runId) {
        Map<Integer, List<FeatureEffect>> features = new LinkedHashMap<>();
        h.createQuery("SELECT pattern, feature, effect_size, winners_mean, losers_mean FROM win_analysis_feature "
                + "WHERE run_id = :r ORDER BY pattern, seq").bind("r", runId).map((rs, ctx) -> {
                    features.computeIfAbsent(rs.getInt("pattern"), p -> new ArrayList<>()).add(new FeatureEffect(
                            rs.getString("feature"), rs.getDouble("effect_size"), rs.getDouble("winners_mean"),
                            rs.getDouble("losers_mean")));
                    return 0;
                }).list();
        List<WinAnalysis.PatternWin> patterns = h.createQuery("SELECT * FROM win_analysis WHERE run_id = :r "
                + "ORDER BY pattern").bind("r", runId).map((rs, ctx) -> new WinAnalysis.PatternWin(rs.getInt("pattern"),
                        rs.getInt("members"), rs.getInt("winners"), rs.getDouble("win_rate"),
                        rs.getDouble("wilson_lower"), rs.getDouble("wilson_upper"),
                        features.getOrDefault(rs.getInt("pattern"), List.of()))).list();
        List<WinAnalysis.SkillScore> skills = h.createQuery("SELECT * FROM win_skill WHERE run_id = :r ORDER BY seq")
                .bind("r", runId).map((rs, ctx) -> new WinAnalysis.SkillScore(rs.getString("trade_key"),
                        rs.getInt("pattern"), rs.getString("regime"), rs.getDouble("pnl_percent"),
                        rs.getInt("comparables"), nullable(rs, "skill"))).list();
        return WinAnalysis.of(patterns, skills);
    }

    private static LossAnalysis loadLoss(Handle h, String runId) {
        return LossAnalysis.of(h.createQuery("SELECT * FROM loss_analysis WHERE run_id = :r ORDER BY seq")
                .bind("r", runId).map((rs, ctx) -> {
                    String f = rs.getString("misleading_features");
                    return new LossAnalysis.Loss(rs.getString("trade_key"), rs.getString("kind"), rs.getInt("pattern"),
                            FailureReason.valueOf(rs.getString("failure_reason")),
                            CorrectiveAction.valueOf(rs.getString("corrective_action")),
                            f.isEmpty() ? List.of() : Arrays.asList(f.split(",")));
                }).list());
    }

    private static PostExitAnalysis loadPostExit(Handle h, String runId) {
        List<PostExitAnalysis.ExitTiming> timing = h.createQuery("SELECT * FROM post_exit_analysis WHERE run_id = :r "
                + "ORDER BY seq").bind("r", runId).map((rs, ctx) -> new PostExitAnalysis.ExitTiming(
                        rs.getString("scope"), rs.getInt("trades"), rs.getInt("about_right"), rs.getInt("too_early"),
                        rs.getInt("too_late"), rs.getInt("pending"), nullable(rs, "accuracy"),
                        rs.getInt("missed_profit_trades"), nullable(rs, "missed_profit_total"),
                        nullable(rs, "missed_profit_mean"))).list();
        List<PostExitAnalysis.HoldingPeriod> holding = h.createQuery("SELECT * FROM post_exit_holding WHERE "
                + "run_id = :r ORDER BY pattern").bind("r", runId).map((rs, ctx) -> {
                    String rec = rs.getString("recommended");
                    return new PostExitAnalysis.HoldingPeriod(rs.getInt("pattern"), rs.getInt("members"),
                            rs.getInt("complete"), rs.getDouble("mean_hold_minutes"), nullable(rs, "mean_return_exit"),
                            nullable(rs, "mean_return_1h"), nullable(rs, "mean_return_4h"),
                            nullable(rs, "mean_return_24h"), rec == null ? null : PostExitAnalysis.Horizon.valueOf(rec));
                }).list();
        return new PostExitAnalysis(timing, holding);
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private <T> T storage(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "trade memory database " + display + ": could not "
                    + what + " (" + dev.shadowtrainer.memory.Sql.rootMessage(e) + ")", e);
        }
    }

    private void update(String what, Runnable action) {
        storage(what, () -> {
            action.run();
            return null;
        });
    }

}
