package dev.shadowtrainer.analysis;

import dev.shadowtrainer.sim.Wilson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Why the losers lost and what to change. Every trade with pnl &le; 0 gets the first reason that fits:
 * <ol>
 * <li>{@link FailureReason#LIQUIDATION}: exit reason LIQUIDATION.</li>
 * <li>{@link FailureReason#FEES_EXCEED_MOVE}: the gross move (pnl + fees) was positive, the net pnl not.</li>
 * <li>{@link FailureReason#VOLATILITY_SPIKE_STOP}: exit reason STOP_LOSS and the price range while open,
 * (MFE% − MAE%) / 100 of the entry price (the simulator signs MFE &ge; 0 &ge; MAE, so this is high minus
 * low), exceeded {@value #SPIKE_MULTIPLE} × σ × √n, where σ is the per-bar volatility of log returns at
 * entry and n the bars held (at least 1). A random walk's range over n bars averages about
 * 1.6 σ √n, so the stop was hit by a move about twice the usual size. Not judged when σ is 0
 * (unknown).</li>
 * <li>{@link FailureReason#REGIME_CHANGE}: the regime at exit is known and differs from the one at
 * entry.</li>
 * <li>{@link FailureReason#TIMEOUT}: exit reason TIMEOUT.</li>
 * <li>{@link FailureReason#ADVERSE_MOVE}: anything else (a plain stop, the agent's exit at a loss, ...).</li>
 * </ol>
 * Corrective action: LIQUIDATION → TIGHTEN_STOP (a stop should have closed the trade before the margin
 * ran out), FEES_EXCEED_MOVE → RAISE_CONFIDENCE_THRESHOLD (trade only moves worth their fees),
 * VOLATILITY_SPIKE_STOP → WIDEN_STOP, REGIME_CHANGE → TIGHTEN_STOP (the entry's reason is gone; leave
 * early), TIMEOUT → SHORTEN_HOLD (the move never came; holding longer only adds risk), ADVERSE_MOVE →
 * RAISE_CONFIDENCE_THRESHOLD (the entry signal was wrong). All of these give way to BLACKLIST_PATTERN
 * when the trade's pattern has at least {@code minOccurrences} members and even the upper Wilson bound
 * of its win rate is below 0.5.
 * <p>
 * Misleading features of a loser in a pattern with at least {@code minOccurrences} members, winners
 * and losers (the patterns the win analyzer reports contributing features of): among the features whose
 * effect size is defined (see {@link PatternSplit}), those where this trade's value was nearer the
 * winners' mean than the losers', the {@value #TOP_MISLEADING} with the largest |d| first; they made
 * the trade look like a winner.
 */
public final class LossAnalyzer {
    public static final double SPIKE_MULTIPLE = 3.0;
    public static final int TOP_MISLEADING = 3;

    private final int minOccurrences;

    /** @param minOccurrences the members a pattern needs before it can be blacklisted (&ge; 1) */
    public LossAnalyzer(int minOccurrences) {
        if (minOccurrences < 1) {
            throw new IllegalArgumentException("minOccurrences must be >= 1, got " + minOccurrences);
        }
        this.minOccurrences = minOccurrences;
    }

    /** The analysis of {@code trades}, read in passes (none of them held): see {@link RunAnalysis#of}. */
    public LossAnalysis analyze(List<AnalysedTrade> trades) {
        return analyze(trades, PatternSplit.of(trades));
    }

    /** As {@link #analyze(List)}, with the patterns' splits of these trades already worked out. */
    LossAnalysis analyze(Iterable<AnalysedTrade> trades, Map<Integer, PatternSplit> splits) {
        List<Sorted> losses = new ArrayList<>();
        for (AnalysedTrade t : trades) {
            if (t.win()) {
                continue;
            }
            PatternSplit split = splits.get(t.pattern());
            FailureReason reason = reason(t);
            CorrectiveAction action = blacklisted(split) ? CorrectiveAction.BLACKLIST_PATTERN : action(reason);
            losses.add(new Sorted(t.entryTime(), new LossAnalysis.Loss(t.tradeKey(), t.kind(), t.pattern(), reason,
                    action, misleading(t, split))));
        }
        losses.sort(Comparator.comparing(Sorted::entryTime).thenComparing(l -> l.loss().tradeKey()));
        List<LossAnalysis.Loss> out = new ArrayList<>(losses.size());
        losses.forEach(l -> out.add(l.loss()));
        return LossAnalysis.of(out);
    }

    /** A loss with its trade's entry time, the order of the result. */
    private record Sorted(java.time.Instant entryTime, LossAnalysis.Loss loss) {
    }

    /** The first failure reason that fits the losing trade, in the documented order. */
    public static FailureReason reason(AnalysedTrade t) {
        if (t.exitReason().equals("LIQUIDATION")) {
            return FailureReason.LIQUIDATION;
        }
        if (t.grossPnl() > 0 && t.pnl() <= 0) {
            return FailureReason.FEES_EXCEED_MOVE;
        }
        if (t.exitReason().equals("STOP_LOSS") && volatilitySpike(t)) {
            return FailureReason.VOLATILITY_SPIKE_STOP;
        }
        if (t.regimeAtExit() != null && !t.regimeAtExit().equals(t.regimeAtEntry())) {
            return FailureReason.REGIME_CHANGE;
        }
        if (t.exitReason().equals("TIMEOUT")) {
            return FailureReason.TIMEOUT;
        }
        return FailureReason.ADVERSE_MOVE;
    }

    /** True when the trade's price range beat {@value #SPIKE_MULTIPLE} σ √bars. */
    static boolean volatilitySpike(AnalysedTrade t) {
        double sigma = t.volatilityAtEntry();
        if (!(sigma > 0)) {
            return false;
        }
        double range = (t.mfePercent() - t.maePercent()) / 100.0;
        return range > SPIKE_MULTIPLE * sigma * Math.sqrt(t.durationBars());
    }

    /** The action for a reason when the pattern is not blacklisted. */
    public static CorrectiveAction action(FailureReason reason) {
        return switch (reason) {
            case LIQUIDATION, REGIME_CHANGE -> CorrectiveAction.TIGHTEN_STOP;
            case FEES_EXCEED_MOVE, ADVERSE_MOVE -> CorrectiveAction.RAISE_CONFIDENCE_THRESHOLD;
            case VOLATILITY_SPIKE_STOP -> CorrectiveAction.WIDEN_STOP;
            case TIMEOUT -> CorrectiveAction.SHORTEN_HOLD;
        };
    }

    private boolean blacklisted(PatternSplit split) {
        return split != null && split.members >= minOccurrences
                && Wilson.upper(split.winners, split.members) < 0.5;
    }

    private List<String> misleading(AnalysedTrade t, PatternSplit split) {
        if (split == null || split.members < minOccurrences || split.winners == 0 || split.losers() == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (FeatureEffect e : split.effects) {
            Double v = t.features().get(e.feature());
            if (v != null && e.onWinnersSide(v)) {
                out.add(e.feature());
                if (out.size() == TOP_MISLEADING) {
                    break;
                }
            }
        }
        return out;
    }
}
