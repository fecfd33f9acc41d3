package dev.shadowtrainer.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The members of one pattern split into winners and losers, with the effect size of every entry
 * feature. A feature counts only over the members that have it; it gets an effect size when it has at
 * least one winner, one loser and three members in all (so the pooled variance has a degree of
 * freedom) and its pooled standard deviation is not zero.
 *
 * <p>Worked out by {@link #of} in two passes over the trades, holding per pattern and feature only running
 * sums (counts and sums of the winners' and the losers' values, then the squared deviations from their means):
 * no trade is kept. Every sum adds the members' values in the order of the trades, as a pass over one
 * pattern's members would, so the numbers are those of the two-pass mean and variance per pattern.
 */
final class PatternSplit {
    final int pattern;
    /** How many trades the pattern has (all kinds). */
    final int members;
    final int winners;
    /** Effect sizes, largest |d| first (ties by name). */
    final List<FeatureEffect> effects;

    private PatternSplit(int pattern, int members, int winners, List<FeatureEffect> effects) {
        this.pattern = pattern;
        this.members = members;
        this.winners = winners;
        this.effects = effects;
    }

    int losers() {
        return members - winners;
    }

    /**
     * The split of every pattern that has members, by pattern id in ascending order (trades without a pattern
     * left out); iterates {@code trades} twice and keeps none of them.
     */
    static Map<Integer, PatternSplit> of(Iterable<AnalysedTrade> trades) {
        Map<Integer, Sums> sums = new TreeMap<>();
        for (AnalysedTrade t : trades) {
            if (t.pattern() >= 0) {
                sums.computeIfAbsent(t.pattern(), p -> new Sums()).add(t);
            }
        }
        sums.values().forEach(Sums::means);
        for (AnalysedTrade t : trades) {
            if (t.pattern() >= 0) {
                Sums s = sums.get(t.pattern());
                if (s == null) {
                    throw new IllegalStateException("the trades changed between two passes: pattern " + t.pattern()
                            + " of trade " + t.tradeKey() + " was not there in the first");
                }
                s.deviations(t);
            }
        }
        Map<Integer, PatternSplit> out = new TreeMap<>();
        sums.forEach((p, s) -> out.put(p, new PatternSplit(p, s.members, s.winners, s.effects())));
        return Collections.unmodifiableMap(out);
    }

    /** One pattern's running sums: its members and winners, and per feature name (sorted) those of its values. */
    private static final class Sums {
        int members;
        int winners;
        final Map<String, FeatureSums> features = new TreeMap<>();

        void add(AnalysedTrade t) {
            members++;
            if (t.win()) {
                winners++;
            }
            boolean win = t.win();
            FeatureMap.of(t.features()).forEachValue((name, v) -> features.computeIfAbsent(name, n -> new FeatureSums())
                    .add(win, v));
        }

        void means() {
            features.values().forEach(FeatureSums::means);
        }

        void deviations(AnalysedTrade t) {
            boolean win = t.win();
            FeatureMap.of(t.features()).forEachValue((name, v) -> {
                FeatureSums f = features.get(name);
                if (f == null) {
                    throw new IllegalStateException("the trades changed between two passes: feature " + name
                            + " of trade " + t.tradeKey() + " was not there in the first");
                }
                f.deviation(win, v);
            });
        }

        List<FeatureEffect> effects() {
            List<FeatureEffect> out = new ArrayList<>();
            features.forEach((name, f) -> {
                FeatureEffect e = f.effect(name);
                if (e != null) {
                    out.add(e);
                }
            });
            out.sort(Comparator.comparingDouble((FeatureEffect e) -> -Math.abs(e.effectSize()))
                    .thenComparing(FeatureEffect::feature));
            return List.copyOf(out);
        }
    }

    /** Cohen's d of one feature between a pattern's winners and losers, from running sums. */
    private static final class FeatureSums {
        int nw;
        int nl;
        double sw;
        double sl;
        double mw;
        double ml;
        double ssw;
        double ssl;

        void add(boolean win, double v) {
            if (win) {
                nw++;
                sw += v;
            } else {
                nl++;
                sl += v;
            }
        }

        void means() {
            mw = sw / nw;
            ml = sl / nl;
        }

        void deviation(boolean win, double v) {
            if (win) {
                ssw += (v - mw) * (v - mw);
            } else {
                ssl += (v - ml) * (v - ml);
            }
        }

        /** The effect, or null when it is undefined. */
        FeatureEffect effect(String name) {
            if (nw < 1 || nl < 1 || nw + nl < 3) {
                return null;
            }
            double pooled = Math.sqrt((ssw + ssl) / (nw + nl - 2));
            if (!(pooled > 0) || !Double.isFinite(pooled)) {
                return null;
            }
            double d = (mw - ml) / pooled;
            return Double.isFinite(d) ? new FeatureEffect(name, d, mw, ml) : null;
        }
    }
}
