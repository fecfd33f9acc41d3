package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.report.RunFolder;
import dev.shadowtrainer.sim.PerformanceMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code backtest} run did, for the console (text) and machines (JSON, also summary.json): the model,
 * the window, and the metrics of the model and of each baseline on that window (after fees and slippage).
 *
 * @param results the model's result first, then the baselines'
 */
public record BacktestSummary(String version, String runId, String runFolder, String model, String modelFolder,
                              long seed, String source, String exchange, String symbol, String timeframe,
                              Instant firstOpen, Instant lastOpen, int bars, int historyBars, int windowFillerBars,
                              List<EvaluationSummary.PolicyResult> results, List<String> files,
                              Map<String, Object> config) {
    public BacktestSummary {
        results = List.copyOf(results);
        files = List.copyOf(files);
    }

    static BacktestSummary of(String version, RunFolder run, String model, String modelFolder, LoadedSeries loaded,
                              Backtest.Outcome outcome, ShadowConfig config) {
        CandleSeries s = loaded.series();
        List<EvaluationSummary.PolicyResult> results = new ArrayList<>();
        for (PolicyRecord r : outcome.records()) {
            results.add(new EvaluationSummary.PolicyResult(r.policy(), r.metrics()));
        }
        return new BacktestSummary(version, run.runId(), run.path().toString(), model, modelFolder, config.seed(),
                loaded.source(), s.id().exchange(), s.id().symbol().toString(), s.id().timeframe().label(),
                Instant.ofEpochMilli(s.openTime(outcome.from())), Instant.ofEpochMilli(s.openTime(outcome.to() - 1)),
                outcome.to() - outcome.from(), outcome.from(), s.fillerCount(outcome.from(), outcome.to()), results,
                List.of(RunFolder.SUMMARY_JSON, RunFolder.TRADES_CSV, TrainPipeline.SHADOW_TRADES_CSV, RunFolder.EQUITY_CSV), config.effectiveValues());
    }

    /** Short text: the window, one line per policy, the verdict against the baselines, where the files are. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "backtest of model %s on %s %s %s, %s to %s (%d bars, %d bars of history "
                + "before)", model, exchange, symbol, timeframe, firstOpen, lastOpen, bars, historyBars));
        int width = 14;
        for (EvaluationSummary.PolicyResult r : results) {
            width = Math.max(width, r.policy().length());
        }
        out.add(String.format(Locale.ROOT, "  %-" + width + "s %9s %8s %9s %7s %9s", "policy", "return", "sharpe",
                "max dd", "trades", "fees"));
        for (EvaluationSummary.PolicyResult r : results) {
            PerformanceMetrics m = r.metrics();
            out.add(String.format(Locale.ROOT, "  %-" + width + "s %8.2f%% %8.2f %8.2f%% %7d %9.2f", r.policy(),
                    100 * m.totalReturn(), m.sharpe(), 100 * m.maxDrawdown(), m.trades(), m.feesPaid()));
        }
        PerformanceMetrics own = results.get(0).metrics();
        int beaten = 0;
        for (EvaluationSummary.PolicyResult r : results.subList(1, results.size())) {
            beaten += own.sharpe() > r.metrics().sharpe() ? 1 : 0;
        }
        out.add(String.format(Locale.ROOT, "result: model Sharpe %.2f after fees beats %d of %d baselines on Sharpe",
                own.sharpe(), beaten, results.size() - 1));
        out.add("files: " + runFolder + " (" + String.join(", ", files) + ")");
        return out;
    }
}
