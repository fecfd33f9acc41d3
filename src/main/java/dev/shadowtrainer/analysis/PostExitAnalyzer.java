package dev.shadowtrainer.analysis;

import dev.shadowtrainer.memory.PostExitRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    public PostExitAnalysis analyze(List<AnalysedTrade> trades) {
        List<PostExitAnalysis.ExitTiming> timing = new ArrayList<>();
        timing.add(timing("all", trades));
        for (String kind : KINDS) {
            List<AnalysedTrade> ofKind = trades.stream().filter(t -> t.kind().equals(kind)).toList();
            if (!ofKind.isEmpty()) {
                timing.add(timing(kind, ofKind));
            }
        }
        List<PostExitAnalysis.HoldingPeriod> holding = new ArrayList<>();
        for (Map.Entry<Integer, List<AnalysedTrade>> e : PatternSplit.byPattern(trades).entrySet()) {
            holding.add(holding(e.getKey(), e.getValue()));
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

    private PostExitAnalysis.HoldingPeriod holding(int pattern, List<AnalysedTrade> members) {
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
}
