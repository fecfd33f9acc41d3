package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.features.Feature;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.PerformanceCalculator;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardEvaluationTest {
    private static final ExecutionConfig CONFIG = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 2, 0.005,
            60, 80, 8, 2, 5, 1, false, 2, 3, 0.0, 20, 0, 0);

    private static MarketData market() {
        CandleSeries candles = new SyntheticMarket(5).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
                Instant.parse("2025-01-01T00:00:00Z"), 600).series();
        int n = candles.size();
        boolean[] usable = new boolean[n];
        Arrays.fill(usable, true);
        // the columns the trend-rule baseline reads, all 0 (it stays out)
        List<FeatureColumn> columns = new ArrayList<>();
        for (Feature f : List.of(Feature.EMA_DISTANCE_26, Feature.EMA_DISTANCE_50, Feature.EMA_SLOPE_50,
                Feature.MACD_LINE, Feature.RSI_14, Feature.ATR_REL_14)) {
            columns.add(new FeatureColumn(f.columnName(), 0));
        }
        float[] values = new float[n * columns.size()];
        return new MarketData(candles, FeatureMatrix.of(columns, values, usable, false),
                FeatureMatrix.of(columns, values, usable, true), new byte[n], null);
    }

    /** Stays out; a reset (the start of a run) is logged. */
    private record Idle(String name, List<String> log) implements Policy {
        @Override
        public Action decide(Observation observation) {
            return observation.inPosition() ? Action.HOLD : Action.DO_NOTHING;
        }

        @Override
        public void reset(long seed) {
            log.add("run " + name);
        }
    }

    @Test
    void theOnlinePolicyIsGivenEachFoldsTrainedPolicyBeforeItsTestWindow() {
        List<String> log = new ArrayList<>();
        List<Policy> trained = new ArrayList<>();
        PolicyTrainer trainer = new PolicyTrainer() {
            @Override
            public String name() {
                return "stub";
            }

            @Override
            public Policy train(Simulator simulator, Fold fold, long seed) {
                Policy p = new Idle("trained" + fold.index(), new ArrayList<>());
                trained.add(p);
                log.add("train " + fold.index());
                return p;
            }
        };
        MarketData data = market();
        Simulator sim = new Simulator(data, CONFIG, 32);
        List<Policy> given = new ArrayList<>();
        WalkForwardEvaluation evaluation = new WalkForwardEvaluation(sim, new Simulator(data, CONFIG, 32), CONFIG,
                new PerformanceCalculator(Timeframe.M15, 1), 10_000, 1)
                .withOnlinePolicy(new Simulator(data, CONFIG, 32), new Idle("online", log), p -> {
                    given.add(p);
                    log.add("given " + p.name());
                });
        List<Fold> folds = List.of(new Fold(0, 0, 200, 210, 300), new Fold(1, 100, 300, 310, 400));
        WalkForwardEvaluation.Outcome outcome = evaluation.run(folds, trainer, line -> { });
        // each fold: train, hand the trained policy over, then the online policy's test run
        assertThat(log).containsExactly("train 0", "given trained0", "run online",
                "train 1", "given trained1", "run online");
        assertThat(given).containsExactlyElementsOf(trained);
        assertThat(outcome.records().get(outcome.records().size() - 1).policy()).isEqualTo("online");
    }
}
