package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The observation predict builds ({@link Observation#flatAt}) is, value for value, the one the simulator
 * hands a flat policy at the same bar, on real candles and with a preloaded trade memory.
 */
class FlatObservationTest {
    static ShadowConfig config(String source, int days) {
        return new ConfigLoader().load(null, Map.of(), Map.of("data.source", source, "data.days", "" + days,
                "data.timeframe", "15m"));
    }

    /** Random unit embeddings with random outcomes, so the memory block is not the empty one. */
    static NearestTrades.Past past(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> embeddings = new ArrayList<>();
        float[] pnl = new float[n];
        boolean[] win = new boolean[n];
        for (int i = 0; i < n; i++) {
            float[] e = new float[Embedding.DIMENSION];
            double norm = 0;
            for (int j = 0; j < e.length; j++) {
                e[j] = (float) random.nextGaussian();
                norm += e[j] * e[j];
            }
            for (int j = 0; j < e.length; j++) {
                e[j] /= (float) Math.sqrt(norm);
            }
            embeddings.add(e);
            pnl[i] = (float) random.nextGaussian();
            win[i] = pnl[i] > 0;
        }
        return new NearestTrades.Past(embeddings, pnl, win);
    }

    @Test
    void flatAtEqualsTheSimulatorsObservationOfAFlatPolicy() {
        ShadowConfig config = config("file:" + SharedData.binance2025("BTCUSDT_15m.csv"), 10);
        MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
        LoadedSeries loaded = new CandleLoader(Clock.systemUTC(), null).load(config.data(), 1,
                preparation.leadInBars());
        MarketData market = preparation.apply(loaded.series());
        int stateDim = config.training().rlAgent().stateDim();
        NearestTrades.Past past = past(40, 3);
        Simulator simulator = new Simulator(market, ExecutionConfig.from(config.training().shadowTrading(),
                loaded.series().id().timeframe()), stateDim, new EventBus(), new NearestTrades(market, 256, 10, past),
                EntryFilter.NONE, false);
        Map<Integer, float[]> seen = new TreeMap<>();
        Policy idle = new Policy() {
            @Override
            public String name() {
                return "idle";
            }

            @Override
            public Action decide(Observation observation) {
                return Action.DO_NOTHING;
            }
        };
        simulator.run(idle, loaded.windowStart(), loaded.series().size(), 10_000, 1,
                (bar, observation, action) -> seen.put(bar, observation.vectorCopy()));
        assertThat(seen).hasSizeGreaterThan(500);
        NearestTrades lookup = new NearestTrades(market, 256, 10, past);
        int checked = 0;
        for (Map.Entry<Integer, float[]> e : seen.entrySet()) {
            Observation flat = Observation.flatAt(market, lookup, stateDim, e.getKey());
            assertThat(flat.market().tradeable()).isTrue();
            assertThat(flat.vectorCopy()).as("bar %d", e.getKey()).containsExactly(e.getValue());
            checked++;
        }
        assertThat(checked).isEqualTo(seen.size());
        // the memory block is a real look-up here, not the empty one
        float[] last = seen.values().stream().reduce((a, b) -> b).orElseThrow();
        int memoryAt = market.features().featureCount() + Observation.POSITION_WIDTH;
        assertThat(last[memoryAt + 2]).isEqualTo(1f); // found share: k of k neighbours
    }

    /**
     * predict loads one day plus the lead-in (warm-up and normalisation window); training loads months. The
     * observation of the last candle is the same either way, so predict sees what training saw at that bar.
     */
    @Test
    void theLastCandlesObservationIsTheSameWithTheLeadInAsWithMonthsOfHistory() {
        float[] reference = null;
        for (int days : new int[] {85, 1, 2, 30}) {
            ShadowConfig config = config("file:" + SharedData.binance2025("BTCUSDT_15m.csv"), days);
            MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
            LoadedSeries loaded = new CandleLoader(Clock.systemUTC(), null).load(config.data(), 1,
                    preparation.leadInBars());
            MarketData market = preparation.apply(loaded.series());
            Observation o = Observation.flatAt(market, new NearestTrades(market, 256, 10, past(30, 9)),
                    config.training().rlAgent().stateDim(), market.size() - 1);
            assertThat(o.market().tradeable()).isTrue();
            if (reference == null) {
                assertThat(loaded.series().size()).isGreaterThan(8000);
                reference = o.vectorCopy();
            } else {
                assertThat(loaded.series().size()).isLessThan(8000);
                assertThat(o.vectorCopy()).as("%d days", days).containsExactly(reference);
            }
        }
    }
}
