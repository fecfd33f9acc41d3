package dev.shadowtrainer.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The members of one pattern split into winners and losers, with the effect size of every entry
 * feature. A feature counts only over the members that have it; it gets an effect size when it has at
 * least one winner, one loser and three members in all (so the pooled variance has a degree of
 * freedom) and its pooled standard deviation is not zero.
 */
final class PatternSplit {
    final int pattern;
    final List<AnalysedTrade> members;
    final int winners;
    /** Effect sizes, largest |d| first (ties by name). */
    final List<FeatureEffect> effects;

    PatternSplit(int pattern, List<AnalysedTrade> members) {
        this.pattern = pattern;
        this.members = List.copyOf(members);
        this.winners = (int) members.stream().filter(AnalysedTrade::win).count();
        this.effects = effects(members);
    }

    int losers() {
        return members.size() - winners;
    }

    /** The trades with a pattern, grouped by pattern id in ascending order; trades without one left out. */
    static Map<Integer, List<AnalysedTrade>> byPattern(List<AnalysedTrade> trades) {
        Map<Integer, List<AnalysedTrade>> out = new TreeMap<>();
        for (AnalysedTrade t : trades) {
            if (t.pattern() >= 0) {
                out.computeIfAbsent(t.pattern(), p -> new ArrayList<>()).add(t);
            }
        }
        return out;
    }

    private static List<FeatureEffect> effects(List<AnalysedTrade> members) {
        TreeSet<String> names = new TreeSet<>();
        members.forEach(t -> names.addAll(t.features().keySet()));
        List<FeatureEffect> out = new ArrayList<>();
        for (String name : names) {
            FeatureEffect e = effect(name, members);
            if (e != null) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingDouble((FeatureEffect e) -> -Math.abs(e.effectSize()))
                .thenComparing(FeatureEffect::feature));
        return List.copyOf(out);
    }

    /** Cohen's d of {@code name} between the winners and the losers, or null when it is undefined. */
    static FeatureEffect effect(String name, List<AnalysedTrade> members) {
        int nw = 0;
        int nl = 0;
        double sw = 0;
        double sl = 0;
        for (AnalysedTrade t : members) {
            Double v = t.features().get(name);
            if (v != null) {
                if (t.win()) {
                    nw++;
                    sw += v;
                } else {
                    nl++;
                    sl += v;
                }
            }
        }
        if (nw < 1 || nl < 1 || nw + nl < 3) {
            return null;
        }
        double mw = sw / nw;
        double ml = sl / nl;
        double ssw = 0;
        double ssl = 0;
        for (AnalysedTrade t : members) {
            Double v = t.features().get(name);
            if (v != null) {
                if (t.win()) {
                    ssw += (v - mw) * (v - mw);
                } else {
                    ssl += (v - ml) * (v - ml);
                }
            }
        }
        double pooled = Math.sqrt((ssw + ssl) / (nw + nl - 2));
        if (!(pooled > 0) || !Double.isFinite(pooled)) {
            return null;
        }
        double d = (mw - ml) / pooled;
        return Double.isFinite(d) ? new FeatureEffect(name, d, mw, ml) : null;
    }
}
