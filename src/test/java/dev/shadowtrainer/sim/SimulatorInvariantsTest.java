package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Properties that must hold for any sequence of actions, checked on seeded random ones. */
class SimulatorInvariantsTest {
    /** Any of the six actions, uniformly, including the ones that make no sense. */
    private static final class AnyAction implements Policy {
        private SplittableRandom random;

        @Override
        public String name() {
            return "any-action";
        }

        @Override
        public void reset(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public Action decide(Observation observation) {
            return Action.ofOrdinal(random.nextInt(Action.count()));
        }
    }

    @ParameterizedTest(name = "seed {0}, leverage {1}, maker entries {2}")
    @CsvSource({"1, 1, false", "2, 3, false", "3, 20, false", "4, 1, true", "5, 5, true"})
    void cashPlusPositionPlusFeesIsConservedAndEquityMovesOnlyWithAPosition(long seed, double leverage, boolean maker) {
        CandleSeries candles = new SyntheticMarket(seed).generate(SimFixture.ID.symbol(), Timeframe.M15,
                Instant.parse("2025-01-01T00:00:00Z"), 3000).series();
        MarketData data = SimFixture.market(candles);
        ExecutionConfig c = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, leverage, 0.005, 30, 40, 8, -0.5, 5,
                2, maker, 2, 3, 0.5, 5, 20, 50);
        EventBus bus = new EventBus();
        Map<Long, Integer> signalBar = new HashMap<>();
        bus.subscribe(EventBus.Topic.SIGNAL_GENERATED, e -> {
            if (e.action().isEntry()) {
                signalBar.put(e.traceId(), e.bar());
            }
        });
        SimulationResult r = new Simulator(data, c, 16, bus, new ShadowStatistics(), EntryFilter.NONE)
                .run(new AnyAction(), 0, data.size(), 10_000, seed);
        List<Trade> trades = r.trades();
        assertThat(trades).isNotEmpty();
        assertThat(r.counts().invalidActions()).isPositive();

        double realised = 0;
        double fees = 0;
        for (Trade t : trades) {
            assertThat(t.exitBar()).isGreaterThanOrEqualTo(t.entryBar());
            assertThat(t.entryBar()).as("fills after the decision").isGreaterThan(signalBar.get(t.traceId()));
            // net pnl = price move on the quantity minus both fees (a liquidation's lost maintenance counts as fee)
            assertThat(t.pnl()).isCloseTo(t.quantity() * (t.exitPrice() - t.entryPrice()) - t.fees(), within(1e-7));
            realised += t.pnl();
            fees += t.fees();
        }
        assertThat(r.finalEquity()).isCloseTo(10_000 + realised, within(1e-6));
        assertThat(r.feesPaid()).isCloseTo(fees, within(1e-6));

        // Equity at every close = initial + closed pnl + open position's price move - its entry fee.
        double[] equity = r.equity();
        for (int bar = 0; bar < equity.length; bar++) {
            double expected = 10_000;
            boolean touched = false;
            for (Trade t : trades) {
                touched |= t.entryBar() <= bar && t.exitBar() >= bar;
                if (t.exitBar() <= bar) {
                    expected += t.pnl();
                } else if (t.entryBar() <= bar) {
                    expected += t.quantity() * (candles.close(bar) - t.entryPrice()) - entryFee(c, t);
                }
            }
            assertThat(equity[bar]).as("equity at bar %d", bar).isCloseTo(expected, within(1e-6));
            if (bar > 0 && !touched) {
                assertThat(equity[bar]).as("no position at bar %d", bar).isEqualTo(equity[bar - 1]);
            }
        }
    }

    private static double feeBps(ExecutionConfig c, Trade t) {
        return c.makerEntry() ? c.makerFeeBps() : c.takerFeeBps();
    }

    private static double entryFee(ExecutionConfig c, Trade t) {
        return t.notional() * feeBps(c, t) / 10_000;
    }
}
