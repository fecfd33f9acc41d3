package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizingAgentV2SizerTest {
    private record Outcome(List<Trade> trades, SizingAgentV2Sizer sizer) {
    }

    /** Two runs (two halves of the market, as two folds) with one sizer learning across them. */
    private static Outcome run(String preset, int nanEvery, long seed) {
        return run(preset, nanEvery, seed, seed);
    }

    private static Outcome run(String preset, int nanEvery, long seed, long agentSeed) {
        MarketData data = SizingFixtures.market(5, 1500, false);
        EventBus bus = new EventBus();
        SizingAgentV2Sizer sizer = new SizingAgentV2Sizer(TabularAgent.positionSizingV2(SizingActions.preset(preset),
                TabularAgent.Settings.preset(preset, agentSeed), null), new AtrPositionSizer(0.5)).subscribeTo(bus);
        Simulator sim = new Simulator(data, SizingFixtures.CONFIG, 16, bus, new ShadowStatistics(), EntryFilter.NONE, false, sizer);
        List<Trade> trades = new ArrayList<>();
        int half = data.size() / 2;
        SimulationResult first = sim.run(new SizingFixtures.RandomTrader(nanEvery, 0.3), 0, half, 10_000, seed);
        trades.addAll(first.trades());
        SimulationResult second = sim.run(new SizingFixtures.RandomTrader(nanEvery, 0.3), half, data.size(), 10_000, seed + 1);
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
