package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.Fold;
import java.util.Objects;

/**
 * lookahead-check on the policy a run trained: the saved (last fold's) network, greedy as it was judged, over
 * that fold's test window (its last {@value #MAX_BARS} bars at most) with the history before it as lead-in,
 * against cut and garbage futures at {@code samples} decision points (see {@link LookaheadCheck}). The memory
 * slots come from a look-up index that starts empty in every rerun, as in the {@code lookahead-check} command.
 * Run by {@code train} after the walk-forward, so a network that leaks is reported before anyone loads it.
 */
public final class TrainedPolicyCheck {
    /**
     * Bars of the last test window checked at most (its last ones): every rerun replays them, and 41 reruns of a
     * 90-day window of 1m candles took minutes while a leak shows at any decision point.
     */
    public static final int MAX_BARS = 2_000;

    private TrainedPolicyCheck() {
    }

    /**
     * What the check found, for the run summary.
     *
     * @param clean       no value up to a decision point changed with the future (false also when not run)
     * @param differences values that changed (0 when clean or not run)
     * @param points      decision points checked
     * @param bars        bars the check replayed (the last test window)
     * @param notRun      why the check could not run (too few decisions in the window), else null
     */
    public record Result(boolean clean, long differences, int points, int bars, String notRun) {
        static Result of(LookaheadReport report) {
            return new Result(report.clean(), report.totalDifferences(), report.cutPoints().size(),
                    report.bars() - report.from(), null);
        }
    }

    /**
     * @param series      the run's candles, history lead-in included
     * @param last        the walk-forward's last fold (its test window is checked)
     * @param preparation the run's feature preparation
     * @param network     the trained network of {@code last}
     */
    public static Result run(CandleSeries series, Fold last, MarketPreparation preparation, ActorCritic network,
                             ExecutionConfig execution, int stateDim, int indexSize, int neighbours, int samples,
                             double initialEquity, long seed) {
        Objects.requireNonNull(network, "network is null");
        try {
            return Result.of(window(series, last.testFrom(), last.testTo(), preparation, PpoPolicyTrainer.NAME,
                    network, execution, stateDim, indexSize, neighbours, samples, initialEquity, seed));
        } catch (DataException e) {
            return new Result(false, 0, 0, Math.min(MAX_BARS, last.testTo() - last.testFrom()), e.getMessage());
        }
    }

    /**
     * lookahead-check of {@code network}, greedy and named {@code name}, over bars [from, to) of {@code series} (the
     * last {@value #MAX_BARS} of them at most) with the history before them (the preparation's lead-in) as warm-up;
     * the memory look-up starts empty in every rerun.
     *
     * @throws DataException when the window holds fewer decisions than {@code samples}
     */
    public static LookaheadReport window(CandleSeries series, int from, int to, MarketPreparation preparation,
                                         String name, ActorCritic network, ExecutionConfig execution, int stateDim,
                                         int indexSize, int neighbours, int samples, double initialEquity,
                                         long seed) {
        from = Math.max(from, to - MAX_BARS);
        int start = Math.max(0, from - preparation.leadInBars());
        LookaheadCheck check = LookaheadCheck.ofNetwork(preparation, name, network,
                data -> new NearestTrades(data, indexSize, neighbours, NearestTrades.Past.NONE), execution, stateDim);
        return check.run(series.slice(start, to), from - start, samples, initialEquity, seed);
    }
}
