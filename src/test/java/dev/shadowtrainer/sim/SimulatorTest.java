package dev.shadowtrainer.sim;

import static dev.shadowtrainer.sim.SimFixture.config;
import static dev.shadowtrainer.sim.SimFixture.flat;
import static dev.shadowtrainer.sim.SimFixture.run;
import static dev.shadowtrainer.sim.SimFixture.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fills, exits, fees and counters on hand-built price paths; expected values worked out in comments. */
class SimulatorTest {
    private static final double ENTRY = 100 * 1.0001;           // open 100 plus 1 bp slippage
    private static final double QTY = 1000 / ENTRY;
    private static final double TARGET = ENTRY * 1.02;          // 200 bps
    private static final double STOP = ENTRY * 0.99;            // 100 bps

    private static MarketData market(double[][] rows, int... fillers) {
        return SimFixture.market(SimFixture.candles(rows, fillers));
    }

    @Test
    void marketEntryFillsAtNextOpenAndTakeProfitFillsAtTargetAsMaker() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {100, 103, 99.9, 102.5};
        SimulationResult r = run(market(rows), config(), script(1, Action.ENTER_LONG_NORMAL));
        assertThat(r.trades()).hasSize(1);
        Trade t = r.trades().get(0);
        assertThat(t.entryBar()).isEqualTo(2);
        assertThat(t.entryPrice()).isCloseTo(ENTRY, within(1e-9));
        assertThat(t.exitBar()).isEqualTo(3);
        assertThat(t.exitReason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(t.exitPrice()).isCloseTo(TARGET, within(1e-9));
        // taker 5 bps on entry (0.50) + maker 2 bps on exit (0.20); gross = 1000 x 2% = 20
        assertThat(t.fees()).isCloseTo(0.70, within(1e-9));
        assertThat(t.pnl()).isCloseTo(19.30, within(1e-9));
        assertThat(t.pnlPercent()).isCloseTo(1.93, within(1e-9));
        assertThat(r.finalEquity()).isCloseTo(10_019.30, within(1e-9));
        assertThat(r.feesPaid()).isCloseTo(0.70, within(1e-9));
    }

    @Test
    void stopLossFillsAtStopMinusSlippageAsTaker() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {100, 100.05, 98, 98.5};
        Trade t = run(market(rows), config(), script(1, Action.ENTER_LONG_NORMAL)).trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(t.exitPrice()).isCloseTo(STOP * 0.9999, within(1e-9));
        // 1000 x (0.99 x 0.9999 - 1) = -10.099, fees 0.50 + 0.50
        assertThat(t.pnl()).isCloseTo(-11.099, within(1e-9));
        assertThat(t.maePercent()).isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void gapDownOpenBelowTheStopFillsAtTheOpen() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {97, 97.5, 96.5, 97};
        Trade t = run(market(rows), config(), script(1, Action.ENTER_LONG_NORMAL)).trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(t.exitPrice()).isCloseTo(97 * 0.9999, within(1e-9));
    }

    @Test
    void timeoutExitsAtTheOpenAfterMaxHoldBars() {
        Trade t = run(market(flat(12, 100)), config(), script(1, Action.ENTER_LONG_NORMAL)).trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.TIMEOUT);
        assertThat(t.entryBar()).isEqualTo(2);
        assertThat(t.exitBar()).isEqualTo(6);                          // 4 bars = 60 minutes later
        assertThat(t.durationMillis()).isEqualTo(4 * SimFixture.STEP);
        assertThat(t.exitPrice()).isCloseTo(100 * 0.9999, within(1e-9));
    }

    @Test
    void agentExitFillsAtTheNextOpen() {
        double[][] rows = flat(12, 100);
        rows[4] = new double[] {101, 101.1, 100.9, 101};
        Trade t = run(market(rows), config(), script(1, Action.ENTER_LONG_LARGE, 3, Action.EXIT)).trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.AGENT_EXIT);
        assertThat(t.exitBar()).isEqualTo(4);
        assertThat(t.exitPrice()).isCloseTo(101 * 0.9999, within(1e-9));
        assertThat(t.notional()).isEqualTo(1500);
        assertThat(t.sizeMultiplier()).isEqualTo(1.5);
    }

    @Test
    void positionStillOpenAtTheEndClosesAtTheLastClose() {
        SimulationResult r = run(market(flat(5, 100)), config(), script(1, Action.ENTER_LONG_SMALL));
        Trade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.END_OF_DATA);
        assertThat(t.exitBar()).isEqualTo(4);
        assertThat(t.exitTime()).isEqualTo(SimFixture.T0 + 5 * SimFixture.STEP);
        assertThat(t.exitPrice()).isCloseTo(100 * 0.9999, within(1e-9));
    }

    @Test
    void leveragedPositionIsLiquidatedAndLosesItsMargin() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {100, 100.05, 89, 90};
        // leverage 10: margin 100; maintenance 0.5% of 1000 = 5; liquidation when the loss reaches 95
        ExecutionConfig c = config(10, 2000, false, 2, 0, 20, 0);
        SimulationResult r = run(market(rows), c, script(1, Action.ENTER_LONG_NORMAL));
        Trade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.LIQUIDATION);
        assertThat(t.exitPrice()).isCloseTo(ENTRY - 95 / QTY, within(1e-9));
        assertThat(t.pnl()).isCloseTo(-100.5, within(1e-9));             // the margin and the entry fee
        assertThat(t.fees()).isCloseTo(0.5 + 5, within(1e-9));           // maintenance margin counted as a fee
        assertThat(r.counts().liquidations()).isEqualTo(1);
        assertThat(r.finalEquity()).isCloseTo(10_000 - 100.5, within(1e-9));
    }

    @Test
    void leverageOneIsNeverLiquidated() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {100, 100.05, 10, 12};
        Trade t = run(market(rows), config(1, 9000, false, 2, 0, 20, 0), script(1, Action.ENTER_LONG_NORMAL))
                .trades().get(0);
        assertThat(t.exitReason()).isNotEqualTo(ExitReason.LIQUIDATION);
    }

    @Test
    void stopAndTargetInOneBarAssumeTheStopWithoutLowerTimeframe() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {100, 103, 98, 100};
        SimulationResult r = run(market(rows), config(), script(1, Action.ENTER_LONG_NORMAL));
        assertThat(r.trades().get(0).exitReason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(r.counts().ambiguousBars()).isEqualTo(1);
        assertThat(r.counts().resolvedByLowerTimeframe()).isZero();
    }

    @Test
    void stopAndTargetInOneBarAreResolvedByLowerTimeframeCandles() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {100, 103, 98, 100};
        SeriesId minuteId = new SeriesId("test", SimFixture.ID.symbol(), Timeframe.M1);
        CandleSeries.Builder minutes = CandleSeries.builder(minuteId, 15);
        long start = SimFixture.T0 + 3 * SimFixture.STEP;
        minutes.add(start, 100, 102.5, 100, 102, 1);            // target first
        for (int m = 1; m < 15; m++) {
            minutes.add(start + m * 60_000L, 100, 100.5, 98, 100, 1);
        }
        MarketData data = market(rows).withLowerTimeframe(minutes.build());
        SimulationResult r = run(data, config(), script(1, Action.ENTER_LONG_NORMAL));
        assertThat(r.trades().get(0).exitReason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(r.counts().ambiguousBars()).isEqualTo(1);
        assertThat(r.counts().resolvedByLowerTimeframe()).isEqualTo(1);
    }

    @Test
    void makerEntryThatIsNeverTradedThroughExpiresUnfilled() {
        // limit = close 100 x (1 - 2 bps) = 99.98; the flat bars' lows are 99.99
        SimulationResult r = run(market(flat(10, 100)), config(1, 100, true, 2, 0, 20, 0),
                script(1, Action.ENTER_LONG_NORMAL));
        assertThat(r.trades()).isEmpty();
        assertThat(r.counts().makerExpired()).isEqualTo(1);
        assertThat(r.finalEquity()).isEqualTo(10_000);
    }

    @Test
    void makerEntryFillsAtTheLimitWithARebateAndTheTargetWaitsForTheNextBar() {
        double[][] rows = flat(10, 100);
        rows[2] = new double[] {100, 103, 99.5, 100};           // trades through 99.98; target inside too
        rows[3] = new double[] {100, 103, 99.9, 102};
        SimulationResult r = run(market(rows), config(1, 100, true, -1, 0, 20, 0), script(1, Action.ENTER_LONG_NORMAL));
        Trade t = r.trades().get(0);
        double limit = 100 * (1 - 0.0002);
        assertThat(t.entryPrice()).isCloseTo(limit, within(1e-9));
        assertThat(t.entryBar()).isEqualTo(2);
        assertThat(t.exitBar()).isEqualTo(3);
        assertThat(t.exitReason()).isEqualTo(ExitReason.TAKE_PROFIT);
        // maker rebate of 1 bp on both legs: fees -0.10 - 0.10; gross 1000 x 2% = 20
        assertThat(t.fees()).isCloseTo(-0.2, within(1e-9));
        assertThat(t.pnl()).isCloseTo(20.2, within(1e-9));
    }

    @Test
    void nothingFillsOnGapFillerBarsAndNoDecisionIsTakenThere() {
        double[][] rows = flat(12, 100);
        rows[4] = new double[] {101, 101.1, 100.9, 101};
        List<Integer> decided = new ArrayList<>();
        Policy p = new Policy() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public Action decide(Observation o) {
                decided.add(o.market().bar());
                return o.market().bar() == 1 ? Action.ENTER_LONG_NORMAL : Action.DO_NOTHING;
            }
        };
        SimulationResult r = run(market(rows, 2, 3), config(), p);
        assertThat(decided).doesNotContain(2, 3);
        Trade t = r.trades().get(0);
        assertThat(t.entryBar()).isEqualTo(4);
        assertThat(t.entryPrice()).isCloseTo(101 * 1.0001, within(1e-9));
    }

    @Test
    void actionsThatMakeNoSenseAreCountedAndIgnored() {
        SimulationResult r = run(market(flat(12, 100)), config(), script(
                0, Action.HOLD,                 // flat: invalid
                1, Action.EXIT,                 // flat: invalid
                2, Action.ENTER_LONG_NORMAL,
                3, Action.ENTER_LONG_NORMAL,    // order pending: invalid
                4, Action.ENTER_LONG_SMALL));   // in position: invalid
        assertThat(r.counts().invalidActions()).isEqualTo(4);
        assertThat(r.trades()).hasSize(1);
    }

    @Test
    void lowConfidenceEntriesAreSkipped() {
        Policy unsure = new Policy() {
            @Override
            public String name() {
                return "unsure";
            }

            @Override
            public Action decide(Observation o) {
                return o.inPosition() ? Action.HOLD : Action.ENTER_LONG_NORMAL;
            }

            @Override
            public double confidence() {
                return 0.4;
            }
        };
        SimulationResult r = run(market(flat(8, 100)), config(), unsure);
        assertThat(r.trades()).isEmpty();
        assertThat(r.counts().lowConfidenceSkips()).isEqualTo(7);
    }

    @Test
    void trailingWinRateBelowHalfPausesEntriesForTheCooldown() {
        double[][] rows = flat(40, 100);
        rows[3] = new double[] {100, 100.05, 98, 99};
        rows[7] = new double[] {100, 100.05, 98, 99};
        ExecutionConfig c = config(1, 100, false, 2, 10, 2, 0);
        SimulationResult r = run(market(rows), c, script(1, Action.ENTER_LONG_NORMAL, 5, Action.ENTER_LONG_NORMAL,
                9, Action.ENTER_LONG_NORMAL, 20, Action.ENTER_LONG_NORMAL));
        assertThat(r.counts().winRateTrips()).isEqualTo(1);
        assertThat(r.counts().breakerBlockedEntries()).isEqualTo(1);      // bar 9, paused until bar 17
        assertThat(r.trades()).extracting(Trade::entryBar).containsExactly(2, 6, 21);
    }

    @Test
    void dailyLossLimitClosesThePositionAndBlocksEntriesForTheDay() {
        double[][] rows = flat(12, 100);
        rows[3] = new double[] {100, 100.01, 99.2, 99.3};       // unrealised -7.1 plus the 0.5 fee: -7.6 today
        ExecutionConfig c = config(1, 100, false, 2, 0, 20, 5);
        SimulationResult r = run(market(rows), c, script(1, Action.ENTER_LONG_NORMAL, 5, Action.ENTER_LONG_NORMAL));
        assertThat(r.counts().dailyLossTrips()).isEqualTo(1);
        assertThat(r.trades()).hasSize(1);
        assertThat(r.trades().get(0).exitReason()).isEqualTo(ExitReason.CIRCUIT_BREAKER);
        assertThat(r.trades().get(0).exitBar()).isEqualTo(4);
        assertThat(r.counts().breakerBlockedEntries()).isEqualTo(1);
    }

    @Test
    void entryFilterVetoesEntries() {
        MarketData data = market(flat(10, 100));
        SimulationResult r = new Simulator(data, config(), 16, new EventBus(), new ShadowStatistics(), o -> true)
                .run(script(1, Action.ENTER_LONG_NORMAL, 4, Action.ENTER_LONG_NORMAL), 0, data.size(), 10_000, 1);
        assertThat(r.trades()).isEmpty();
        assertThat(r.counts().filterBlockedEntries()).isEqualTo(2);
    }

    @Test
    void eventsArePublishedInOrderWithTheTradesTraceId() {
        double[][] rows = flat(10, 100);
        rows[3] = new double[] {100, 103, 99.9, 102.5};
        MarketData data = market(rows);
        EventBus bus = new EventBus();
        List<String> seen = new ArrayList<>();
        bus.subscribe(EventBus.Topic.SIGNAL_GENERATED, e -> seen.add("signal " + e.traceId() + " @" + e.bar()));
        bus.subscribe(EventBus.Topic.TRADE_EXECUTED, e -> seen.add((e.entry() ? "buy " : "sell ") + e.traceId() + " @" + e.bar()));
        bus.subscribe(EventBus.Topic.POSITION_CLOSED, e -> seen.add("closed " + e.traceId() + " " + e.trade().exitReason()));
        new Simulator(data, config(), 16, bus, new ShadowStatistics(), EntryFilter.NONE)
                .run(script(1, Action.ENTER_LONG_NORMAL), 0, data.size(), 10_000, 1);
        assertThat(seen).containsExactly("signal 1 @1", "buy 1 @2", "sell 1 @3", "closed 1 TAKE_PROFIT");
    }

    @Test
    void equityOnlyMovesWhileAPositionIsOpen() {
        double[][] rows = flat(12, 100);
        rows[4] = new double[] {100, 100.5, 99.8, 100.4};
        rows[8] = new double[] {90, 91, 89, 90};                 // flat again: must not move equity
        SimulationResult r = run(market(rows), config(), script(1, Action.ENTER_LONG_NORMAL, 4, Action.EXIT));
        double[] e = r.equity();
        assertThat(e[0]).isEqualTo(10_000);
        assertThat(e[1]).isEqualTo(10_000);
        assertThat(e[2]).isCloseTo(10_000 - 0.5 + QTY * (100 - ENTRY), within(1e-9));
        for (int t = 6; t < e.length; t++) {
            assertThat(e[t]).isEqualTo(e[5]);
        }
    }
}
