package dev.shadowtrainer.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The three analyses of one run, as the run summary embeds them and {@link AnalysisStore} keeps them.
 * Every number is finite or null.
 *
 * @param minOccurrences the pattern size the analyses required
 * @param trades         trades analysed (all kinds)
 */
public record RunAnalysis(String runId, int minOccurrences, int trades, WinAnalysis win, LossAnalysis loss,
                          PostExitAnalysis postExit) {
    public RunAnalysis {
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(win, "win is null");
        Objects.requireNonNull(loss, "loss is null");
        Objects.requireNonNull(postExit, "postExit is null");
    }

    /**
     * Runs the win, loss and post-exit analyzers over {@code trades}, reading them in five passes in list order
     * and holding none of them (running sums per pattern and feature, the shadow trades' pnl % per group of
     * comparables, one row per loss and per winning agent trade): the list may build each trade when it is
     * read, as a run's trades are ({@code RunTrades}), so a year of 1m candles never has its 400,000 trades in
     * memory at once.
     */
    public static RunAnalysis of(String runId, List<AnalysedTrade> trades, int minOccurrences) {
        Map<Integer, PatternSplit> splits = PatternSplit.of(trades);
        return new RunAnalysis(runId, minOccurrences, trades.size(),
                new WinAnalyzer(minOccurrences).analyze(trades, splits),
                new LossAnalyzer(minOccurrences).analyze(trades, splits),
                new PostExitAnalyzer(minOccurrences).analyze(trades));
    }
}
