package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.PositionSizer;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AbTestSizerTest {
    /** The ATR sizer (target 0.5 %) at SizingFixtures.ATR_REL (0.4 %) orders 0.5 / 0.4 = 1.25 x. */
    private static final double ATR_MULTIPLIER = 1.25;

    /** Enters often and exits at random, so a short market gives a few hundred trades. */
    private static final class BusyTrader implements Policy {
        private SplittableRandom random;

        @Override
        public String name() {
            return "busy-trader";
        }

        @Override
        public void reset(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public Action decide(Observation o) {
            if (!o.inPosition() && !o.orderPending() && random.nextInt(3) == 0) {
                return Action.ENTER_LONG_NORMAL;
            }
            return o.inPosition() && random.nextInt(4) == 0 ? Action.EXIT : Action.HOLD;
        }

        @Override
        public double confidence() {
            return 0.7;
        }
    }

    private record Outcome(SimulationResult result, AbTestSizer sizer, SizingAgentSizer agent, AtrPositionSizer atr) {
    }

    private static Outcome run(long seed) {
        MarketData data = SizingFixtures.market(11, 3000, true);
        EventBus bus = new EventBus();
        AtrPositionSizer atr = new AtrPositionSizer(0.5);
        // the agent's fallback is a separate ATR sizer so the baseline's own count is only group B
        SizingAgentSizer agent = new SizingAgentSizer(
                new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(seed)), new AtrPositionSizer(0.5))
                .subscribeTo(bus);
        AbTestSizer sizer = new AbTestSizer(agent, atr, seed);
        Simulator sim = new Simulator(data, SizingFixtures.CONFIG, 16, bus, new ShadowStatistics(), EntryFilter.NONE, false, sizer);
        return new Outcome(sim.run(new BusyTrader(), 0, data.size(), 10_000, seed), sizer, agent, atr);
    }

    @Test
    void theCoinIsSeededAndFairOverManyTraceIds() {
        AbTestSizer one = new AbTestSizer(PositionSizer.DEFAULT, PositionSizer.DEFAULT, 42);
        AbTestSizer same = new AbTestSizer(PositionSizer.DEFAULT, PositionSizer.DEFAULT, 42);
        AbTestSizer other = new AbTestSizer(PositionSizer.DEFAULT, PositionSizer.DEFAULT, 43);
        int n = 20_000;
        int a = 0;
        int differs = 0;
        int runsOfA = 0;
        for (long id = 1; id <= n; id++) {
            AbTestSizer.Group g = one.assign(id);
            assertThat(same.assign(id)).isEqualTo(g);
            a += g == AbTestSizer.Group.A ? 1 : 0;
            differs += other.assign(id) != g ? 1 : 0;
            runsOfA += g == AbTestSizer.Group.A && one.assign(id + 1) == AbTestSizer.Group.A ? 1 : 0;
        }
        // A fair coin: A ~ Binomial(20000, 0.5), sd = sqrt(20000 * 0.25) = 70.7, so 10000 +- 350 is 5 sd.
        assertThat(a).isBetween(n / 2 - 350, n / 2 + 350);
        // Another seed is an independent coin: it disagrees on about half the ids (same 5 sd band).
        assertThat(differs).isBetween(n / 2 - 350, n / 2 + 350);
        // Consecutive ids are not correlated: A followed by A on about a quarter (5000, sd 61) of the pairs.
        assertThat(runsOfA).isBetween(5000 - 310, 5000 + 310);
    }

    @Test
    void eachGroupIsSizedByItsOwnSizerAndTheAgentLearnsOnlyGroupA() {
        Outcome o = run(7);
        List<Trade> trades = o.result().trades();
        assertThat(trades).hasSizeGreaterThan(200);
        int tradesA = 0;
        for (Trade t : trades) {
            AbTestSizer.Group g = o.sizer().group(t.traceId());
            assertThat(g).as("trade %d has a group", t.traceId()).isEqualTo(o.sizer().assign(t.traceId()));
            if (g == AbTestSizer.Group.A) {
                tradesA++;
                // the agent's grid: multipliers 0.3..1.5 (never 1.25) and leverage 1..5
                assertThat(t.sizeMultiplier()).isIn(0.3, 0.5, 0.7, 1.0, 1.5);
                assertThat(t.leverage()).isIn(1.0, 2.0, 3.0, 4.0, 5.0);
            } else {
                // ATR: 1.25 x at the configured leverage 2
                assertThat(t.sizeMultiplier()).isCloseTo(ATR_MULTIPLIER, org.assertj.core.data.Offset.offset(1e-6)); // ATR is a float column
                assertThat(t.leverage()).isEqualTo(2.0);
            }
        }
        int tradesB = trades.size() - tradesA;
        assertThat(tradesA).isPositive();
        assertThat(tradesB).isPositive();
        // every entry went to exactly one sizer
        assertThat(o.agent().entriesSized()).isEqualTo(o.sizer().sized(AbTestSizer.Group.A));
        assertThat(o.atr().entriesSized()).isEqualTo(o.sizer().sized(AbTestSizer.Group.B));
        assertThat(o.agent().fallbacks()).isZero();
        // the agent is on the bus and sees every close, but learns only from the trades it sized
        assertThat(o.agent().learned()).isEqualTo(tradesA);
        assertThat(o.agent().agent().stats().updates()).isEqualTo(tradesA);
        // same seed, same assignment and the same trades
        Outcome again = run(7);
        assertThat(again.result().trades().stream().map(Trade::pnl).toList())
                .containsExactlyElementsOf(trades.stream().map(Trade::pnl).toList());
    }
}
