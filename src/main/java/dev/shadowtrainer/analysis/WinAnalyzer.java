package dev.shadowtrainer.analysis;

import dev.shadowtrainer.sim.Wilson;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What made the winners win.
 * <ul>
 * <li>Pattern reliability: for each pattern with at least {@code minOccurrences} members (all kinds of
 * trade), the win rate and its 95 % Wilson interval; the lower bound is the reliability. Smaller
 * patterns are left out: their rate says too little.</li>
 * <li>Contributing features: for those patterns with both winners and losers, the {@value #TOP_FEATURES}
 * entry features with the largest |Cohen's d| between winners and losers (see {@link FeatureEffect}).</li>
 * <li>Skill versus luck: for each winning agent trade, the share of its comparables (shadow trades of
 * the same symbol that entered in the same regime on the same UTC day) whose pnl % was below its own,
 * ties counting half. 0.9 means it beat 90 % of what the market offered that day in that regime, so
 * more skill than luck; near 0.5 the market gave the win to everyone. Null with fewer than
 * {@value #MIN_COMPARABLES} comparables.</li>
 * </ul>
 */
public final class WinAnalyzer {
    public static final int TOP_FEATURES = 5;
    public static final int MIN_COMPARABLES = 10;

    private final int minOccurrences;

    /** @param minOccurrences the members a pattern needs before its win rate is reported (&ge; 1) */
    public WinAnalyzer(int minOccurrences) {
        if (minOccurrences < 1) {
            throw new IllegalArgumentException("minOccurrences must be >= 1, got " + minOccurrences);
        }
        this.minOccurrences = minOccurrences;
    }

    public WinAnalysis analyze(List<AnalysedTrade> trades) {
        List<WinAnalysis.PatternWin> patterns = new ArrayList<>();
        for (Map.Entry<Integer, List<AnalysedTrade>> e : PatternSplit.byPattern(trades).entrySet()) {
            if (e.getValue().size() < minOccurrences) {
                continue;
            }
            PatternSplit split = new PatternSplit(e.getKey(), e.getValue());
            int n = split.members.size();
            List<FeatureEffect> top = split.winners > 0 && split.losers() > 0
                    ? split.effects.subList(0, Math.min(TOP_FEATURES, split.effects.size())) : List.of();
            patterns.add(new WinAnalysis.PatternWin(split.pattern, n, split.winners, (double) split.winners / n,
                    Wilson.lower(split.winners, n), Wilson.upper(split.winners, n), top));
        }
        List<AnalysedTrade> shadows = trades.stream().filter(AnalysedTrade::isShadow).toList();
        List<WinAnalysis.SkillScore> skills = new ArrayList<>();
        trades.stream().filter(t -> t.isAgent() && t.win()).sorted(BY_ENTRY)
                .forEach(t -> skills.add(skill(t, shadows)));
        return WinAnalysis.of(patterns, skills);
    }

    static final Comparator<AnalysedTrade> BY_ENTRY = Comparator.comparing(AnalysedTrade::entryTime)
            .thenComparing(AnalysedTrade::tradeKey);

    private static WinAnalysis.SkillScore skill(AnalysedTrade trade, List<AnalysedTrade> shadows) {
        LocalDate day = day(trade);
        int n = 0;
        double below = 0;
        for (AnalysedTrade s : shadows) {
            if (s.symbol().equals(trade.symbol()) && s.regimeAtEntry().equals(trade.regimeAtEntry())
                    && day(s).equals(day)) {
                n++;
                if (s.pnlPercent() < trade.pnlPercent()) {
                    below += 1;
                } else if (s.pnlPercent() == trade.pnlPercent()) {
                    below += 0.5;
                }
            }
        }
        return new WinAnalysis.SkillScore(trade.tradeKey(), trade.pattern(), trade.regimeAtEntry(),
                trade.pnlPercent(), n, n >= MIN_COMPARABLES ? below / n : null);
    }

    private static LocalDate day(AnalysedTrade t) {
        return LocalDate.ofInstant(t.entryTime(), ZoneOffset.UTC);
    }
}
