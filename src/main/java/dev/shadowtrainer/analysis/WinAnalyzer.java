package dev.shadowtrainer.analysis;

import dev.shadowtrainer.sim.Wilson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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

    /** The analysis of {@code trades}, read in passes (none of them held): see {@link RunAnalysis#of}. */
    public WinAnalysis analyze(List<AnalysedTrade> trades) {
        return analyze(trades, PatternSplit.of(trades));
    }

    /** As {@link #analyze(List)}, with the patterns' splits of these trades already worked out. */
    WinAnalysis analyze(Iterable<AnalysedTrade> trades, Map<Integer, PatternSplit> splits) {
        List<WinAnalysis.PatternWin> patterns = new ArrayList<>();
        for (PatternSplit split : splits.values()) {
            if (split.members < minOccurrences) {
                continue;
            }
            int n = split.members;
            List<FeatureEffect> top = split.winners > 0 && split.losers() > 0
                    ? split.effects.subList(0, Math.min(TOP_FEATURES, split.effects.size())) : List.of();
            patterns.add(new WinAnalysis.PatternWin(split.pattern, n, split.winners, (double) split.winners / n,
                    Wilson.lower(split.winners, n), Wilson.upper(split.winners, n), top));
        }
        // One pass: the shadow trades' pnl % grouped by what makes them comparable (symbol, regime at entry, UTC
        // day of entry), and the winning agent trades.
        Map<Comparables, Outcomes> shadows = new HashMap<>();
        List<Winner> winners = new ArrayList<>();
        for (AnalysedTrade t : trades) {
            if (t.isShadow()) {
                shadows.computeIfAbsent(Comparables.of(t), c -> new Outcomes()).add(t.pnlPercent());
            } else if (t.isAgent() && t.win()) {
                winners.add(new Winner(t.tradeKey(), t.entryTime(), Comparables.of(t), t.pattern(), t.pnlPercent()));
            }
        }
        shadows.values().forEach(Outcomes::sort);
        winners.sort(Comparator.comparing(Winner::entryTime).thenComparing(Winner::tradeKey));
        List<WinAnalysis.SkillScore> skills = new ArrayList<>(winners.size());
        for (Winner w : winners) {
            skills.add(skill(w, shadows.get(w.comparables())));
        }
        return WinAnalysis.of(patterns, skills);
    }

    static final Comparator<AnalysedTrade> BY_ENTRY = Comparator.comparing(AnalysedTrade::entryTime)
            .thenComparing(AnalysedTrade::tradeKey);

    /** Shadow trades compare with an agent trade when they are of its symbol and entered in its regime on its day. */
    private record Comparables(String symbol, String regime, LocalDate day) {
        static Comparables of(AnalysedTrade t) {
            return new Comparables(t.symbol(), t.regimeAtEntry(), WinAnalyzer.day(t));
        }
    }

    /** A winning agent trade, as much of it as its skill score needs. */
    private record Winner(String tradeKey, Instant entryTime, Comparables comparables, int pattern,
                          double pnlPercent) {
    }

    /** The pnl % of a group of comparable shadow trades, sorted once all are in. */
    private static final class Outcomes {
        private double[] values = new double[16];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void sort() {
            values = Arrays.copyOf(values, size);
            Arrays.sort(values);
        }

        /** How many are {@code < x} (with {@code strict}) or {@code <= x}: a binary search of the sorted values. */
        int count(double x, boolean strict) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (strict ? values[mid] < x : values[mid] <= x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * The share of the comparables below the winner's pnl %, ties counting half: the shadows below it count 1
     * each and those equal to it 0.5 (whole and half numbers, so the sum is exact whatever the order).
     */
    private static WinAnalysis.SkillScore skill(Winner w, Outcomes comparables) {
        int n = comparables == null ? 0 : comparables.size;
        double below = 0;
        if (n > 0) {
            int less = comparables.count(w.pnlPercent(), true);
            int equal = comparables.count(w.pnlPercent(), false) - less;
            below = less + 0.5 * equal;
        }
        return new WinAnalysis.SkillScore(w.tradeKey(), w.pattern(), w.comparables().regime(), w.pnlPercent(), n,
                n >= MIN_COMPARABLES ? below / n : null);
    }

    private static LocalDate day(AnalysedTrade t) {
        return LocalDate.ofInstant(t.entryTime(), ZoneOffset.UTC);
    }
}
