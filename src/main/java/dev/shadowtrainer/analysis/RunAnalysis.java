package dev.shadowtrainer.analysis;

import java.util.List;
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

    /** Runs the win, loss and post-exit analyzers over {@code trades}. */
    public static RunAnalysis of(String runId, List<AnalysedTrade> trades, int minOccurrences) {
        return new RunAnalysis(runId, minOccurrences, trades.size(), new WinAnalyzer(minOccurrences).analyze(trades),
                new LossAnalyzer(minOccurrences).analyze(trades), new PostExitAnalyzer(minOccurrences).analyze(trades));
    }
}
