package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.env.NetworkPolicy;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.report.EquityCsv;
import dev.shadowtrainer.report.RunFolder;
import dev.shadowtrainer.report.TradesCsv;
import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EquityCurve;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.PerformanceCalculator;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.ShadowTrades;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Trade;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A saved policy on one window of any market, beside the baselines (buy-and-hold, no-trade, random,
 * trend-rule) on the same window: the core of {@code backtest} and of {@code nightly}'s champion/challenger
 * comparison. It is the test half of one walk-forward fold, through {@link WalkForwardEvaluation}, so the
 * numbers mean exactly what train's out-of-sample numbers mean.
 *
 * <p>As train's test windows with {@code rl.enabled=false} and an empty trade memory: entries are sized by
 * ATR (the online sizing and meta agents learn across a run's folds and are not part of a model's policy),
 * the memory look-up starts empty and fills with the window's own resolved trades, and no pattern
 * blacklist applies. Bars before {@code from} only warm up the features and the normalisation.
 */
public final class Backtest {
    private final ShadowConfig config;
    private final MarketData market;

    /**
     * @param config the model's config (execution, state size, memory look-up, initial equity)
     * @param market the prepared candles, history before the window included
     */
    public Backtest(ShadowConfig config, MarketData market) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.market = Objects.requireNonNull(market, "market is null");
    }

    /** The policy's record first, then the baselines', and the policy's simulation of the window. */
    public record Outcome(int from, int to, List<PolicyRecord> records, SimulationResult policyRun) {
        public Outcome {
            records = List.copyOf(records);
        }

        public PolicyRecord policy() {
            return records.get(0);
        }

        /** The policy's per-bar returns (equity[i] / equity[i-1] - 1), for significance tests. */
        public double[] policyReturns() {
            double[] equity = policy().curve().equity();
            double[] out = new double[Math.max(0, equity.length - 1)];
            for (int i = 1; i < equity.length; i++) {
                out[i - 1] = equity[i] / equity[i - 1] - 1;
            }
            return out;
        }
    }

    /** The network saved as {@code graph} in {@code model}, acting greedily, named {@code name}. */
    public static Policy policy(LoadedModel model, String name) {
        return new NetworkPolicy(name, TrainedModel.of(model, PpoPolicyTrainer.NETWORK, "backtest").network());
    }

    /**
     * Runs {@code policy} and the baselines on bars [from, to).
     *
     * @param seed seeds the random baseline and the policy's run
     * @throws DataException when there are no bars before {@code from} or fewer than data.min_bars usable bars
     *                       in the window
     */
    public Outcome run(Policy policy, int from, int to, long seed, Consumer<String> progress) {
        Objects.requireNonNull(policy, "policy is null");
        requireWindow(from, to);
        ExecutionConfig execution = ExecutionConfig.from(config.training().shadowTrading(),
                market.candles().id().timeframe());
        int stateDim = config.training().rlAgent().stateDim();
        NearestTrades lookup = new NearestTrades(market, config.memory().indexSize(), config.memory().neighbours(),
                NearestTrades.Past.NONE);
        Simulator simulator = new Simulator(market, execution, stateDim, new EventBus(), lookup, EntryFilter.NONE,
                config.training().shadowTrading().enabled(), new AtrPositionSizer(config.rl().atrTargetPercent()));
        Simulator baselines = new Simulator(market, execution, stateDim, new EventBus(), lookup.fresh(),
                EntryFilter.NONE, false);
        PerformanceCalculator calculator = new PerformanceCalculator(market.candles().id().timeframe(),
                config.evaluation().trials());
        WalkForwardEvaluation evaluation = new WalkForwardEvaluation(simulator, simulator, baselines, execution,
                calculator, config.evaluation().initialEquity(), seed);
        progress.accept(String.format(Locale.ROOT, "running %s and the baselines on %d bars", policy.name(),
                to - from));
        // The evaluation's own fold line would say "training"; the policy here is trained already.
        WalkForwardEvaluation.Outcome outcome = evaluation.run(List.of(new Fold(0, 0, from, from, to)),
                new Given(policy), line -> { });
        return new Outcome(from, to, outcome.records(), outcome.policyRuns().get(0));
    }

    /**
     * Checks that bars [from, to) have history before them and at least data.min_bars usable bars.
     *
     * @throws DataException otherwise
     */
    public void requireWindow(int from, int to) {
        int size = market.size();
        if (from < 1 || from >= to || to > size) {
            throw new DataException(String.format(Locale.ROOT, "%s: window [%d, %d) of %d bars leaves no history "
                    + "before it or no bars in it; choose a later start or supply more data",
                    market.candles().id(), from, to, size));
        }
        int usable = 0;
        for (int i = from; i < to; i++) {
            usable += market.features().isUsable(i) ? 1 : 0;
        }
        if (usable < config.data().minBars()) {
            throw new DataException(String.format(Locale.ROOT, "%s: only %d usable bars from %s to %s (%d bars, "
                    + "%d of history before them) but data.min_bars is %d; widen the window or lower data.min_bars",
                    market.candles().id(), usable, Instant.ofEpochMilli(market.candles().openTime(from)),
                    Instant.ofEpochMilli(market.candles().closeTime(to - 1)), to - from, from,
                    config.data().minBars()));
        }
    }

    /**
     * Writes trades.csv (the policy's trades), shadow_trades.csv (every shadow trade of the window) and
     * equity.csv (the policy beside the baselines) into {@code folder}.
     */
    public void writeOutputs(Outcome outcome, Path folder) {
        TradesCsv.write(folder.resolve(RunFolder.TRADES_CSV), outcome.policy().trades(),
                ordinal -> AtrAdxRegime.ofOrdinal((byte) ordinal).name());
        ShadowTrades s = outcome.policyRun().shadowTrades();
        List<Trade> shadows = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            shadows.add(s.trade(i, 1.0, market.candles().openTime(s.entryBar(i)),
                    market.candles().openTime(s.exitBar(i))));
        }
        TradesCsv.write(folder.resolve(TrainPipeline.SHADOW_TRADES_CSV), shadows,
                ordinal -> AtrAdxRegime.ofOrdinal((byte) ordinal).name());
        Map<String, EquityCurve> others = new LinkedHashMap<>();
        for (PolicyRecord r : outcome.records().subList(1, outcome.records().size())) {
            others.put(r.policy(), r.curve());
        }
        EquityCsv.write(folder.resolve(RunFolder.EQUITY_CSV), outcome.policy().curve(),
                others);
    }

    /** A "trainer" that hands over the policy it was given: the model is already trained. */
    private record Given(Policy policy) implements PolicyTrainer {
        @Override
        public String name() {
            return policy.name();
        }

        @Override
        public Policy train(Simulator simulator, Fold fold, long seed) {
            return policy;
        }
    }
}
