package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SizingAgentV2SizerTest {
    /** ATR 0.4 % of the close on every bar: the ATR fallback (target 0.5 %) orders 0.5 / 0.4 = 1.25 x. */
    private static final float ATR_REL = 0.004f;
    private static final ExecutionConfig CONFIG = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 2, 0.005,
            60, 80, 8, 2, 5, 1, false, 2, 3, 0.0, 20, 0, 0);

    /** Enters and exits at random; every {@code nanEvery}-th entry (0 = none) reports a NaN confidence. */
    private static final class RandomTrader implements Policy {
        private final int nanEvery;
        private SplittableRandom random;
        private int entries;
        private double confidence;

        RandomTrader(int nanEvery) {
            this.nanEvery = nanEvery;
        }

        @Override
        public String name() {
            return "random-trader";
        }

        @Override
        public void reset(long seed) {
            random = new SplittableRandom(seed);
            entries = 0;
        }

        @Override
        public Action decide(Observation o) {
            confidence = 0.3 + 0.7 * random.nextDouble();
            if (!o.inPosition() && !o.orderPending() && random.nextInt(4) == 0) {
                entries++;
                if (nanEvery > 0 && entries % nanEvery == 0) {
                    confidence = Double.NaN;
                }
                return Action.ENTER_LONG_NORMAL;
            }
            return o.inPosition() && random.nextInt(6) == 0 ? Action.EXIT : Action.HOLD;
        }

        @Override
        public double confidence() {
            return confidence;
        }
    }

    private static MarketData market() {
        CandleSeries candles = new SyntheticMarket(5).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
                Instant.parse("2025-01-01T00:00:00Z"), 1500).series();
        int n = candles.size();
        float[] raw = new float[n];
        Arrays.fill(raw, ATR_REL);
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            usable[i] = !candles.isFiller(i);
        }
        List<FeatureColumn> columns = List.of(new FeatureColumn("atr_rel_14", 0));
        return new MarketData(candles, FeatureMatrix.of(columns, raw, usable, false),
                FeatureMatrix.of(columns, new float[n], usable, true), new byte[n], null);
    }

    private record Outcome(List<Trade> trades, SizingAgentV2Sizer sizer) {
    }

    /** Two runs (two halves of the market, as two folds) with one sizer learning across them. */
    private static Outcome run(String preset, int nanEvery, long seed) {
        return run(preset, nanEvery, seed, seed);
    }

    private static Outcome run(String preset, int nanEvery, long seed, long agentSeed) {
        MarketData data = market();
        EventBus bus = new EventBus();
        SizingAgentV2Sizer sizer = new SizingAgentV2Sizer(TabularAgent.positionSizingV2(SizingActions.preset(preset),
                TabularAgent.Settings.preset(preset, agentSeed), null), new AtrPositionSizer(0.5)).subscribeTo(bus);
        Simulator sim = new Simulator(data, CONFIG, 16, bus, new ShadowStatistics(), EntryFilter.NONE, false, sizer);
        List<Trade> trades = new ArrayList<>();
        int half = data.size() / 2;
        SimulationResult first = sim.run(new RandomTrader(nanEvery), 0, half, 10_000, seed);
        trades.addAll(first.trades());
        SimulationResult second = sim.run(new RandomTrader(nanEvery), half, data.size(), 10_000, seed + 1);
        trades.addAll(second.trades());
        return new Outcome(trades, sizer);
    }

    @Test
    void oneEpisodeAndOneUpdatePerSizedTradeWithEpsilonDecayedPerEpisode() {
        Outcome o = run("v2", 0, 3);
        List<Trade> trades = o.trades();
        SizingAgentV2Sizer sizer = o.sizer();
        assertThat(trades).hasSizeGreaterThan(30);
        assertThat(sizer.fallbacks()).isZero();
        // every filled entry starts an episode and every position closes by the end of its run
        assertThat(sizer.entries()).isEqualTo(trades.size());
        assertThat(sizer.learned()).isEqualTo(trades.size());
        assertThat(sizer.abandoned()).isZero();
        AgentStats stats = sizer.agent().stats();
        assertThat(stats.q().updates()).isEqualTo(trades.size());
        assertThat(stats.episodes().finished()).isEqualTo(sizer.entries());
        // v2: epsilon 0.1 x 0.995 per episode, floor 0.01
        assertThat(stats.q().epsilon()).isCloseTo(Math.max(0.01, 0.1 * Math.pow(0.995, trades.size())),
                within(1e-12));
        // orders that never filled were sized too
        assertThat(sizer.entriesSized()).isGreaterThanOrEqualTo(trades.size());
        // every trade carries one of the 56 actions of the v2 grid
        for (Trade t : trades) {
            assertThat(t.sizeMultiplier()).isIn(0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 1.8);
            assertThat(t.leverage()).isIn(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
        }
        // state keys are confidence|exposure|performance|volatility|slope; 1000 x 1.0 / ~10000 equity is light
        assertThat(sizer.snapshot().qTable().keySet()).allSatisfy(k -> {
            assertThat(k.split("\\|")).hasSize(5);
            assertThat(k.split("\\|")[1]).isEqualTo("light");
        });
        // the mean reward tracked by the episodes is the sizer's mean reward (one terminal step per episode)
        assertThat(stats.episodes().meanReward()).isCloseTo(sizer.meanReward(), within(1e-9));
        assertThat(sizer.snapshot().agent()).isEqualTo("position_sizing_v2");
        assertThat(sizer.snapshot().actions()).hasSize(56);
    }

    @Test
    void theDomainPresetTradesLeverageUpToFiftyAndDecaysSlower() {
        Outcome o = run("v2_domain", 0, 5);
        List<Trade> trades = o.trades();
        assertThat(trades).hasSizeGreaterThan(30);
        for (Trade t : trades) {
            assertThat(t.sizeMultiplier()).isIn(0.5, 0.75, 1.0, 1.5, 2.0);
            assertThat(t.leverage()).isIn(5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0);
        }
        AgentStats stats = o.sizer().agent().stats();
        assertThat(stats.actions()).isEqualTo(40);
        assertThat(o.sizer().learned()).isEqualTo(trades.size());
        assertThat(stats.episodes().finished()).isEqualTo(trades.size());
        // v2_domain: epsilon 0.1 x 0.999 per episode
        assertThat(stats.q().epsilon()).isCloseTo(Math.max(0.01, 0.1 * Math.pow(0.999, trades.size())),
                within(1e-12));
    }

    @Test
    void aFailingStateFallsBackToAtrSizingAndIsCounted() {
        Outcome o = run("v2", 3, 4);
        List<Trade> trades = o.trades();
        SizingAgentV2Sizer sizer = o.sizer();
        assertThat(sizer.fallbacks()).isPositive();
        assertThat(sizer.lastFailure()).contains("confidence is NaN");
        // fallback trades: ATR sizing 1.25 x at the configured leverage 2 (1.25 is not in the v2 grid)
        List<Trade> atr = trades.stream().filter(t -> Math.abs(t.sizeMultiplier() - 1.25) < 1e-6).toList();
        assertThat(atr).isNotEmpty().allSatisfy(t -> assertThat(t.leverage()).isEqualTo(2.0));
        // only the agent's own trades start episodes and teach it
        int agentTrades = trades.size() - atr.size();
        assertThat(sizer.learned()).isEqualTo(agentTrades);
        assertThat(sizer.entries()).isEqualTo(agentTrades);
        assertThat(sizer.agent().stats().q().updates()).isEqualTo(agentTrades);
        assertThat(sizer.agent().stats().episodes().finished()).isEqualTo(agentTrades);
    }

    @Test
    void theSameSeedSizesTheSameTradesAndLearnsTheSameTable() {
        Outcome a = run("v2", 0, 11);
        Outcome b = run("v2", 0, 11);
        assertThat(pnls(b.trades())).containsExactlyElementsOf(pnls(a.trades()));
        assertThat(b.sizer().snapshot().qTable().keySet()).isEqualTo(a.sizer().snapshot().qTable().keySet());
        a.sizer().snapshot().qTable().forEach((k, row) ->
                assertThat(b.sizer().snapshot().qTable().get(k)).containsExactly(row));
        // the same trader with another agent seed: the agent explores differently, so sizes and pnls differ
        Outcome c = run("v2", 0, 11, 12);
        assertThat(pnls(c.trades())).isNotEqualTo(pnls(a.trades()));
    }

    private static List<Double> pnls(List<Trade> trades) {
        List<Double> out = new ArrayList<>();
        trades.forEach(t -> out.add(t.pnl()));
        return out;
    }
}
