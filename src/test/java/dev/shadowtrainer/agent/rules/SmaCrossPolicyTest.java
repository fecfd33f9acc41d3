package dev.shadowtrainer.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.Simulator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Enters on a cross above, exits on a cross below, and does nothing in between. */
class SmaCrossPolicyTest {
    @Test
    void actsOnCrossesOnly() {
        CandleSeries candles = new SyntheticMarket(1)
                .generate(new Symbol("BTC", "USDT"), Timeframe.M1, Instant.parse("2024-01-01T00:00:00Z"), 60).series();
        int n = candles.size();
        // fast - slow: below until bar 10, above from 10 to 29, below from 30 on, touching (equal) at 40.
        float[] values = new float[2 * n];
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            values[2 * i] = i >= 10 && i < 30 ? 101 : i == 40 ? 100 : 99;
            values[2 * i + 1] = 100;
            usable[i] = i >= 1;
        }
        FeatureMatrix features = FeatureMatrix.of(List.of(new FeatureColumn(SmaCrossPolicy.FAST_COLUMN, 0),
                new FeatureColumn(SmaCrossPolicy.SLOW_COLUMN, 0)), values, usable, false);
        MarketData data = new MarketData(candles, features, features, new byte[n], null);
        // Stop and target far away, no hold limit within the run: only the policy closes the position.
        ExecutionConfig config = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 5000, 5000, 1000,
                2, 5, 1, false, 2, 3, 0.5, 20, 0, 0);
        Map<Integer, Action> acted = new TreeMap<>();
        new Simulator(data, config, 32, new EventBus(), new ShadowStatistics(), EntryFilter.NONE, false)
                .run(new SmaCrossPolicy(), 0, n, 10_000, 1, (bar, observation, action) -> {
                    if (action != Action.DO_NOTHING && action != Action.HOLD) {
                        acted.put(bar, action);
                    }
                });
        assertThat(acted).containsExactly(Map.entry(10, Action.ENTER_LONG_NORMAL), Map.entry(30, Action.EXIT));
    }
}
