package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.sim.PerformanceMetrics;
import java.util.List;
import java.util.Map;

/**
 * The out-of-sample part of a run summary.
 *
 * @param results          the trained policy first, then the baselines, each over all test windows
 * @param shadowTrades     shadow trades resolved in the test windows
 * @param shadowWinRate    share of them that made money after fees
 * @param postExitVerdicts verdict counts of the policy's trades and of the shadow trades
 * @param execution        the policy's execution counters summed over folds
 */
public record EvaluationSummary(int folds, int trainDays, int testDays, int purgeBars, int embargoBars,
                                double initialEquity, List<PolicyResult> results, int shadowTrades,
                                double shadowWinRate, Map<String, Map<String, Integer>> postExitVerdicts,
                                Map<String, Integer> execution) {
    /** One policy's out-of-sample metrics. */
    public record PolicyResult(String policy, PerformanceMetrics metrics) {
    }
}
