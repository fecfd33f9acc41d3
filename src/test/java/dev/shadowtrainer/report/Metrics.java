package dev.shadowtrainer.report;

import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.PerformanceCalculator;
import dev.shadowtrainer.sim.PerformanceMetrics;
import dev.shadowtrainer.sim.RunCounters;
import java.util.List;

/** Metrics for report tests, measured by the real calculator on small curves. */
final class Metrics {
    private Metrics() {
    }

    /** A curve with gains and losses but no trades: win rate, profit factor and mean pnl are empty. */
    static PerformanceMetrics withoutTrades() {
        return new PerformanceCalculator(Timeframe.M15, 3)
                .measure(new double[] {10_000, 10_100, 10_050, 10_200}, List.of(), new RunCounters(4, 1, 2));
    }
}
