package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.sim.EquityCurve;
import dev.shadowtrainer.sim.FoldResult;
import dev.shadowtrainer.sim.PerformanceMetrics;
import dev.shadowtrainer.sim.Trade;
import java.util.List;
import java.util.Objects;

/** One policy's out-of-sample record: every test window chained, its metrics, and each fold's metrics. */
public record PolicyRecord(String policy, EquityCurve curve, List<Trade> trades, PerformanceMetrics metrics,
                           List<FoldResult> folds) {
    public PolicyRecord {
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(curve, "curve is null");
        Objects.requireNonNull(metrics, "metrics is null");
        trades = List.copyOf(trades);
        folds = List.copyOf(folds);
    }
}
