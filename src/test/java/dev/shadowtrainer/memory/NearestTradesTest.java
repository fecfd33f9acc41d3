package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.market.CandleRequest;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.FileCandleSource;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NearestTradesTest {
    private static final int STATE = 80;
    private static MarketData market;

    @BeforeAll
    static void prepare() {
        SeriesId id = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);
        CandleSeries candles = CandleSeries.of(id, new FileCandleSource(SharedData.binance2025("BTCUSDT_15m.csv"))
                .load(new CandleRequest(id, 1))).slice(0, 3_000);
        market = new MarketPreparation(500).apply(candles);
    }

    private static ExecutionConfig execution() {
        return new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 100, 200, 8, 0, 0,
                0, false, 2, 3, 0.0, 20, 0, 0);
    }

    /** The memory block of the observation at each bar of [from, to), by bar. */
    private static Map<Integer, float[]> memoryBlocks(NearestTrades memory, boolean shadowTrades, int from, int to) {
        Map<Integer, float[]> blocks = new HashMap<>();
        int offset = market.features().featureCount() + Observation.POSITION_WIDTH;
        Policy reader = new Policy() {
            @Override
            public String name() {
                return "reader";
            }

            @Override
            public Action decide(Observation o) {
                float[] v = o.vector();
                blocks.put(o.market().bar(), java.util.Arrays.copyOfRange(v, offset, offset + NearestTrades.WIDTH));
                return Action.DO_NOTHING;
            }
        };
        new Simulator(market, execution(), STATE, new EventBus(), memory, EntryFilter.NONE, shadowTrades)
                .run(reader, from, to, 10_000, 1);
        return blocks;
    }

    @Test
    void aLookUpGivesTheWinRateMeanPnlShareFoundAndMeanSimilarityOfTheKNearestPastTrades() {
        // Three past trades whose entries were the set-ups of bars 1000, 1400 and 2200.
        int[] bars = {1000, 1400, 2200};
        float[] pnl = {2.0f, -1.0f, 0.5f};
        boolean[] win = {true, false, true};
        List<float[]> embeddings = new ArrayList<>();
        for (int b : bars) {
            embeddings.add(Embedding.of(market, b));
        }
        NearestTrades memory = new NearestTrades(market, 8, 2, new NearestTrades.Past(embeddings, pnl, win));
        Map<Integer, float[]> blocks = memoryBlocks(memory, false, 1000, 1002);

        // At bar 1000 the nearest is the trade entered on bar 1000 itself (similarity 1), then whichever of
        // the other two is closer to it.
        double to1400 = Vectors.cosine(embeddings.get(0), embeddings.get(1));
        double to2200 = Vectors.cosine(embeddings.get(0), embeddings.get(2));
        int second = to1400 > to2200 ? 1 : 2;
        float[] m = blocks.get(1000);
        assertThat(m[0]).as("win rate").isEqualTo(win[second] ? 1f : 0.5f);
        assertThat(m[1]).as("mean pnl %").isCloseTo((pnl[0] + pnl[second]) / 2, within(1e-6f));
        assertThat(m[2]).as("found / k").isEqualTo(1f);
        assertThat((double) m[3]).as("mean similarity").isCloseTo((1 + Math.max(to1400, to2200)) / 2, within(1e-5));
    }

    @Test
    void theBlockedScanGivesBitForBitTheSimilaritiesOfOnePassPerDimension() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        int d = Embedding.DIMENSION;
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            float[][] columns = new float[d][n];
            for (float[] column : columns) {
                for (int s = 0; s < n; s++) {
                    column[s] = (float) random.nextGaussian() * (random.nextInt(4) == 0 ? 1e-3f : 1f);
                }
            }
            int used = 1 + random.nextInt(d); // every count of non-zero dimensions, so every remainder of 4
            int[] dimension = random.ints(0, d).distinct().limit(used).sorted().toArray();
            float[] weight = new float[d];
            for (int i = 0; i < used; i++) {
                weight[i] = (float) random.nextGaussian();
            }
            float[] blocked = new float[n];
            NearestTrades.similarities(columns, weight, dimension, used, n, blocked);
            // the scan before blocking: one pass per dimension, the first assigning
            float[] reference = new float[n];
            for (int i = 0; i < used; i++) {
                for (int s = 0; s < n; s++) {
                    float product = weight[i] * columns[dimension[i]][s];
                    reference[s] = i == 0 ? product : reference[s] + product;
                }
            }
            for (int s = 0; s < n; s++) {
                assertThat(Float.floatToRawIntBits(blocked[s])).as("round %d slot %d", round, s)
                        .isEqualTo(Float.floatToRawIntBits(reference[s]));
            }
        }
    }

    @Test
    void anEmptyIndexSaysSoAndAFullOneKeepsOnlyTheLatestTrades() {
        NearestTrades empty = new NearestTrades(market, 8, 3, NearestTrades.Past.NONE);
        assertThat(memoryBlocks(empty, false, 1000, 1002).get(1000)).containsExactly(0.5f, 0f, 0f, 0f);

        List<float[]> embeddings = new ArrayList<>();
        float[] pnl = new float[5];
        boolean[] win = new boolean[5];
        for (int i = 0; i < 5; i++) {
            embeddings.add(Embedding.of(market, 1000 + 100 * i));
            pnl[i] = i; // the oldest two (pnl 0 and 1) do not fit a capacity of 3
            win[i] = i > 0;
        }
        NearestTrades full = new NearestTrades(market, 3, 3, new NearestTrades.Past(embeddings, pnl, win));
        assertThat(full.size()).isEqualTo(3);
        float[] m = memoryBlocks(full, false, 1000, 1002).get(1000);
        assertThat(m[0]).isEqualTo(1f);
        assertThat(m[1]).isCloseTo((2f + 3f + 4f) / 3, within(1e-6f));
    }

    @Test
    void tradesArriveAtTheirExitsAndEachRunStartsAgainFromThePreloadedPast() {
        NearestTrades memory = new NearestTrades(market, 64, 5, NearestTrades.Past.NONE);
        Map<Integer, float[]> first = memoryBlocks(memory, true, 1000, 1601);
        assertThat(first.get(1000)).as("nothing resolved before the first bar").containsExactly(0.5f, 0f, 0f, 0f);
        assertThat(first.get(1599)[2]).as("shadow trades fed in as they resolved").isEqualTo(1f);
        assertThat(memory.size()).isEqualTo(64);
        // The next run clears what the first one fed in: the same bars give the same values.
        Map<Integer, float[]> second = memoryBlocks(memory, true, 1000, 1601);
        for (int bar = 1000; bar < 1600; bar++) {
            assertThat(second.get(bar)).as("bar %d", bar).containsExactly(first.get(bar));
        }
        // A fresh look-up of the same kind gives the same values too, sharing nothing with this one.
        NearestTrades fresh = (NearestTrades) memory.fresh();
        assertThat(fresh.size()).isZero();
        assertThat(memoryBlocks(fresh, true, 1000, 1601).get(1599)).containsExactly(first.get(1599));
    }

    @Test
    void theFeaturesAreNamedForTheObservationSpec() {
        NearestTrades memory = new NearestTrades(market, 8, 2, NearestTrades.Past.NONE);
        assertThat(memory.width()).isEqualTo(4);
        assertThat(List.of(memory.slotName(0), memory.slotName(1), memory.slotName(2), memory.slotName(3)))
                .containsExactly("knn_win_rate", "knn_mean_pnl_percent", "knn_found_share", "knn_mean_similarity");
    }
}
