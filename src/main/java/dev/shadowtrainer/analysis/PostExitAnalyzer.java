package dev.shadowtrainer.analysis;

import dev.shadowtrainer.memory.PostExitRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well exits were timed, from each trade's post-exit row.
 * <ul>
 * <li>Exit-timing accuracy: of the trades whose verdict is settled (not PENDING), the share judged
 * ABOUT_RIGHT; with the counts of every verdict. Reported for all trades and for each kind apart: an
 * agent's exits are its own decisions, a shadow trade's come from the fixed stop and target.</li>
 * <li>Missed profit: total and mean of the rows' missed profit (quote currency), unknown ones left
 * out.</li>
 * <li>Recommended holding period per pattern: for each member with all three post-exit prices, the
 * return held to the exit as taken (its pnl %, fees and slippage included) and held 1, 4 and 24 hours
 * longer (price after / entry price − 1, less the trade's own fees as a share of its size, so all four
 * are after the same fees; the later exit's fee at a different price and its slippage are not
 * modelled). The horizon with the highest mean over those members is recommended, the earlier on a
 * tie, when there are at least {@code minOccurrences} of them.</li>
 * </ul>
 */
public final class PostExitAnalyzer {
    private static final List<String> KINDS = List.of("agent", "shadow", "live");

    private final int minOccurrences;

    /** @param minOccurrences complete members a pattern needs before a holding period is recommended (&ge; 1) */
    public PostExitAnalyzer(int minOccurrences) {
        if (minOccurrences < 1) {
            throw new IllegalArgumentException("minOccurrences must be >= 1, got " + minOccurrences);
        }
        this.minOccurrences = minOccurrences;
    }

    /**
     * The analysis of {@code trades} in one pass that keeps none of them: running counts and sums per scope and
     * per pattern, each adding the trades in their order (as a pass over one scope's or one pattern's trades
     * would).
     */
    public PostExitAnalysis analyze(Iterable<AnalysedTrade> trades) {
        Timing all = new Timing("all");
        Map<String, Timing> kinds = new LinkedHashMap<>();
        for (String kind : KINDS) {
            kinds.put(kind, new Timing(kind));
        }
        Map<Integer, Holding> patterns = new TreeMap<>();
        for (AnalysedTrade t : trades) {
            all.add(t);
            Timing kind = kinds.get(t.kind());
            if (kind != null) {
                kind.add(t);
            }
            if (t.pattern() >= 0) {
                patterns.computeIfAbsent(t.pattern(), p -> new Holding()).add(t);
            }
        }
        List<PostExitAnalysis.ExitTiming> timing = new ArrayList<>();
        timing.add(all.result());
        for (Timing kind : kinds.values()) {
            if (kind.trades > 0) {
                timing.add(kind.result());
            }
        }
        List<PostExitAnalysis.HoldingPeriod> holding = new ArrayList<>();
        patterns.forEach((p, h) -> holding.add(h.result(p, minOccurrences)));
        return new PostExitAnalysis(timing, holding);
    }

    /** The exit-timing counts of one scope. */
    private static final class Timing {
        final String scope;
        int trades;
        int rows;
        int aboutRight;
        int early;
        int late;
        int pending;
        int missedN;
        double missed;

        Timing(String scope) {
            this.scope = scope;
        }

        void add(AnalysedTrade t) {
            trades++;
            PostExitRow p = t.postExit();
            if (p == null) {
                return;
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

        PostExitAnalysis.ExitTiming result() {
            int settled = rows - pending;
            return new PostExitAnalysis.ExitTiming(scope, rows, aboutRight, early, late, pending,
                    settled == 0 ? null : (double) aboutRight / settled, missedN, missedN == 0 ? null : missed,
                    missedN == 0 ? null : missed / missedN);
        }
    }

    /** The holding-period sums of one pattern. */
    private static final class Holding {
        final double[] sums = new double[PostExitAnalysis.Horizon.values().length];
        int members;
        int complete;
        double minutes;

        void add(AnalysedTrade t) {
            members++;
            minutes += Duration.between(t.entryTime(), t.exitTime()).toMillis() / 60_000.0;
            PostExitRow p = t.postExit();
            if (p == null || !known(p.price1h()) || !known(p.price4h()) || !known(p.price24h())) {
                return;
            }
            complete++;
            double fees = t.fees() / t.size();
            sums[0] += t.pnlPercent();
            sums[1] += 100 * (p.price1h() / t.entryPrice() - 1 - fees);
            sums[2] += 100 * (p.price4h() / t.entryPrice() - 1 - fees);
            sums[3] += 100 * (p.price24h() / t.entryPrice() - 1 - fees);
        }

        PostExitAnalysis.HoldingPeriod result(int pattern, int minOccurrences) {
            Double[] means = new Double[sums.length];
            PostExitAnalysis.Horizon best = null;
            for (int h = 0; h < sums.length; h++) {
                means[h] = complete == 0 ? null : sums[h] / complete;
                if (complete >= minOccurrences && (best == null || means[h] > means[best.ordinal()])) {
                    best = PostExitAnalysis.Horizon.values()[h];
                }
            }
            return new PostExitAnalysis.HoldingPeriod(pattern, members, complete, minutes / members,
                    means[0], means[1], means[2], means[3], best);
        }
    }

    private static boolean known(Double v) {
        return v != null && Double.isFinite(v);
    }
}
