package dev.shadowtrainer.sim;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one simulated run over bars [from, to): the policy's closed trades, the equity at each
 * bar's close, the shadow trades, what happened after each exit, and the counters.
 */
public record SimulationResult(String policy, int from, int to, double initialEquity, double[] equity,
                               List<Trade> trades, ShadowTrades shadowTrades, PostExitTracker agentPostExit,
                               PostExitTracker shadowPostExit, double feesPaid, SimulationCounts counts) {
    public SimulationResult {
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(equity, "equity is null");
        trades = List.copyOf(trades);
        if (equity.length != to - from) {
            throw new IllegalArgumentException("one equity value per bar expected");
        }
    }

    public double finalEquity() {
        return equity.length == 0 ? initialEquity : equity[equity.length - 1];
    }
}
