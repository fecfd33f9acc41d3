package dev.shadowtrainer.bench;

import dev.shadowtrainer.agent.env.PpoSetup;
import dev.shadowtrainer.agent.ppo.PpoConfig;
import dev.shadowtrainer.agent.ppo.VectorEnv;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.config.ShadowConfig.RlAgentConfig;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.Simulator;
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
            preparation.requireStateDim(config.training().rlAgent().stateDim(), new ShadowStatistics());
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
        Simulator simulator = new Simulator(market, execution, rl.stateDim(), new EventBus(), new ShadowStatistics(),
                EntryFilter.NONE, config.training().shadowTrading().enabled());
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
        return new PpoBenchReport(bars, timeframe.label(), symbol.toString(), config.seed(), from, to, episode,
                rl.stateDim(), Action.values().length, rl.rewardClass(), r.numEnvs(), r.numSteps(), ppo.batchSize(),
                ppo.numMinibatches(), ppo.updateEpochs(), Arrays.stream(ppo.hiddenSizes()).boxed().toList(),
                s.timing().warmupSeconds(), s.timing().measuredSeconds(), marketMillis, r.rolloutSteps(),
                r.rolloutSps(), r.endToEndSteps(), r.endToEndSps(), r.naiveSteps(), r.naiveSps(), r.speedup(),
                PpoBenchmark.ROLLOUT_SPS_TARGET, PpoBenchmark.END_TO_END_SPS_TARGET, PpoBenchmark.SPEEDUP_TARGET,
                r.rolloutSps() >= PpoBenchmark.ROLLOUT_SPS_TARGET,
                r.endToEndSps() >= PpoBenchmark.END_TO_END_SPS_TARGET, r.speedup() >= PpoBenchmark.SPEEDUP_TARGET,
                BenchReport.Machine.current());
    }
}
