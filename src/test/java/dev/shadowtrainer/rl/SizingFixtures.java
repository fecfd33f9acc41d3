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
     * A market whose best size depends on the regime in a known way: {@code blocks} blocks of {@code blockBars}
     * 15m bars alternate between a rising, volatile trend (one-bar returns +2.2 % and -1.7 % in turn: +0.46 % per
     * two bars, realised volatility about 2 %, ATR/ADX regime LOW_VOL_TRENDING) and a quiet decline (-0.15 % and
     * -0.35 % in turn, volatility about 0.1 %, regime LOW_VOL_RANGING). With {@link #WIDE} a long held its 8 bars
     * gains about 1.8 % in the trend and loses about 2 % in the decline, so the larger the size the better in the
     * one and the smaller the better in the other.
     */
    static MarketData trendsAndDeclines(int blocks, int blockBars) {
        int n = blocks * blockBars;
        dev.shadowtrainer.market.SeriesId id = new dev.shadowtrainer.market.SeriesId("test", Symbol.parse("BTC/USDT"),
                Timeframe.M15);
        CandleSeries.Builder b = CandleSeries.builder(id, n);
        long t = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        double close = 100;
        byte[] regimes = new byte[n];
        for (int i = 0; i < n; i++) {
            boolean trend = i / blockBars % 2 == 0;
            regimes[i] = (byte) (trend ? dev.shadowtrainer.features.AtrAdxRegime.LOW_VOL_TRENDING
                    : dev.shadowtrainer.features.AtrAdxRegime.LOW_VOL_RANGING).ordinal();
            double r = trend ? (i % 2 == 0 ? 0.022 : -0.017) : (i % 2 == 0 ? -0.0015 : -0.0035);
            double open = close;
            close = open * (1 + r);
            b.add(t + i * Timeframe.M15.millis(), open, Math.max(open, close) * 1.0005,
                    Math.min(open, close) * 0.9995, close, 1);
        }
        CandleSeries candles = b.build();
        float[] raw = new float[n];
        Arrays.fill(raw, ATR_REL);
        boolean[] usable = new boolean[n];
        Arrays.fill(usable, true);
        List<FeatureColumn> columns = List.of(new FeatureColumn("atr_rel_14", 0));
        return new MarketData(candles, FeatureMatrix.of(columns, raw, usable, false),
                FeatureMatrix.of(columns, new float[n], usable, true), regimes, null);
    }

    /** As {@link #CONFIG} but stop-loss and take-profit far away (20 %): every trade is held its 8 bars. */
    static final ExecutionConfig WIDE = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 2, 0.005,
            2000, 2000, 8, 2, 5, 1, false, 2, 3, 0.0, 20, 0, 0);

    /** Goes long with confidence 0.75 whenever flat and lets the simulator close the trade at max hold. */
    static final class AlwaysLong implements Policy {
        @Override
        public String name() {
            return "always-long";
        }

        @Override
        public void reset(long seed) {
        }

        @Override
        public Action decide(Observation o) {
            return o.inPosition() || o.orderPending() ? Action.HOLD : Action.ENTER_LONG_NORMAL;
        }

        @Override
        public double confidence() {
            return 0.75;
        }
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
