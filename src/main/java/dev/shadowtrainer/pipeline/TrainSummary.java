package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.sim.PerformanceMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** What a {@code train} run did, for the console (text) and machines (JSON, also summary.json). */
public record TrainSummary(String version, String runId, String runFolder, long seed, String source, String exchange,
                           String symbol, String timeframe, int requestedDays, Instant firstOpen, Instant lastOpen,
                           int bars, int windowFillerBars, int historyBars, QualitySummary quality,
                           FeatureSummary features, Map<String, Integer> atrAdxRegimes,
                           Map<String, Integer> trendRegimes, String policy, EvaluationSummary evaluation,
                           Map<String, Long> timingsMillis, Map<String, Object> config, String modelFolder,
                           MemorySummary memory, SizingSummary sizing, MetaSummary meta,
                           TrainedPolicyCheck.Result lookahead) {

    /** The same summary with the folder the trained model was saved to. */
    public TrainSummary withModelFolder(String folder) {
        return new TrainSummary(version, runId, runFolder, seed, source, exchange, symbol, timeframe, requestedDays,
                firstOpen, lastOpen, bars, windowFillerBars, historyBars, quality, features, atrAdxRegimes,
                trendRegimes, policy, evaluation, timingsMillis, config, folder, memory, sizing, meta, lookahead);
    }

    /** The same summary with what the trade memory received. */
    public TrainSummary withMemory(MemorySummary stored) {
        return new TrainSummary(version, runId, runFolder, seed, source, exchange, symbol, timeframe, requestedDays,
                firstOpen, lastOpen, bars, windowFillerBars, historyBars, quality, features, atrAdxRegimes,
                trendRegimes, policy, evaluation, timingsMillis, config, modelFolder, stored, sizing, meta, lookahead);
    }

    /** The same summary with what lookahead-check found on the trained policy. */
    public TrainSummary withLookahead(TrainedPolicyCheck.Result check) {
        return new TrainSummary(version, runId, runFolder, seed, source, exchange, symbol, timeframe, requestedDays,
                firstOpen, lastOpen, bars, windowFillerBars, historyBars, quality, features, atrAdxRegimes,
                trendRegimes, policy, evaluation, timingsMillis, config, modelFolder, memory, sizing, meta, check);
    }

    /**
     * The run's trades in the trade memory.
     *
     * @param database     where (password never shown)
     * @param preloaded    stored trades (that exited before the window) the look-up index started from
     * @param agentTrades  the policy's trades offered
     * @param shadowTrades the shadow trades offered
     * @param added        rows added (fewer when a rerun finds them stored)
     * @param stored       rows in all, -1 when the database was lost
     * @param spilled      trades written to {@code spillFile} because the database was lost mid-run
     * @param failure      why the database was given up, or null
     * @param patterns     the pattern library before and after the run; null until it is refitted
     * @param analysis     the analyzers' numbers for the run; null until they ran
     */
    public record MemorySummary(String database, int preloaded, int agentTrades, int shadowTrades, int added,
                                long stored, int spilled, String spillFile, String failure,
                                PatternSummary patterns, AnalysisSummary analysis) {
        public MemorySummary withPatterns(PatternSummary library) {
            return new MemorySummary(database, preloaded, agentTrades, shadowTrades, added, stored, spilled,
                    spillFile, failure, library, analysis);
        }

        public MemorySummary withAnalysis(AnalysisSummary numbers) {
            return new MemorySummary(database, preloaded, agentTrades, shadowTrades, added, stored, spilled,
                    spillFile, failure, patterns, numbers);
        }
    }

    /**
     * The win, loss and post-exit analyzers on the run's trades (the whole analysis is in the run folder's
     * analysis.json and, when {@code stored}, in the trade memory for {@code analyze --run}).
     *
     * @param patternsAnalysed patterns with enough trades whose winners and losers were compared
     * @param meanSkill        mean skill-versus-luck score of the policy's scored winners, null if none
     * @param losses           losing trades, by primary failure reason and by corrective action
     * @param exitAccuracy     share of settled exits judged about right, all trades (null if none settled)
     * @param missedProfit     quote currency left on the table within 4h after the exits, all trades
     */
    public record AnalysisSummary(int trades, int patternsAnalysed, int scoredWinners, Double meanSkill, int losses,
                                  Map<String, Integer> lossesByReason, Map<String, Integer> lossesByAction,
                                  Double exitAccuracy, Double missedProfit, boolean stored) {
    }

    /**
     * The pattern library: refitted after the run on {@code fittedOn} stored trades (-1 when the refit
     * failed) into {@code patterns}, {@code trusted} of them with enough trades, {@code blacklisted} of those
     * inverted; {@code patternsAtStart} and {@code blacklistedAtStart}: the library of the trades stored
     * before the window, whose blacklist the policy's entries met during the run.
     */
    public record PatternSummary(int fittedOn, int patterns, int trusted, int blacklisted, int patternsAtStart,
                                 int blacklistedAtStart) {
    }

    /**
     * How the policy's entries in the test windows were sized.
     *
     * @param sizer        {@code rl-v1} or {@code rl-v2} (position sizing agent v1 or v2 by rl.sizing_agent,
     *                     learning across the folds in time order) or {@code atr} (rl.enabled false)
     * @param entriesSized entry orders sized
     * @param fallbacks    entries the agent failed to size, ATR-sized instead (0 for atr)
     * @param learned      closed trades the agent learned from (0 for atr)
     * @param agent        the agent's Q-table statistics (states, updates, epsilon, mean and max Q); null for atr
     * @param qTableFile   the agent's Q-table JSON in the run folder; null for atr
     * @param lastFailure  what made the last fallback necessary; null if none
     */
    public record SizingSummary(String sizer, int entriesSized, int fallbacks, int learned,
                                dev.shadowtrainer.rl.QStats agent, String qTableFile, String lastFailure) {
    }

    /**
     * The v2 meta-strategy agent ({@code meta-rl}) trading the test windows through its signal models.
     *
     * @param policy       its name in the results table
     * @param signalModels the signal models it chooses among
     * @param entries      entries placed, one episode each
     * @param learned      closed trades learned from (one TD update each)
     * @param abandoned    entries whose order never filled (empty episodes)
     * @param meanReward   mean meta reward of the closed trades
     * @param agent        the agent's statistics (states, updates, epsilon, mean and max Q, episodes)
     * @param qTableFile   its Q-table JSON in the run folder
     */
    public record MetaSummary(String policy, List<String> signalModels, int entries, int learned, int abandoned,
                              double meanReward, dev.shadowtrainer.rl.AgentStats agent, String qTableFile) {
    }

    /** Features computed for the run. */
    public record FeatureSummary(int count, List<String> names, int warmupBars, int usableBars,
                                 int normalizationWindow) {
    }

    /**
     * The closing summary a user reads after a run: what ran, the out-of-sample table with a one-line verdict,
     * the lookahead check, and where the files, the report, the model and the trades are. {@link #lines()} has
     * every detail (data quality, features, regimes, execution, shadow trades, agents, patterns, analysis).
     */
    public List<String> shortLines() {
        List<String> out = new ArrayList<>();
        for (String line : lines()) {
            boolean tableRow = line.startsWith("  ") && !line.startsWith("   ");
            if (line.startsWith("train ") || line.startsWith("window ") || line.startsWith("out of sample")
                    || tableRow || line.startsWith("lookahead") || line.startsWith("model ")
                    || line.startsWith("memory ")) {
                out.add(line);
            }
            if (tableRow && out.size() == 4 + evaluation.results().size()) {
                out.add(verdict());
            }
        }
        out.add("files    " + runFolder + " (summary.json, trades.csv, equity.csv, ..., report.html)");
        out.add("details  --verbose, summary.json or report.html");
        return out;
    }

    /** One line: the policy's out-of-sample Sharpe against each baseline's. */
    String verdict() {
        List<EvaluationSummary.PolicyResult> results = evaluation.results();
        EvaluationSummary.PolicyResult own = results.get(0);
        List<String> ahead = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        for (EvaluationSummary.PolicyResult r : results.subList(1, results.size())) {
            (own.metrics().sharpe() > r.metrics().sharpe() ? ahead : behind).add(r.policy());
        }
        return String.format(Locale.ROOT, "verdict  %s beats %d of %d on Sharpe after fees%s%s", own.policy(),
                ahead.size(), results.size() - 1, ahead.isEmpty() ? "" : "; ahead of " + String.join(", ", ahead),
                behind.isEmpty() ? "" : "; behind " + String.join(", ", behind));
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "train %s %s %s from %s (seed %d), run %s", exchange, symbol, timeframe,
                source, seed, runId));
        out.add(String.format(Locale.ROOT, "window   %s .. %s: %d bars (%d filler), last %d days, %d bars of history before it",
                firstOpen, lastOpen, bars, windowFillerBars, requestedDays, historyBars));
        QualitySummary q = quality;
        out.add(String.format(Locale.ROOT, "quality  %d rows read -> %d bars; gaps %d (longest %d bars, %.3f%% missing)",
                q.rawRows(), q.bars(), q.gaps(), q.longestGapBars(), q.missingPercent()));
        out.add(String.format(Locale.ROOT, "         duplicates merged %d, out of order %d, off-grid floored %d, "
                        + "quarantined %d%s, still-open dropped %d", q.duplicateRowsMerged(), q.outOfOrderRows(),
                q.offGridFloored(), q.quarantined(), q.quarantined() == 0 ? "" : " " + q.quarantinedByReason(),
                q.openCandlesDropped()));
        out.add(String.format(Locale.ROOT, "features %d per bar, warm-up %d bars, %d usable bars in the window, normalised over %d bars",
                features.count(), features.warmupBars(), features.usableBars(), features.normalizationWindow()));
        out.add("regimes  ATR/ADX " + share(atrAdxRegimes));
        out.add("         trend   " + share(trendRegimes));
        EvaluationSummary e = evaluation;
        out.add(String.format(Locale.ROOT, "out of sample: %d folds (train %d d, gap %d bars, test %d d), each from %.0f, after fees and slippage",
                e.folds(), e.trainDays(), e.purgeBars() + e.embargoBars(), e.testDays(), e.initialEquity()));
        out.add(String.format(Locale.ROOT, "  %-14s %9s %7s %7s %8s %7s %6s %6s %9s", "policy", "return", "sharpe",
                "dsr", "max dd", "trades", "win%", "pf", "fees"));
        for (EvaluationSummary.PolicyResult r : e.results()) {
            PerformanceMetrics m = r.metrics();
            out.add(String.format(Locale.ROOT, "  %-14s %+8.2f%% %7.2f %7.3f %7.2f%% %7d %6s %6s %9.2f", r.policy(),
                    100 * m.totalReturn(), m.sharpe(), m.deflatedSharpe(), 100 * m.maxDrawdown(), m.trades(),
                    percent(m.winRate()), ratio(m.profitFactor()), m.feesPaid()));
        }
        Map<String, Integer> x = e.execution();
        out.add(String.format(Locale.ROOT, "execution invalid actions %d, same-bar stop/target %d (%d decided by finer candles), "
                        + "liquidations %d, breaker trips %d (%d entries blocked), maker entries expired %d",
                x.get("invalid_actions"), x.get("ambiguous_bars"), x.get("resolved_by_lower_timeframe"),
                x.get("liquidations"), x.get("win_rate_breaker_trips") + x.get("daily_loss_breaker_trips"),
                x.get("entries_blocked_by_breakers"), x.get("maker_entries_expired")));
        Map<String, Integer> pv = e.postExitVerdicts().get("shadow");
        out.add(String.format(Locale.ROOT, "shadow   %d shadow trades, %.1f%% winners; exits too early %d, too late %d, about right %d",
                e.shadowTrades(), 100 * e.shadowWinRate(), pv.get("TOO_EARLY"), pv.get("TOO_LATE"),
                pv.get("ABOUT_RIGHT")));
        if (sizing != null) {
            dev.shadowtrainer.rl.QStats qs = sizing.agent();
            out.add(String.format(Locale.ROOT, "sizing   %s: %d entries sized, %d fallbacks to atr%s", sizing.sizer(),
                    sizing.entriesSized(), sizing.fallbacks(), qs == null ? "" : String.format(Locale.ROOT,
                            "; agent %d states, %d updates, epsilon %.3f, mean Q %.4f, max Q %.4f (%s)", qs.states(),
                            qs.updates(), qs.epsilon(), qs.meanQ(), qs.maxQ(), sizing.qTableFile())));
        }
        if (meta != null) {
            dev.shadowtrainer.rl.QStats qs = meta.agent().q();
            out.add(String.format(Locale.ROOT, "meta     %s over %s: %d entries, %d learned, %d states, %d updates, "
                            + "epsilon %.3f, %d episodes, mean reward %.4f (%s)", meta.policy(),
                    String.join(", ", meta.signalModels()), meta.entries(), meta.learned(), qs.states(), qs.updates(),
                    qs.epsilon(), meta.agent().episodes().finished(), meta.meanReward(), meta.qTableFile()));
        }
        if (lookahead != null) {
            out.add(lookahead.notRun() != null ? "lookahead not checked: " + lookahead.notRun()
                    : String.format(Locale.ROOT, "lookahead %s: the trained %s at %d decision points of the last test "
                                    + "window (%d bars) against cut and garbage futures%s", lookahead.clean() ? "clean"
                                    : "FOUND", policy, lookahead.points(), lookahead.bars(), lookahead.clean() ? ""
                                    : String.format(Locale.ROOT, ", %d values changed; see lookahead-check",
                                    lookahead.differences())));
        }
        out.add("files    " + runFolder + " (summary.json, trades.csv, shadow_trades.csv, equity.csv, folds.csv, "
                + "metrics.csv" + (memory != null && memory.analysis() != null ? ", analysis.json" : "")
                + ", report.html)");
        if (modelFolder != null) {
            out.add("model    " + modelFolder + " (" + policy + " networks, metadata.json with provenance)");
        }
        if (memory != null && memory.spilled() == 0) {
            out.add(String.format(Locale.ROOT, "memory   %s: %d agent + %d shadow trades, %d new (%d stored in all); "
                            + "look-ups started from %d earlier trades", memory.database(), memory.agentTrades(),
                    memory.shadowTrades(), memory.added(), memory.stored(), memory.preloaded()));
            PatternSummary p = memory.patterns();
            if (p != null && p.fittedOn() >= 0) {
                out.add(String.format(Locale.ROOT, "patterns %d from %d stored trades, %d trusted, %d blacklisted "
                                + "(during the run: %d blacklisted of %d, %d entries blocked); see: shadow-trainer "
                                + "patterns", p.patterns(), p.fittedOn(), p.trusted(), p.blacklisted(),
                        p.blacklistedAtStart(), p.patternsAtStart(), x.get("entries_blocked_by_filter")));
            }
            AnalysisSummary a = memory.analysis();
            if (a != null) {
                out.add(String.format(Locale.ROOT, "analysis %d losses by reason %s; exits about right %s, missed "
                                + "profit %s; skill of the policy's winners %s; see: shadow-trainer analyze --run %s",
                        a.losses(), nonZero(a.lossesByReason()), (a.exitAccuracy() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * a.exitAccuracy())),
                        a.missedProfit() == null ? "-" : String.format(Locale.ROOT, "%.2f", a.missedProfit()),
                        a.meanSkill() == null ? "-" : String.format(Locale.ROOT, "%.2f", a.meanSkill()), runId));
            }
        } else if (memory != null) {
            out.add(String.format(Locale.ROOT, "memory   %s LOST mid-run (%s): %d of %d trades stored, %d spilled to "
                            + "%s; load them with: shadow-trainer db import %s", memory.database(), memory.failure(),
                    memory.agentTrades() + memory.shadowTrades() - memory.spilled(),
                    memory.agentTrades() + memory.shadowTrades(), memory.spilled(), memory.spillFile(),
                    memory.spillFile()));
        }
        return out;
    }

    private static String percent(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f", 100 * v.getAsDouble()) : "-";
    }

    private static String ratio(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "-";
    }

    /** The non-zero counts, e.g. "stop_loss 3, timeout 1" ("none" when all are zero). */
    private static String nonZero(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> {
            if (v > 0) {
                parts.add(k.toLowerCase(Locale.ROOT) + " " + v);
            }
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String share(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.1f%%", k.toLowerCase(Locale.ROOT),
                total == 0 ? 0.0 : 100.0 * v / total)));
        return String.join(", ", parts);
    }
}
