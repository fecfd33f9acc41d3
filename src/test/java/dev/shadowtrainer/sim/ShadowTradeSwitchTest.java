package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.agent.rules.RandomPolicy;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Shadow trades off (training.shadow_trading.enabled=false) removes them and nothing else. */
class ShadowTradeSwitchTest {
    private static final MarketData DATA = SimulatorRegressionTest.oneMinuteData(new SyntheticMarket(5)
            .generate(new Symbol("BTC", "USDT"), Timeframe.M1, Instant.parse("2024-03-01T00:00:00Z"), 12_000), 2);
    private static final ExecutionConfig CONFIG = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005,
            15, 20, 120, 2, 5, 1, false, 2, 3, 0.52, 20, 96, 100);

    /** Counts what the simulator hands to memory and otherwise behaves like the default statistics. */
    private static final class CountingMemory implements MemoryLookup {
        @Override
        public MemoryLookup fresh() {
            return new CountingMemory();
        }

        private final ShadowStatistics statistics = new ShadowStatistics();
        int shadows;
        int trades;

        @Override
        public int width() {
            return statistics.width();
        }

        @Override
        public void describe(MarketView view, float[] target, int offset) {
            statistics.describe(view, target, offset);
        }

        @Override
        public void remember(Trade trade) {
            trades++;
        }

        @Override
        public void rememberShadow(ShadowTrades trades, int index) {
            shadows++;
            statistics.rememberShadow(trades, index);
        }

        @Override
        public void clear() {
            statistics.clear();
        }
    }

    private static SimulationResult run(boolean shadowTrades, CountingMemory memory) {
        return new Simulator(DATA, CONFIG, 80, new EventBus(), memory, EntryFilter.NONE, shadowTrades)
                .run(new RandomPolicy(), 0, DATA.size(), 10_000, 8);
    }

    @Test
    void offRecordsNoShadowTradesAndLeavesThePolicysTradesAlone() {
        CountingMemory withMemory = new CountingMemory();
        CountingMemory withoutMemory = new CountingMemory();
        SimulationResult on = run(true, withMemory);
        SimulationResult off = run(false, withoutMemory);

        assertThat(on.shadowTrades().size()).isPositive();
        assertThat(withMemory.shadows).isEqualTo(on.shadowTrades().size());
        assertThat(off.shadowTrades().size()).isZero();
        assertThat(off.shadowPostExit().size()).isZero();
        assertThat(withoutMemory.shadows).isZero();

        // RandomPolicy ignores memory features, so its trades must not move; only the memory part of
        // the entry observation (past shadow-trade statistics) differs.
        assertThat(off.equity()).containsExactly(on.equity());
        assertThat(off.trades()).hasSameSizeAs(on.trades()).isNotEmpty();
        assertThat(withoutMemory.trades).isEqualTo(off.trades().size());
        for (int i = 0; i < on.trades().size(); i++) {
            Trade a = on.trades().get(i);
            Trade b = off.trades().get(i);
            assertThat(b).usingRecursiveComparison().ignoringFields("entryObservation").isEqualTo(a);
        }
        assertThat(off.counts()).isEqualTo(on.counts());
        assertThat(off.agentPostExit().size()).isEqualTo(on.agentPostExit().size());
        assertThat(new Simulator(DATA, CONFIG, 80).shadowTrades()).isTrue();
    }
}
