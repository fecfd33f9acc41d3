package dev.shadowtrainer.rl;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** A market and a trader for the sizing agents' simulator tests. */
final class SizingFixtures {
    /** ATR 0.4 % of the close on every bar: the ATR sizer (target 0.5 %) orders 0.5 / 0.4 = 1.25 x. */
    static final float ATR_REL = 0.004f;
    static final ExecutionConfig CONFIG = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 2, 0.005,
            60, 80, 8, 2, 5, 1, false, 2, 3, 0.0, 20, 0, 0);

    private SizingFixtures() {
    }

    /**
     * {@code bars} synthetic 15m bars of market {@code seed} whose only feature is the raw ATR at
     * {@link #ATR_REL}; with {@code everyRegime} the ATR/ADX regime cycles through all five in blocks of
     * 300 bars, else it is 0.
     */
    static MarketData market(long seed, int bars, boolean everyRegime) {
        CandleSeries candles = new SyntheticMarket(seed).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
                Instant.parse("2025-01-01T00:00:00Z"), bars).series();
        int n = candles.size();
        float[] raw = new float[n];
        Arrays.fill(raw, ATR_REL);
        boolean[] usable = new boolean[n];
        byte[] regimes = new byte[n];
        for (int i = 0; i < n; i++) {
            usable[i] = !candles.isFiller(i);
            regimes[i] = everyRegime ? (byte) (i / 300 % 5) : 0;
        }
        List<FeatureColumn> columns = List.of(new FeatureColumn("atr_rel_14", 0));
        return new MarketData(candles, FeatureMatrix.of(columns, raw, usable, false),
                FeatureMatrix.of(columns, new float[n], usable, true), regimes, null);
    }

    /**
     * Enters and exits at random with a confidence uniform in [{@code low}, 1); every
     * {@code nanEvery}-th entry (0 = none) reports a NaN confidence.
     */
    static final class RandomTrader implements Policy {
        private final int nanEvery;
        private final double low;
        private SplittableRandom random;
        private int entries;
        private double confidence;

        RandomTrader(int nanEvery, double low) {
            this.nanEvery = nanEvery;
            this.low = low;
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
            confidence = low + (1 - low) * random.nextDouble();
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
}
