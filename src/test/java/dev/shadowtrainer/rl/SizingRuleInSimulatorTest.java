package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sizing agents learn a regime-dependent size rule inside the simulator, from the trades it fills and
 * closes on its event bus: on {@link SizingFixtures#trendsAndDeclines} a long gains in the trend blocks and
 * loses in the declines, so the rule is "the largest multiplier in the trend, the smallest in the decline".
 * Every state the agent updated often enough must have that greedy multiplier. (SizingConvergenceTest shows
 * the same on drawn rewards with the agents' default settings; here the rewards come from real fills.)
 */
class SizingRuleInSimulatorTest {
    private static final int BLOCKS = 200;
    private static final int BLOCK_BARS = 300;
    /** States updated fewer times than this are not judged (a few trades straddle two blocks). */
    private static final int SETTLED = 300;
    /** As {@link #SETTLED} for v2, whose 56 actions each need several tries (about one per 560 trades). */
    private static final int SETTLED_V2 = 5_000;

    private static SimulationResult run(LearningSizer sizer, EventBus bus, MarketData data) {
        Simulator sim = new Simulator(data, SizingFixtures.WIDE, 16, bus, new ShadowStatistics(), EntryFilter.NONE,
                false, sizer.subscribeTo(bus));
        return sim.run(new SizingFixtures.AlwaysLong(), 0, data.size(), 10_000, 5);
    }

    @Test
    void v1SizesUpInTrendsAndDownInDeclines() {
        MarketData data = SizingFixtures.trendsAndDeclines(BLOCKS, BLOCK_BARS);
        SizingAgentSizer sizer = new SizingAgentSizer(
                new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(42)), new AtrPositionSizer(0.5));
        SimulationResult result = run(sizer, new EventBus(), data);
        assertThat(result.trades()).hasSizeGreaterThan(5_000);
        assertThat(sizer.learned()).isEqualTo(result.trades().size());
        PositionSizingAgentV1 agent = sizer.agent();
        int judged = 0;
        for (String state : agent.snapshot().qTable().keySet()) {
            if (agent.updates(state) < SETTLED) {
                continue;
            }
            judged++;
            double best = SizingActions.V1.decode(greedy(agent.snapshot().qTable().get(state))).multiplier();
            assertThat(best).as("greedy multiplier of %s (%d updates)", state, agent.updates(state))
                    .isEqualTo(state.startsWith("low_vol_trending") ? 1.5 : 0.3);
        }
        // both regimes are judged: at least one settled state of each
        assertThat(judged).isGreaterThanOrEqualTo(2);
        assertThat(agent.snapshot().qTable().keySet().stream().filter(s -> agent.updates(s) >= SETTLED)
                .map(s -> s.split("\\|")[0]).distinct()).containsExactlyInAnyOrder("low_vol_trending",
                "low_vol_ranging");
    }

    @Test
    void v2SizesUpInTheVolatileTrendAndDownInTheQuietDecline() {
        // The v2 state has no regime; the blocks differ in realised volatility (normal in the trend, low in the
        // decline), which it has. With 56 actions and the default schedule (alpha 0.01, epsilon decaying to 0.01)
        // the same rule needed 300,000 drawn trades in SizingConvergenceTest; here alpha 0.1 and epsilon held at
        // 0.1 keep the test in seconds: each action is still tried about once per 560 trades of a state, and the
        // first size that earns anything would otherwise stay greedy for thousands of trades.
        TabularAgent.Settings d = TabularAgent.Settings.v2(42);
        TabularAgent<SizingActions> agent = TabularAgent.positionSizingV2(SizingActions.V2,
                new TabularAgent.Settings(0.1, d.gamma(), 0.1, 1.0, 0.1, d.saveEvery(), d.seed()), null);
        SizingAgentV2Sizer sizer = new SizingAgentV2Sizer(agent, new AtrPositionSizer(0.5));
        SimulationResult result = run(sizer, new EventBus(), SizingFixtures.trendsAndDeclines(3 * BLOCKS, BLOCK_BARS));
        assertThat(sizer.learned()).isEqualTo(result.trades().size());
        Map<String, double[]> table = agent.snapshot().qTable();
        int trend = 0;
        int decline = 0;
        for (String state : table.keySet()) {
            if (agent.updates(state) < SETTLED_V2) {
                continue;
            }
            String volatility = state.split("\\|")[3];
            double best = agent.space().decode(agent.greedy(state)).multiplier();
            assertThat(volatility).as("settled state %s", state).isIn("normal", "low");
            boolean inTrend = volatility.equals("normal");
            trend += inTrend ? 1 : 0;
            decline += inTrend ? 0 : 1;
            assertThat(best).as("greedy multiplier of %s (%d updates)", state, agent.updates(state))
                    .isEqualTo(inTrend ? 1.8 : 0.2);
        }
        assertThat(trend).isPositive();
        assertThat(decline).isPositive();
    }

    private static int greedy(double[] row) {
        int best = 0;
        for (int a = 1; a < row.length; a++) {
            if (row[a] > row[best]) {
                best = a;
            }
        }
        return best;
    }
}
