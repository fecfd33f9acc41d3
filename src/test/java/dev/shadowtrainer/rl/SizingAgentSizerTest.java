package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;

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

class SizingAgentSizerTest {
    /** ATR 0.4 % of the close on every bar: the ATR sizer (target 0.5 %) orders 1.25 x. */
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
            confidence = 0.5 + 0.5 * random.nextDouble();
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
        byte[] regimes = new byte[n];
        for (int i = 0; i < n; i++) {
            usable[i] = !candles.isFiller(i);
            regimes[i] = (byte) (i / 300 % 5); // every regime, in blocks of 300 bars
        }
        List<FeatureColumn> columns = List.of(new FeatureColumn("atr_rel_14", 0));
        return new MarketData(candles, FeatureMatrix.of(columns, raw, usable, false),
                FeatureMatrix.of(columns, new float[n], usable, true), regimes, null);
    }

    private record Outcome(SimulationResult result, SizingAgentSizer sizer) {
    }

    private static Outcome run(int nanEvery, long seed) {
        MarketData data = market();
        EventBus bus = new EventBus();
        SizingAgentSizer sizer = new SizingAgentSizer(
                new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(seed)), new AtrPositionSizer(0.5))
                .subscribeTo(bus);
        Simulator sim = new Simulator(data, CONFIG, 16, bus, new ShadowStatistics(), EntryFilter.NONE, false, sizer);
        SimulationResult r = sim.run(new RandomTrader(nanEvery), 0, data.size(), 10_000, seed);
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
