package dev.shadowtrainer.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.market.CandleRequest;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.FileCandleSource;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.Vectors;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The blacklist as the simulator's entry filter, on real BTC/USDT 15m candles. */
class PatternBlacklistTest {
    private static final ExecutionConfig EXECUTION = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1,
            0.005, 100, 200, 8, 0, 0, 0, false, 2, 3, 0.0, 20, 0, 0);
    private static final double THRESHOLD = 0.7;
    private static final int FROM = 600;
    private static final int TO = 2_600;

    private static MarketData market;

    @BeforeAll
    static void load() {
        SeriesId id = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);
        CandleSeries candles = CandleSeries.of(id, new FileCandleSource(SharedData.binance2025("BTCUSDT_15m.csv"))
                .load(new CandleRequest(id, 1)));
        market = new MarketPreparation(500).apply(candles);
    }

    /** Enters whenever it is flat, and notes the bars at which it tried. */
    private static final class AlwaysEnter implements Policy {
        final List<Integer> attempts = new ArrayList<>();

        @Override
        public String name() {
            return "always-enter";
        }

        @Override
        public Action decide(Observation o) {
            if (o.inPosition() || o.orderPending()) {
                return Action.DO_NOTHING;
            }
            attempts.add(o.market().bar());
            return Action.ENTER_LONG_NORMAL;
        }
    }

    /** Two patterns centred on the set-ups of bars 900 and 2000; the first one with the given status. */
    private static PatternLibrary library(PatternStatus first) {
        return new PatternLibrary("BTC/USDT", Samples.T0, Embedding.VERSION, List.of(
                PatternStatisticsTest.pattern(0, unit(Embedding.of(market, 900)), first),
                PatternStatisticsTest.pattern(1, unit(Embedding.of(market, 2_000)), PatternStatus.ACTIVE)));
    }

    private static float[] unit(float[] e) {
        double norm = 0;
        for (float v : e) {
            norm += v * v;
        }
        float[] u = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            u[i] = (float) (e[i] / Math.sqrt(norm));
        }
        return u;
    }

    private static SimulationResult run(PatternLibrary library, AlwaysEnter policy) {
        Simulator simulator = new Simulator(market, EXECUTION, 80, new EventBus(), new ShadowStatistics(),
                new PatternBlacklist(library, THRESHOLD), false);
        return simulator.run(policy, FROM, TO, 10_000, 1);
    }

    @Test
    void entriesLikeABlacklistedPatternAreBlockedAndCountedAndNoOthers() {
        PatternLibrary library = library(PatternStatus.BLACKLISTED);
        AlwaysEnter policy = new AlwaysEnter();
        SimulationResult result = run(library, policy);

        // The expected refusals, worked out independently: attempts whose embedding (from the whole
        // market at that bar) is nearer to pattern 0 than to pattern 1 and at least 0.7 similar to it.
        List<float[]> centroids = List.of(library.pattern(0).centroid(), library.pattern(1).centroid());
        int expected = 0;
        for (int bar : policy.attempts) {
            float[] e = Embedding.of(market, bar);
            double to0 = Vectors.cosine(e, centroids.get(0));
            if (to0 >= Vectors.cosine(e, centroids.get(1)) && to0 >= THRESHOLD) {
                expected++;
            }
        }
        assertThat(result.counts().breakerBlockedEntries()).as("no other gate refused entries").isZero();
        assertThat(result.counts().invalidActions()).isZero();
        assertThat(result.counts().filterBlockedEntries()).isEqualTo(expected);
        assertThat(expected).as("some attempts match the pattern").isPositive()
                .isLessThan(policy.attempts.size());
        assertThat(result.trades()).as("the rest were traded").isNotEmpty();
        // every attempt is either refused by the filter or became a trade (the last may still be open)
        assertThat(policy.attempts.size() - expected - result.trades().size()).isBetween(0, 1);
    }

    @Test
    void nothingIsBlockedWhenNoPatternIsBlacklisted() {
        AlwaysEnter policy = new AlwaysEnter();
        SimulationResult result = run(library(PatternStatus.ACTIVE), policy);
        assertThat(result.counts().filterBlockedEntries()).isZero();
        assertThat(policy.attempts.size() - result.trades().size()).isBetween(0, 1);
        // nor when the only blacklisted pattern is too far from every set-up: threshold 1.0 needs an exact match
        Simulator strict = new Simulator(market, EXECUTION, 80, new EventBus(), new ShadowStatistics(),
                new PatternBlacklist(library(PatternStatus.BLACKLISTED), 1.0), false);
        AlwaysEnter again = new AlwaysEnter();
        assertThat(strict.run(again, 1_000, 1_400, 10_000, 1).counts().filterBlockedEntries()).isZero();
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new PatternBlacklist(library(PatternStatus.ACTIVE), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
    }
}
