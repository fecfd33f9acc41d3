package dev.shadowtrainer.sim;

import static dev.shadowtrainer.sim.SimFixture.config;
import static dev.shadowtrainer.sim.SimFixture.flat;
import static dev.shadowtrainer.sim.SimFixture.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowAndPostExitTest {
    /** Records what the memory is told and when, to prove shadow trades arrive at their exit bar. */
    private static final class RecordingMemory implements MemoryLookup {
        @Override
        public MemoryLookup fresh() {
            return new RecordingMemory();
        }

        int describedBar = -1;
        final List<int[]> arrivals = new ArrayList<>(); // {exit bar, bar being processed}
        int processing;

        @Override
        public int width() {
            return 1;
        }

        @Override
        public void describe(MarketView view, float[] target, int offset) {
            describedBar = view.bar();
            processing = describedBar + 1;
            target[offset] = arrivals.size();
        }

        @Override
        public void remember(Trade trade) {
        }

        @Override
        public void rememberShadow(ShadowTrades trades, int index) {
            arrivals.add(new int[] {trades.exitBar(index), processing, trades.decisionBar(index)});
        }

        @Override
        public void clear() {
            arrivals.clear();
            describedBar = -1;
            processing = 0;
        }
    }

    @Test
    void everyTradeableBarGetsAShadowTradeVisibleOnlyFromItsExitBar() {
        double[][] rows = flat(40, 100);
        rows[10] = new double[] {100, 103, 99.9, 102};
        rows[20] = new double[] {100, 100.05, 98, 99};
        MarketData data = SimFixture.market(SimFixture.candles(rows));
        RecordingMemory memory = new RecordingMemory();
        SimulationResult r = new Simulator(data, config(), 16, new EventBus(), memory, EntryFilter.NONE)
                .run(new Policy() {
                    @Override
                    public String name() {
                        return "looks-at-memory";
                    }

                    @Override
                    public Action decide(Observation o) {
                        o.vector(); // builds the memory features, which tells the recorder the bar
                        return Action.DO_NOTHING;
                    }
                }, 0, data.size(), 10_000, 1);
        ShadowTrades s = r.shadowTrades();
        // decisions at bars 0..38 (none at the last bar); each enters at the next open
        assertThat(s.size()).isEqualTo(39);
        for (int[] a : memory.arrivals) {
            assertThat(a[1]).as("shadow from bar %d told at bar %d, exit %d", a[2], a[1], a[0]).isEqualTo(a[0]);
        }
        // the one decided at bar 35 times out at the last bar's close and ends with the data
        assertThat(s.exitReason(indexOfDecision(s, 35))).isEqualTo(ExitReason.END_OF_DATA);
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.exitBar(i)).isGreaterThanOrEqualTo(s.exitBar(i - 1));
            assertThat(s.entryBar(i)).isEqualTo(s.decisionBar(i) + 1);
        }
        // the shadow decided at bar 8 enters at 9 and takes profit in bar 10
        int atBar8 = indexOfDecision(s, 8);
        assertThat(s.exitReason(atBar8)).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(s.exitBar(atBar8)).isEqualTo(10);
        // the one decided at bar 19 stops out in bar 20; the one at bar 30 times out after 4 bars
        assertThat(s.exitReason(indexOfDecision(s, 19))).isEqualTo(ExitReason.STOP_LOSS);
        int atBar30 = indexOfDecision(s, 30);
        assertThat(s.exitReason(atBar30)).isEqualTo(ExitReason.TIMEOUT);
        assertThat(s.exitBar(atBar30)).isEqualTo(35);
        assertThat(s.exitReason(indexOfDecision(s, 37))).isEqualTo(ExitReason.END_OF_DATA);
        assertThat(s.pnl(atBar8)).isCloseTo(19.30, within(1e-9));
        assertThat(s.trade(atBar8, 1.5, 0, 1).pnl()).isCloseTo(1.5 * 19.30, within(1e-9));
    }

    private static int indexOfDecision(ShadowTrades s, int bar) {
        for (int i = 0; i < s.size(); i++) {
            if (s.decisionBar(i) == bar) {
                return i;
            }
        }
        throw new AssertionError("no shadow trade decided at bar " + bar);
    }

    @Test
    void postExitPricesArriveWithTheirBarsAndNeverBefore() {
        double[][] rows = flat(40, 100);
        rows[3] = new double[] {100, 103, 99.9, 102};            // take profit at bar 3
        for (int i = 4; i < 40; i++) {
            rows[i] = new double[] {101, 101 + i * 0.01, 100.9, 101 + i * 0.005};
        }
        rows[6] = new double[] {101, 105, 100.9, 104};          // within 1h (4 bars) after the exit
        MarketData data = SimFixture.market(SimFixture.candles(rows));
        Policy p = script(1, Action.ENTER_LONG_NORMAL);

        SimulationResult early = new Simulator(data, config(), 16).run(p, 0, 7, 10_000, 1);
        assertThat(Double.isNaN(early.agentPostExit().priceAfter(0, 0))).isTrue();   // bar 7 not seen yet
        assertThat(early.agentPostExit().verdict(0)).isEqualTo(ExitVerdict.PENDING);

        SimulationResult full = new Simulator(data, config(), 16).run(p, 0, data.size(), 10_000, 1);
        PostExitTracker post = full.agentPostExit();
        assertThat(post.exitBar(0)).isEqualTo(3);
        assertThat(post.windowBars(0)).isEqualTo(4);
        assertThat(post.windowBars(1)).isEqualTo(16);
        assertThat(post.windowBars(2)).isEqualTo(96);
        assertThat(post.priceAfter(0, 0)).isEqualTo(rows[7][3]);
        assertThat(post.bestAfter(0, 0)).isEqualTo(105);
        assertThat(post.priceAfter(1, 0)).isEqualTo(rows[19][3]);
        assertThat(Double.isNaN(post.priceAfter(2, 0))).isTrue();                   // 24h never arrived
        double exit = full.trades().get(0).exitPrice();
        // 105 is 2.9% above the exit, more than one 2% target left on the table
        assertThat(post.verdict(0)).isEqualTo(ExitVerdict.TOO_EARLY);
        assertThat(post.missedProfit(0)).isCloseTo(full.trades().get(0).quantity() * (105 - exit), within(1e-9));
    }

    @Test
    void aTradeThatGaveBackAWholeTargetExitedTooLate() {
        double[][] rows = flat(40, 100);
        rows[3] = new double[] {100, 102.0, 99.95, 101.8};       // 102.0 is just under the 102.0102 target
        rows[4] = new double[] {101.8, 101.85, 99.5, 99.6};
        MarketData data = SimFixture.market(SimFixture.candles(rows));
        SimulationResult r = new Simulator(data, config(1, 100, false, 2, 0, 20, 0), 16)
                .run(script(1, Action.ENTER_LONG_NORMAL, 4, Action.EXIT), 0, data.size(), 10_000, 1);
        Trade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.AGENT_EXIT);
        assertThat(t.mfePercent()).isCloseTo(100 * (102.0 / t.entryPrice() - 1), within(1e-9));
        assertThat(r.agentPostExit().verdict(0)).isEqualTo(ExitVerdict.TOO_LATE);
    }
}
