package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.rules.NoTradePolicy;
import dev.shadowtrainer.agent.rules.RandomPolicy;
import dev.shadowtrainer.agent.rules.TrendRulePolicy;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.sim.BuyAndHold;
import dev.shadowtrainer.sim.EquityCurve;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.FoldResult;
import dev.shadowtrainer.sim.PerformanceCalculator;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.RunCounters;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.WindowOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the trained policy and the baselines on the same out-of-sample test windows: for each fold the
 * trainer sees only the training window, then every policy is simulated on the test window from the
 * same initial equity. Baselines: buy-and-hold, no-trade, the seeded random policy and the rule-based
 * strategy with ATR sizing.
 */
public final class WalkForwardEvaluation {
    public static final String BUY_AND_HOLD = "buy-and-hold";

    private final Simulator simulator;
    private final Simulator testSimulator;
    private final Simulator baselineSimulator;
    private final ExecutionConfig execution;
    private final PerformanceCalculator calculator;
    private final double initialEquity;
    private final long seed;
    private Simulator onlineSimulator;
    private Policy online;
    private Consumer<Policy> onFold;

    /**
     * @param simulator         runs the trained policy (with shadow trades when they are enabled)
     * @param baselineSimulator runs the baselines on the same market; shadow trades, the same for every
     *                          policy, are not needed there
     */
    public WalkForwardEvaluation(Simulator simulator, Simulator baselineSimulator, ExecutionConfig execution,
                                 PerformanceCalculator calculator, double initialEquity, long seed) {
        this(simulator, simulator, baselineSimulator, execution, calculator, initialEquity, seed);
    }

    /**
     * @param simulator     the trainer trains the policy on it (training windows)
     * @param testSimulator runs the trained policy on the test windows, in fold order (e.g. the same market
     *                      with another {@link dev.shadowtrainer.sim.PositionSizer})
     */
    public WalkForwardEvaluation(Simulator simulator, Simulator testSimulator, Simulator baselineSimulator,
                                 ExecutionConfig execution, PerformanceCalculator calculator, double initialEquity,
                                 long seed) {
        this.simulator = Objects.requireNonNull(simulator, "simulator is null");
        this.testSimulator = Objects.requireNonNull(testSimulator, "testSimulator is null");
        this.baselineSimulator = Objects.requireNonNull(baselineSimulator, "baselineSimulator is null");
        this.execution = Objects.requireNonNull(execution, "execution is null");
        this.calculator = Objects.requireNonNull(calculator, "calculator is null");
        this.initialEquity = initialEquity;
        this.seed = seed;
    }

    /**
     * Also runs {@code policy} on each fold's test window, on {@code simulator} (its own, with its own event bus),
     * reported under the policy's name after the baselines. Unlike the baselines it is one instance for the whole
     * run, so it may learn online across the folds in time order.
     */
    public WalkForwardEvaluation withOnlinePolicy(Simulator simulator, Policy policy) {
        return withOnlinePolicy(simulator, policy, trained -> { });
    }

    /**
     * As {@link #withOnlinePolicy(Simulator, Policy)}, and {@code onFold} is given each fold's trained policy
     * (trained on that fold's training window only) before {@code policy} runs the fold's test window.
     */
    public WalkForwardEvaluation withOnlinePolicy(Simulator simulator, Policy policy, Consumer<Policy> onFold) {
        this.onlineSimulator = Objects.requireNonNull(simulator, "simulator is null");
        this.online = Objects.requireNonNull(policy, "policy is null");
        this.onFold = Objects.requireNonNull(onFold, "onFold is null");
        return this;
    }

    /** Baseline policies, fresh per fold so none carries state across windows. */
    static Map<String, Supplier<Policy>> baselines() {
        Map<String, Supplier<Policy>> b = new LinkedHashMap<>();
        b.put("no-trade", NoTradePolicy::new);
        b.put("random", RandomPolicy::new);
        b.put("trend-rule", TrendRulePolicy::new);
        return b;
    }

    /** The policy's record first, then the baselines', plus the policy's simulation of each fold. */
    public record Outcome(List<Fold> folds, List<PolicyRecord> records, List<SimulationResult> policyRuns) {
        public PolicyRecord policy() {
            return records.get(0);
        }
    }

    public Outcome run(List<Fold> folds, PolicyTrainer trainer, Consumer<String> progress) {
        CandleSeries candles = simulator.data().candles();
        Map<String, List<WindowOutcome>> windows = new LinkedHashMap<>();
        Map<String, List<FoldResult>> foldResults = new LinkedHashMap<>();
        List<SimulationResult> policyRuns = new ArrayList<>();
        trainer.begin(folds);
        for (Fold fold : folds) {
            progress.accept(String.format("fold %d/%d: training %s, testing %d bars", fold.index() + 1, folds.size(),
                    trainer.name(), fold.testBars()));
            long foldSeed = seed + 7919L * fold.index();
            Policy trained = trainer.train(simulator, fold, foldSeed);
            SimulationResult own = testSimulator.run(trained, fold.testFrom(), fold.testTo(), initialEquity, foldSeed);
            policyRuns.add(own);
            add(windows, foldResults, trainer.name(), fold, outcome(own, candles));
            double[] hold = BuyAndHold.equity(candles, fold.testFrom(), fold.testTo(), initialEquity, execution);
            add(windows, foldResults, BUY_AND_HOLD, fold,
                    new WindowOutcome(curve(candles, fold.testFrom(), hold), List.of(), RunCounters.NONE));
            for (Map.Entry<String, Supplier<Policy>> baseline : baselines().entrySet()) {
                SimulationResult r = baselineSimulator.run(baseline.getValue().get(), fold.testFrom(), fold.testTo(),
                        initialEquity, foldSeed);
                add(windows, foldResults, baseline.getKey(), fold, outcome(r, candles));
            }
            if (online != null) {
                onFold.accept(trained);
                SimulationResult r = onlineSimulator.run(online, fold.testFrom(), fold.testTo(), initialEquity,
                        foldSeed);
                add(windows, foldResults, online.name(), fold, outcome(r, candles));
            }
        }
        List<PolicyRecord> records = new ArrayList<>();
        for (Map.Entry<String, List<WindowOutcome>> e : windows.entrySet()) {
            WindowOutcome all = WindowOutcome.combine(e.getValue(), initialEquity);
            records.add(new PolicyRecord(e.getKey(), all.curve(), all.trades(), calculator.measure(all),
                    foldResults.get(e.getKey())));
        }
        return new Outcome(List.copyOf(folds), records, policyRuns);
    }

    private void add(Map<String, List<WindowOutcome>> windows, Map<String, List<FoldResult>> foldResults, String name,
                     Fold fold, WindowOutcome outcome) {
        windows.computeIfAbsent(name, k -> new ArrayList<>()).add(outcome);
        foldResults.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new FoldResult(fold, name, calculator.measure(outcome)));
    }

    private static WindowOutcome outcome(SimulationResult r, CandleSeries candles) {
        return new WindowOutcome(curve(candles, r.from(), r.equity()), r.trades(), new RunCounters(
                r.counts().invalidActions(), r.counts().circuitBreakerTrips(), r.counts().barsInPosition()));
    }

    private static EquityCurve curve(CandleSeries candles, int from, double[] equity) {
        long[] times = new long[equity.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = candles.closeTime(from + i);
        }
        return new EquityCurve(times, equity);
    }
}
