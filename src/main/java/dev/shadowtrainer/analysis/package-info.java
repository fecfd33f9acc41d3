/**
 * The analyzers of a run's stored trades: what separates a pattern's winners from its losers and how
 * much of a winner was skill ({@link dev.shadowtrainer.analysis.WinAnalyzer}), why each loser lost and
 * what to change ({@link dev.shadowtrainer.analysis.LossAnalyzer}), and how well exits were timed and
 * how long each pattern should be held ({@link dev.shadowtrainer.analysis.PostExitAnalyzer}). They read
 * {@link dev.shadowtrainer.analysis.AnalysedTrade}s (a stored trade, its regime at exit, its post-exit
 * row and its pattern id) and return plain records, bundled in
 * {@link dev.shadowtrainer.analysis.RunAnalysis} and stored by
 * {@link dev.shadowtrainer.analysis.AnalysisStore}. Every number is finite or null, never NaN.
 */
package dev.shadowtrainer.analysis;
