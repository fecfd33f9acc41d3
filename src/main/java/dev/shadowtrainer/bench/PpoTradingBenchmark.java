package dev.shadowtrainer.bench;

import dev.shadowtrainer.agent.env.PpoSetup;
import dev.shadowtrainer.agent.ppo.PpoConfig;
import dev.shadowtrainer.agent.ppo.VectorEnv;
import dev.shadowtrainer.config.ShadowConfig.RlAgentConfig;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MarketView;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.ShadowTrades;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * {@link PpoBenchmark} on the real trading environment: seeded synthetic candles of data.symbol and
 * data.timeframe, prepared as {@code train} prepares them (features, past-only normalisation, regimes),
 * replayed by a simulator with the training.shadow_trading rules, as lockstep {@code TradingVectorEnv}s
 * built by {@link PpoSetup} with the PPO settings of training.rl_agent. Nothing is read from disk or
 * the network.
 *
 * <p>The training range starts after the feature and normalisation warm-up and runs to the last bar;
 * episodes are training.rl_agent.episode_bars long, or a test window (evaluation.test_days) when that
 * is 0, as that key is documented.
 */
public final class PpoTradingBenchmark {
    /** The bound on the in-process look-up's share of the simulation time. */
    static final double LOOKUP_SHARE_TARGET = 0.20;

    /** Default history: 90 days, enough for the warm-up and many distinct week-long episodes. */
    public static final int DEFAULT_DAYS = 90;
    static final Instant FIRST_OPEN = SimulatorBenchmark.FIRST_OPEN;
    private static final long DAY_MILLIS = 86_400_000L;
    /** More bars than this is a mistake for a speed test (and costs memory for nothing). */
    static final long MAX_BARS = 10_000_000;

    /**
     * What to measure; checked here, before anything runs (a state_dim too small for the observation is a
     * config error, as in {@code train}).
     *
     * @param days   days of synthetic candles to generate
     * @param timing warm-up and measured seconds per case
     */
    public record Settings(ShadowConfig config, int days, PpoBenchmark.Settings timing) {
        public Settings {
            Objects.requireNonNull(config, "config is null");
            Objects.requireNonNull(timing, "timing is null");
            Timeframe timeframe = config.data().timeframe();
            long bars = days < 1 ? 0 : days * DAY_MILLIS / timeframe.millis();
            if (bars > MAX_BARS) {
                throw new IllegalArgumentException("--ppo-days " + days + " is " + bars + " " + timeframe.label()
                        + " bars, more than the bench's " + MAX_BARS + "; ask for fewer days");
            }
            MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
            preparation.requireStateDim(config.training().rlAgent().stateDim(), NearestTrades.WIDTH);
            int warmup = preparation.leadInBars();
            if (bars - warmup < 2) {
                throw new IllegalArgumentException("--ppo-days " + days + " gives " + bars + " " + timeframe.label()
                        + " bars, too few for the " + warmup + "-bar feature warm-up and an episode; ask for more days");
            }
        }

        int bars() {
            return (int) (days * DAY_MILLIS / config.data().timeframe().millis());
        }
    }

    public PpoBenchReport run(Settings s, PrintWriter progress) {
        Objects.requireNonNull(s, "settings is null");
        Objects.requireNonNull(progress, "progress is null");
        ShadowConfig config = s.config();
        RlAgentConfig rl = config.training().rlAgent();
        Symbol symbol = Symbol.parse(config.data().symbol());
        Timeframe timeframe = config.data().timeframe();
        int bars = s.bars();

        long start = System.nanoTime();
        MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
        CandleSeries candles = new SyntheticMarket(config.seed()).generate(symbol, timeframe, FIRST_OPEN, bars)
                .series();
        MarketData market = preparation.apply(candles);
        ExecutionConfig execution = ExecutionConfig.from(config.training().shadowTrading(), timeframe);
        // The pattern-memory look-up train uses (an in-process k-NN index over resolved trades).
        Simulator simulator = new Simulator(market, execution, rl.stateDim(), new EventBus(),
                new NearestTrades(market, config.memory().indexSize(), config.memory().neighbours(),
                        NearestTrades.Past.NONE), EntryFilter.NONE, config.training().shadowTrading().enabled());
        double marketMillis = (System.nanoTime() - start) / 1e6;

        int from = preparation.leadInBars();
        int to = candles.size();
        long episodeBars = rl.episodeBars() > 0 ? rl.episodeBars()
                : config.evaluation().testDays() * DAY_MILLIS / timeframe.millis();
        int episode = (int) Math.min(episodeBars, to - from);
        double equity = config.evaluation().initialEquity();
        IntFunction<VectorEnv> environments = numEnvs -> PpoSetup.environment(simulator, rl, numEnvs, from, to,
                episode, equity);
        PpoConfig ppo = PpoSetup.ppoConfig(rl);

        progress.printf("bench ppo: %,d synthetic %s candles of %s prepared in %.0f ms; measuring rollouts, end to "
                        + "end and the naive loop, %.1f s warm-up + %.1f s each%n", bars, timeframe.label(), symbol,
                marketMillis, s.timing().warmupSeconds(), s.timing().measuredSeconds());
        progress.flush();
        PpoBenchmark.Result r = PpoBenchmark.run(environments, ppo, config.seed(), s.timing(), line -> {
            progress.println("bench ppo: " + line);
            progress.flush();
        });
        progress.println("bench ppo: the memory look-up's share, with and without the k-NN index side by side");
        progress.flush();
        PpoBenchReport.LookupCost lookup = lookupCost(simulator, rl, ppo, config, from, to, episode, s.timing());
        return new PpoBenchReport(bars, timeframe.label(), symbol.toString(), config.seed(), from, to, episode,
                rl.stateDim(), Action.values().length, rl.rewardClass(), r.numEnvs(), r.numSteps(), ppo.batchSize(),
                ppo.numMinibatches(), ppo.updateEpochs(), Arrays.stream(ppo.hiddenSizes()).boxed().toList(),
                s.timing().warmupSeconds(), s.timing().measuredSeconds(), marketMillis, r.rolloutSteps(),
                r.rolloutSps(), r.endToEndSteps(), r.endToEndSps(), r.naiveSteps(), r.naiveSps(), r.speedup(),
                PpoBenchmark.ROLLOUT_SPS_TARGET, PpoBenchmark.END_TO_END_SPS_TARGET, PpoBenchmark.SPEEDUP_TARGET,
                r.rolloutSps() >= PpoBenchmark.ROLLOUT_SPS_TARGET,
                r.endToEndSps() >= PpoBenchmark.END_TO_END_SPS_TARGET, r.speedup() >= PpoBenchmark.SPEEDUP_TARGET,
                lookup, BenchReport.Machine.current());
    }

    /** The in-process look-up's cost: the same work with {@code simulator}'s k-NN index and with constants. */
    private static PpoBenchReport.LookupCost lookupCost(Simulator simulator, RlAgentConfig rl, PpoConfig ppo,
                                                        ShadowConfig config, int from, int to, int episode,
                                                        PpoBenchmark.Settings timing) {
        Simulator without = new Simulator(simulator.data(), simulator.executionConfig(), simulator.stateDim(),
                new EventBus(), new ConstantLookup(), EntryFilter.NONE, simulator.shadowTrades());
        double equity = config.evaluation().initialEquity();
        double barsWith = replayRate(simulator, from, to, equity, config.seed(), timing);
        double barsWithout = replayRate(without, from, to, equity, config.seed(), timing);
        double spsWith = PpoBenchmark.rolloutSps(n -> PpoSetup.environment(simulator, rl, n, from, to, episode,
                equity), ppo, config.seed(), timing);
        double spsWithout = PpoBenchmark.rolloutSps(n -> PpoSetup.environment(without, rl, n, from, to, episode,
                equity), ppo, config.seed(), timing);
        TimedLookup timed = new TimedLookup(new NearestTrades(simulator.data(), config.memory().indexSize(),
                config.memory().neighbours(), NearestTrades.Past.NONE), new long[3]);
        Simulator clocked = new Simulator(simulator.data(), simulator.executionConfig(), simulator.stateDim(),
                new EventBus(), timed, EntryFilter.NONE, simulator.shadowTrades());
        double clock = clockNanosPerCall();
        double timedShare = PpoBenchmark.rolloutShare(n -> PpoSetup.environment(clocked, rl, n, from, to, episode,
                equity), ppo, config.seed(), timing, () -> timed.nanos(clock));
        return new PpoBenchReport.LookupCost(config.memory().indexSize(), config.memory().neighbours(), barsWith,
                barsWithout, PpoBenchReport.LookupCost.share(barsWith, barsWithout), spsWith, spsWithout,
                PpoBenchReport.LookupCost.share(spsWith, spsWithout), timedShare, LOOKUP_SHARE_TARGET);
    }

    /** Bars per second replaying [from, to) under a policy that reads every observation and never trades. */
    private static double replayRate(Simulator simulator, int from, int to, double equity, long seed,
                                     PpoBenchmark.Settings timing) {
        Policy reader = new Policy() {
            private float sink;

            @Override
            public String name() {
                return "observation-reader";
            }

            @Override
            public Action decide(Observation observation) {
                sink += observation.vector()[0];
                return sink == Float.MAX_VALUE ? Action.HOLD : Action.DO_NOTHING;
            }
        };
        long end = System.nanoTime() + (long) (timing.warmupSeconds() * 1e9);
        while (System.nanoTime() < end) {
            simulator.run(reader, from, to, equity, seed);
        }
        long bars = 0;
        long start = System.nanoTime();
        end = start + (long) (Math.max(timing.measuredSeconds(), 1e-3) * 1e9);
        do {
            simulator.run(reader, from, to, equity, seed);
            bars += to - from;
        } while (System.nanoTime() < end);
        return bars / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * A look-up with the nanoseconds spent inside it added up, over all its fresh copies (the environments'
     * own indexes; the rollouts run on one thread): {@code spent[0]} in look-ups ({@code describe}),
     * {@code spent[1]} in feeding resolved trades and clearing, {@code spent[2]} the calls clocked.
     */
    private static final class TimedLookup implements MemoryLookup {
        private final MemoryLookup inner;
        private final long[] spent;

        TimedLookup(MemoryLookup inner, long[] spent) {
            this.inner = inner;
            this.spent = spent;
        }

        /** Nanoseconds inside the index so far, less what reading the clock around each call cost. */
        long nanos(double clockNanosPerCall) {
            return Math.max(0, spent[0] + spent[1] - Math.round(spent[2] * clockNanosPerCall));
        }

        @Override
        public int width() {
            return inner.width();
        }

        @Override
        public String slotName(int i) {
            return inner.slotName(i);
        }

        @Override
        public void describe(MarketView view, float[] target, int offset) {
            long t0 = System.nanoTime();
            inner.describe(view, target, offset);
            spent[0] += System.nanoTime() - t0;
            spent[2]++;
        }

        @Override
        public void remember(Trade trade) {
            long t0 = System.nanoTime();
            inner.remember(trade);
            spent[1] += System.nanoTime() - t0;
            spent[2]++;
        }

        @Override
        public void rememberShadow(ShadowTrades trades, int index) {
            long t0 = System.nanoTime();
            inner.rememberShadow(trades, index);
            spent[1] += System.nanoTime() - t0;
            spent[2]++;
        }

        @Override
        public void clear() {
            long t0 = System.nanoTime();
            inner.clear();
            spent[1] += System.nanoTime() - t0;
            spent[2]++;
        }

        @Override
        public MemoryLookup fresh() {
            return new TimedLookup(inner.fresh(), spent);
        }
    }

    /** What {@code t0 = nanoTime(); ...; spent += nanoTime() - t0} costs around nothing, in ns (median of 5). */
    static double clockNanosPerCall() {
        double[] rounds = new double[5];
        long[] spent = new long[1];
        for (int r = 0; r < rounds.length; r++) {
            int calls = 2_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                spent[0] += System.nanoTime() - t0;
            }
            rounds[r] = (System.nanoTime() - start) / (double) calls;
        }
        java.util.Arrays.sort(rounds);
        return spent[0] < 0 ? Double.NaN : rounds[rounds.length / 2];
    }

    /** The memory block filled with the empty-index values, at no cost: the baseline of the look-up's share. */
    private static final class ConstantLookup implements MemoryLookup {
        @Override
        public int width() {
            return NearestTrades.WIDTH;
        }

        @Override
        public void describe(MarketView view, float[] target, int offset) {
            target[offset] = 0.5f;
            target[offset + 1] = 0f;
            target[offset + 2] = 0f;
            target[offset + 3] = 0f;
        }

        @Override
        public void remember(Trade trade) {
        }

        @Override
        public void rememberShadow(ShadowTrades trades, int index) {
        }

        @Override
        public void clear() {
        }

        @Override
        public MemoryLookup fresh() {
            return new ConstantLookup();
        }
    }
}
