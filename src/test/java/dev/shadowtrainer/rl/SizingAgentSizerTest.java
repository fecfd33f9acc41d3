package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;

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

class SizingAgentSizerTest {
    private record Outcome(SimulationResult result, SizingAgentSizer sizer) {
    }

    private static Outcome run(int nanEvery, long seed) {
        MarketData data = SizingFixtures.market(5, 1500, true);
        EventBus bus = new EventBus();
        SizingAgentSizer sizer = new SizingAgentSizer(
                new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(seed)), new AtrPositionSizer(0.5))
                .subscribeTo(bus);
        Simulator sim = new Simulator(data, SizingFixtures.CONFIG, 16, bus, new ShadowStatistics(), EntryFilter.NONE, false, sizer);
        SimulationResult r = sim.run(new SizingFixtures.RandomTrader(nanEvery, 0.5), 0, data.size(), 10_000, seed);
        return new Outcome(r, sizer);
    }

    @Test
    void learnsOncePerClosedTradeItSizedWithTheChosenMultiplierAndLeverage() {
        Outcome o = run(0, 3);
        List<Trade> trades = o.result().trades();
        assertThat(trades).hasSizeGreaterThan(30);
        assertThat(o.sizer().fallbacks()).isZero();
        // every trade was sized by the agent, so it learned from each one exactly once
        assertThat(o.sizer().learned()).isEqualTo(trades.size());
        assertThat(o.sizer().agent().stats().updates()).isEqualTo(trades.size());
        // orders that never filled were sized too, but never close
        assertThat(o.sizer().entriesSized()).isGreaterThanOrEqualTo(trades.size());
        for (Trade t : trades) {
            assertThat(t.sizeMultiplier()).isIn(0.3, 0.5, 0.7, 1.0, 1.5);
            assertThat(t.leverage()).isIn(1.0, 2.0, 3.0, 4.0, 5.0);
        }
        // the trades' states span the five real regimes of the bars
        assertThat(o.sizer().agent().snapshot().qTable().keySet().stream().map(k -> k.split("\\|")[0]).distinct())
                .hasSize(5);
        // same seed, same trades
        Outcome again = run(0, 3);
        assertThat(pnls(again.result().trades())).containsExactlyElementsOf(pnls(trades));
    }

    @Test
    void aFailingAgentFallsBackToAtrSizingAndIsCounted() {
        Outcome o = run(3, 4);
        List<Trade> trades = o.result().trades();
        assertThat(o.sizer().fallbacks()).isPositive();
        assertThat(o.sizer().lastFailure()).contains("confidence");
        // fallback trades: ATR sizing 0.5 / 0.4 = 1.25 x at the configured leverage 2 (not in the agent's grid)
        long atrSized = trades.stream().filter(t -> Math.abs(t.sizeMultiplier() - 1.25) < 1e-6).count();
        assertThat(atrSized).isPositive();
        trades.stream().filter(t -> Math.abs(t.sizeMultiplier() - 1.25) < 1e-6).forEach(t -> assertThat(t.leverage()).isEqualTo(2));
        // only the agent's own trades teach it
        assertThat(o.sizer().agent().stats().updates()).isEqualTo(trades.size() - atrSized);
        assertThat(o.sizer().learned()).isEqualTo((int) (trades.size() - atrSized));
    }

    private static List<Double> pnls(List<Trade> trades) {
        List<Double> out = new ArrayList<>();
        trades.forEach(t -> out.add(t.pnl()));
        return out;
    }
}
