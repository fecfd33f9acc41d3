package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleRequest;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.FileCandleSource;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.pipeline.GarbageFuture;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    private static final SeriesId ID = new SeriesId("synthetic", Symbol.parse("BTC/USDT"), Timeframe.M15);

    /** Two bars with three features: ordinary values, then NaN, +infinity and one beyond the clip. */
    private static MarketData tiny() {
        CandleSeries.Builder b = CandleSeries.builder(ID, 2);
        b.add(0, 100, 101, 99, 100, 1);
        b.add(ID.timeframe().millis(), 100, 101, 99, 100, 1);
        float[] values = {0.5f, -1.25f, 2f, Float.NaN, Float.POSITIVE_INFINITY, -7.5f};
        FeatureMatrix f = FeatureMatrix.of(List.of(new FeatureColumn("a", 0), new FeatureColumn("b", 0),
                new FeatureColumn("c", 0)), values, new boolean[] {true, true}, true);
        return new MarketData(b.build(), f, f, new byte[] {2, 4}, null);
    }

    @Test
    void featuresFirstThenTheRegimeOneHot() {
        float[] e = Embedding.of(tiny(), 0);
        assertThat(e).hasSize(Embedding.DIMENSION);
        assertThat(e[0]).isEqualTo(0.5f);
        assertThat(e[1]).isEqualTo(-1.25f);
        assertThat(e[2]).isEqualTo(2f);
        for (int i = 3; i < Embedding.FEATURE_SLOTS; i++) {
            assertThat(e[i]).as("slot %d", i).isZero();
        }
        assertThat(e[Embedding.FEATURE_SLOTS + 2]).isEqualTo(1f);
        float sum = 0;
        for (int i = Embedding.FEATURE_SLOTS; i < Embedding.DIMENSION; i++) {
            sum += e[i];
        }
        assertThat(sum).isEqualTo(1f);
    }

    @Test
    void nonFiniteValuesBecomeZeroAndLargeOnesAreClipped() {
        float[] e = Embedding.of(tiny(), 1);
        assertThat(e[0]).isZero();
        assertThat(e[1]).isZero();
        assertThat(e[2]).isEqualTo(-Embedding.CLIP);
        assertThat(e[Embedding.FEATURE_SLOTS + 4]).isEqualTo(1f);
        for (float v : e) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void onRealCandlesAnEmbeddingNeverDependsOnLaterBars() {
        SeriesId id = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);
        CandleSeries candles = CandleSeries.of(id, new FileCandleSource(SharedData.binance2025("BTCUSDT_15m.csv"))
                .load(new CandleRequest(id, 1)));
        MarketPreparation preparation = new MarketPreparation(500);
        MarketData full = preparation.apply(candles);
        for (int cut : new int[] {700, 2_000, 5_555}) {
            MarketData garbage = preparation.apply(GarbageFuture.after(candles, cut, 17));
            for (int bar : new int[] {cut - 1, cut}) {
                assertThat(Embedding.of(garbage, bar)).as("bar %d with garbage after %d", bar, cut)
                        .containsExactly(Embedding.of(full, bar));
            }
            assertThat(Embedding.of(full, cut)).as("the embedding is not constant").isNotEqualTo(
                    Embedding.of(full, cut - 500));
        }
    }

    @Test
    void theViewAtADecisionBarGivesTheSameFloatsAsTheMarketAtThatBar() {
        SeriesId id = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);
        CandleSeries candles = CandleSeries.of(id, new FileCandleSource(SharedData.binance2025("BTCUSDT_15m.csv"))
                .load(new CandleRequest(id, 1)));
        MarketData market = new MarketPreparation(500).apply(candles);
        float[] fromView = new float[Embedding.DIMENSION];
        int[] compared = {0};
        Policy checker = new Policy() {
            @Override
            public String name() {
                return "checker";
            }

            @Override
            public Action decide(Observation observation) {
                Embedding.into(observation.market(), fromView);
                assertThat(fromView).as("bar %d", observation.market().bar())
                        .containsExactly(Embedding.of(market, observation.market().bar()));
                compared[0]++;
                return Action.DO_NOTHING;
            }
        };
        new Simulator(market, new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 100, 200, 8, 0, 0,
                0, false, 2, 3, 0.0, 20, 0, 0), 80).run(checker, 600, 900, 10_000, 1);
        assertThat(compared[0]).isGreaterThanOrEqualTo(299);
    }
}
