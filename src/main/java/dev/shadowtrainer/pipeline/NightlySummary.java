package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.sim.PerformanceMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a {@code nightly} run did, for the console (text) and machines (JSON). */
public record NightlySummary(String version, Instant startedAt, String symbol, String timeframe, String candles,
                             String liveTradesFile, int liveTradesRead, int liveTradesImported, String trainRunId,
                             String trainRunFolder, Instant holdoutFirstOpen, Instant holdoutLastOpen,
                             int holdoutBars, PerformanceMetrics challenger, PerformanceMetrics champion,
                             String challengerFolder, String currentChampion, String promotionLog,
                             String lookahead, PromotionDecision decision) {

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("nightly " + symbol + " " + timeframe + ": " + candles);
        if (liveTradesFile != null) {
            out.add(String.format(Locale.ROOT, "live trades: %d read from %s, %d new in the trade memory",
                    liveTradesRead, liveTradesFile, liveTradesImported));
        }
        out.add("retrained: run " + trainRunFolder);
        out.add(String.format(Locale.ROOT, "held out: %s to %s (%d bars)", holdoutFirstOpen, holdoutLastOpen,
                holdoutBars));
        out.add(result("challenger " + decision.challenger(), challenger));
        if (champion != null) {
            out.add(result("champion " + decision.champion(), champion));
        }
        if (decision.pValue() != null) {
            out.add(String.format(Locale.ROOT, "paired t-test on per-bar returns: t %.3f, p %.4f",
                    decision.tStatistic() == null ? Double.NaN : decision.tStatistic(), decision.pValue()));
        }
        out.add("lookahead check: " + lookahead);
        out.add(decision.decision() + ": " + decision.reason());
        out.add("champion (models/current): " + (currentChampion == null ? "none" : currentChampion)
                + "; challenger at " + challengerFolder + "; logged in " + promotionLog);
        return out;
    }

    private static String result(String who, PerformanceMetrics m) {
        return String.format(Locale.ROOT, "  %s: sharpe %.2f, return %.2f%%, max dd %.2f%%, %d trades, fees %.2f",
                who, m.sharpe(), 100 * m.totalReturn(), 100 * m.maxDrawdown(), m.trades(), m.feesPaid());
    }
}
