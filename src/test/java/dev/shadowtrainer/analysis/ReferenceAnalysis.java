package dev.shadowtrainer.analysis;

import dev.shadowtrainer.memory.PostExitRow;
import dev.shadowtrainer.sim.Wilson;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The analyzers as they were before they streamed over the trades (every trade held, grouped into per-pattern
 * lists, every winner compared with every shadow trade): the reference the streaming {@link RunAnalysis#of} must
 * equal exactly, number for number.
 */
final class ReferenceAnalysis {
    private static final List<String> KINDS = List.of("agent", "shadow", "live");

    private ReferenceAnalysis() {
    }

    static RunAnalysis of(String runId, List<AnalysedTrade> trades, int minOccurrences) {
        List<AnalysedTrade> held = List.copyOf(trades);
        return new RunAnalysis(runId, minOccurrences, held.size(), win(held, minOccurrences),
                loss(held, minOccurrences), postExit(held, minOccurrences));
    }

    // ---- win ----

    static WinAnalysis win(List<AnalysedTrade> trades, int minOccurrences) {
        List<WinAnalysis.PatternWin> patterns = new ArrayList<>();
        for (Map.Entry<Integer, List<AnalysedTrade>> e : byPattern(trades).entrySet()) {
            if (e.getValue().size() < minOccurrences) {
                continue;
            }
            Split split = new Split(e.getKey(), e.getValue());
            int n = split.members.size();
            List<FeatureEffect> top = split.winners > 0 && split.losers() > 0
                    ? split.effects.subList(0, Math.min(WinAnalyzer.TOP_FEATURES, split.effects.size())) : List.of();
            patterns.add(new WinAnalysis.PatternWin(split.pattern, n, split.winners, (double) split.winners / n,
                    Wilson.lower(split.winners, n), Wilson.upper(split.winners, n), top));
        }
        List<AnalysedTrade> shadows = trades.stream().filter(AnalysedTrade::isShadow).toList();
        List<WinAnalysis.SkillScore> skills = new ArrayList<>();
        trades.stream().filter(t -> t.isAgent() && t.win()).sorted(BY_ENTRY)
                .forEach(t -> skills.add(skill(t, shadows)));
        return WinAnalysis.of(patterns, skills);
    }

    private static final Comparator<AnalysedTrade> BY_ENTRY = Comparator.comparing(AnalysedTrade::entryTime)
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
                trade.pnlPercent(), n, n >= WinAnalyzer.MIN_COMPARABLES ? below / n : null);
    }

    private static LocalDate day(AnalysedTrade t) {
        return LocalDate.ofInstant(t.entryTime(), ZoneOffset.UTC);
    }

    // ---- loss ----

    static LossAnalysis loss(List<AnalysedTrade> trades, int minOccurrences) {
        Map<Integer, Split> splits = new HashMap<>();
        byPattern(trades).forEach((p, members) -> splits.put(p, new Split(p, members)));
        List<LossAnalysis.Loss> losses = new ArrayList<>();
        trades.stream().filter(t -> !t.win()).sorted(BY_ENTRY).forEach(t -> {
            Split split = splits.get(t.pattern());
            FailureReason reason = LossAnalyzer.reason(t);
            boolean blacklisted = split != null && split.members.size() >= minOccurrences
                    && Wilson.upper(split.winners, split.members.size()) < 0.5;
            CorrectiveAction action = blacklisted ? CorrectiveAction.BLACKLIST_PATTERN : LossAnalyzer.action(reason);
            losses.add(new LossAnalysis.Loss(t.tradeKey(), t.kind(), t.pattern(), reason, action,
                    misleading(t, split, minOccurrences)));
        });
        return LossAnalysis.of(losses);
    }

    private static List<String> misleading(AnalysedTrade t, Split split, int minOccurrences) {
        if (split == null || split.members.size() < minOccurrences || split.winners == 0 || split.losers() == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (FeatureEffect e : split.effects) {
            Double v = t.features().get(e.feature());
            if (v != null && e.onWinnersSide(v)) {
                out.add(e.feature());
                if (out.size() == LossAnalyzer.TOP_MISLEADING) {
                    break;
                }
            }
        }
        return out;
    }

    // ---- post-exit ----

    static PostExitAnalysis postExit(List<AnalysedTrade> trades, int minOccurrences) {
        List<PostExitAnalysis.ExitTiming> timing = new ArrayList<>();
        timing.add(timing("all", trades));
        for (String kind : KINDS) {
            List<AnalysedTrade> ofKind = trades.stream().filter(t -> t.kind().equals(kind)).toList();
            if (!ofKind.isEmpty()) {
                timing.add(timing(kind, ofKind));
            }
        }
        List<PostExitAnalysis.HoldingPeriod> holding = new ArrayList<>();
        for (Map.Entry<Integer, List<AnalysedTrade>> e : byPattern(trades).entrySet()) {
            holding.add(holding(e.getKey(), e.getValue(), minOccurrences));
        }
        return new PostExitAnalysis(timing, holding);
    }

    private static PostExitAnalysis.ExitTiming timing(String scope, List<AnalysedTrade> trades) {
        int rows = 0;
        int aboutRight = 0;
        int early = 0;
        int late = 0;
        int pending = 0;
        int missedN = 0;
        double missed = 0;
        for (AnalysedTrade t : trades) {
            PostExitRow p = t.postExit();
            if (p == null) {
                continue;
            }
            rows++;
            switch (p.verdict()) {
                case "ABOUT_RIGHT" -> aboutRight++;
                case "TOO_EARLY" -> early++;
                case "TOO_LATE" -> late++;
                case "PENDING" -> pending++;
                default -> throw new IllegalArgumentException("trade " + t.tradeKey() + " has an unknown post-exit "
                        + "verdict '" + p.verdict() + "'");
            }
            if (p.missedProfit() != null && Double.isFinite(p.missedProfit())) {
                missedN++;
                missed += p.missedProfit();
            }
        }
        int settled = rows - pending;
        return new PostExitAnalysis.ExitTiming(scope, rows, aboutRight, early, late, pending,
                settled == 0 ? null : (double) aboutRight / settled, missedN, missedN == 0 ? null : missed,
                missedN == 0 ? null : missed / missedN);
    }

    private static PostExitAnalysis.HoldingPeriod holding(int pattern, List<AnalysedTrade> members,
                                                          int minOccurrences) {
        double[] sums = new double[PostExitAnalysis.Horizon.values().length];
        int complete = 0;
        double minutes = 0;
        for (AnalysedTrade t : members) {
            minutes += Duration.between(t.entryTime(), t.exitTime()).toMillis() / 60_000.0;
            PostExitRow p = t.postExit();
            if (p == null || !known(p.price1h()) || !known(p.price4h()) || !known(p.price24h())) {
                continue;
            }
            complete++;
            double fees = t.fees() / t.size();
            sums[0] += t.pnlPercent();
            sums[1] += 100 * (p.price1h() / t.entryPrice() - 1 - fees);
            sums[2] += 100 * (p.price4h() / t.entryPrice() - 1 - fees);
            sums[3] += 100 * (p.price24h() / t.entryPrice() - 1 - fees);
        }
        Double[] means = new Double[sums.length];
        PostExitAnalysis.Horizon best = null;
        for (int h = 0; h < sums.length; h++) {
            means[h] = complete == 0 ? null : sums[h] / complete;
            if (complete >= minOccurrences && (best == null || means[h] > means[best.ordinal()])) {
                best = PostExitAnalysis.Horizon.values()[h];
            }
        }
        return new PostExitAnalysis.HoldingPeriod(pattern, members.size(), complete, minutes / members.size(),
                means[0], means[1], means[2], means[3], best);
    }

    private static boolean known(Double v) {
        return v != null && Double.isFinite(v);
    }

    // ---- the old per-pattern split ----

    static Map<Integer, List<AnalysedTrade>> byPattern(List<AnalysedTrade> trades) {
        Map<Integer, List<AnalysedTrade>> out = new TreeMap<>();
        for (AnalysedTrade t : trades) {
            if (t.pattern() >= 0) {
                out.computeIfAbsent(t.pattern(), p -> new ArrayList<>()).add(t);
            }
        }
        return out;
    }

    private static final class Split {
        final int pattern;
        final List<AnalysedTrade> members;
        final int winners;
        final List<FeatureEffect> effects;

        Split(int pattern, List<AnalysedTrade> members) {
            this.pattern = pattern;
            this.members = List.copyOf(members);
            this.winners = (int) members.stream().filter(AnalysedTrade::win).count();
            this.effects = effects(members);
        }

        int losers() {
            return members.size() - winners;
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

        private static FeatureEffect effect(String name, List<AnalysedTrade> members) {
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
}
