package dev.shadowtrainer.analysis;

import static dev.shadowtrainer.analysis.TradeFixture.DAY;
import static dev.shadowtrainer.analysis.TradeFixture.trade;

import java.util.ArrayList;
import java.util.List;

/** A run's trades that exercise every part of the analyses (for the store and CLI tests). */
public final class SampleRun {
    private SampleRun() {
    }

    /** Pattern 0 with a feature split, a blacklisted pattern 7, an agent winner with a skill score, a
     * winner without one, losses of several reasons and post-exit rows with and without nulls. */
    public static List<AnalysedTrade> trades() {
        List<AnalysedTrade> trades = new ArrayList<>(WinAnalyzerTest.patternZero());
        trades.add(trade().pattern(7).pnl(1).postExit(101.0, 102.0, 101.5, 3.0, "TOO_EARLY").build());
        for (int i = 0; i < 9; i++) {
            trades.add(trade().pattern(7).pnl(-1).exit("TIMEOUT").postExit(99.0, 98.0, 97.0, 0.0, "ABOUT_RIGHT")
                    .build());
        }
        trades.add(trade().key("agent-star").agent().pnlPercent(2.0).postExit(101.0, null, null, null, "PENDING")
                .build());
        for (int i = 0; i < 10; i++) {
            trades.add(trade().pnlPercent(-1 + 0.3 * i).entry(DAY.plusSeconds(600L * i)).build());
        }
        trades.add(trade().agent().pnlPercent(1).regime("HIGH_VOL_RANGING").build());
        trades.add(trade().agent().pnl(-50).exit("LIQUIDATION").build());
        trades.add(trade().agent().pnl(-0.4).fees(1).exit("TIMEOUT").build());
        trades.add(trade().pnl(-5).exit("STOP_LOSS").range(2, -5).build());
        trades.add(trade().pnl(-5).exit("STOP_LOSS").range(0.5, -1).regimeAtExit("NEUTRAL").build());
        return trades;
    }

    public static RunAnalysis analysis(String runId) {
        return RunAnalysis.of(runId, trades(), 5);
    }
}
