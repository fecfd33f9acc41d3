package dev.shadowtrainer.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code ab-test} reports: the run (market, window, policy, seed), how R was measured, the trades of each
 * group and the test ({@link AbTestResult}).
 *
 * @param series          the market, e.g. {@code binance BTC/USDT 15m}
 * @param windowStart     first bar of the window (UTC, ISO-8601)
 * @param windowEnd       last bar of the window (UTC, ISO-8601)
 * @param bars            bars the simulator ran on
 * @param policy          the rule policy whose signals both groups trade
 * @param seed            seeds the policy, the agent's exploration and the group coin
 * @param trades          the policy's closed trades (= A + B trades)
 * @param stopLossBps     the stop distance that defines 1 R (see {@link RMultiple})
 * @param agentLearned    closed trades the RL agent learned from (its own group's only)
 * @param agentFallbacks  group A entries the agent failed to size (sized by ATR instead, still counted in A)
 * @param result          per-group numbers, Welch's test, Cohen's d and the verdict
 */
public record AbTestReport(String series, String windowStart, String windowEnd, int bars, String policy, long seed,
                           int trades, double stopLossBps, int agentLearned, int agentFallbacks,
                           AbTestResult result) {
    public AbTestReport {
        Objects.requireNonNull(series, "series is null");
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(result, "result is null");
    }

    /** The text summary. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "ab-test %s, %s to %s (%d bars), policy %s, seed %d: %d trades", series,
                windowStart, windowEnd, bars, policy, seed, trades));
        out.add(String.format(Locale.ROOT, "R = pnl / (notional x stop %.4g bps); Sharpe = mean R / sd R per trade "
                + "(not annualised); max drawdown of the group's cumulative pnl", stopLossBps));
        out.add(String.format(Locale.ROOT, "%-12s %7s %9s %8s %8s %8s %13s %11s", "group", "trades", "win rate",
                "mean R", "sd R", "Sharpe", "max drawdown", "total pnl"));
        out.add(row(result.a()));
        out.add(row(result.b()));
        out.add(String.format(Locale.ROOT, "agent learned from %d trades (group A only), %d fallbacks to ATR",
                agentLearned, agentFallbacks));
        out.add(String.format(Locale.ROOT, "Welch t = %s, df = %s, p = %s, Cohen's d = %s (A - B)", num(result.t()),
                num(result.df()), num(result.p()), num(result.cohenD())));
        out.add("verdict: " + result.verdict());
        return out;
    }

    private static String row(AbTestResult.Group g) {
        return String.format(Locale.ROOT, "%-12s %7d %8.1f%% %8s %8s %8s %13.2f %11.2f", g.name(), g.trades(),
                100 * g.winRate(), num(g.meanR()), num(g.sdR()), num(g.sharpe()), g.maxDrawdown(), g.totalPnl());
    }

    private static String num(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
