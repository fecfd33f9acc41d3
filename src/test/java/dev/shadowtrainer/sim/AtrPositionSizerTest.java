package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtrPositionSizerTest {
    @Test
    void multiplierIsTargetOverAtrClampedToPointThreeToOnePointFive() {
        AtrPositionSizer s = new AtrPositionSizer(0.5);
        // 0.5 / 0.4 = 1.25 (inside the band)
        assertThat(s.multiplier(0.4)).isCloseTo(1.25, within(1e-12));
        // 0.5 / 1.0 = 0.5
        assertThat(s.multiplier(1.0)).isCloseTo(0.5, within(1e-12));
        // 0.5 / 0.2 = 2.5 -> capped at 1.5; 0.5 / 5 = 0.1 -> floored at 0.3
        assertThat(s.multiplier(0.2)).isEqualTo(1.5);
        assertThat(s.multiplier(5.0)).isEqualTo(0.3);
        // no usable ATR: neutral size
        assertThat(s.multiplier(Double.NaN)).isEqualTo(1.0);
        assertThat(s.multiplier(0)).isEqualTo(1.0);
        assertThatThrownBy(() -> new AtrPositionSizer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Inside the simulator: the raw atr_rel_14 of the decision bar is 0.004 (0.4 %), so with target 0.5 % the
     * entry is 1.25 x position_size (1000) = 1250 notional, at the configured leverage 1, whatever the action.
     */
    @Test
    void sizesEntriesFromTheDecisionBarsRawAtr() {
        CandleSeries candles = SimFixture.candles(SimFixture.flat(12, 100));
        int n = candles.size();
        float[] raw = new float[n];
        float[] normalised = new float[n];
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            raw[i] = i == 2 ? 0.004f : 0.05f; // only bar 2 (the decision bar) has a 0.4 % ATR
            usable[i] = true;
        }
        List<FeatureColumn> columns = List.of(new FeatureColumn("atr_rel_14", 0));
        MarketData data = new MarketData(candles, FeatureMatrix.of(columns, raw, usable, false),
                FeatureMatrix.of(columns, normalised, usable, true), new byte[n], null);
        Policy enterAtTwo = new Policy() {
            @Override
            public String name() {
                return "enter-at-2";
            }

            @Override
            public Action decide(Observation o) {
                return o.market().bar() == 2 ? Action.ENTER_LONG_SMALL : Action.HOLD;
            }
        };
        SimulationResult r = new Simulator(data, SimFixture.config(), 16, new EventBus(), new ShadowStatistics(),
                EntryFilter.NONE, false, new AtrPositionSizer(0.5)).run(enterAtTwo, 0, n, 10_000, 1);
        assertThat(r.trades()).hasSize(1);
        Trade t = r.trades().get(0);
        assertThat(t.sizeMultiplier()).isCloseTo(1.25, within(1e-6));
        assertThat(t.notional()).isCloseTo(1250, within(1e-3));
        assertThat(t.leverage()).isEqualTo(1);
    }
}
