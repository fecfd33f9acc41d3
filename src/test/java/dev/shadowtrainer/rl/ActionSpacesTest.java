package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionSpacesTest {
    @Test
    void sizingPresetsHaveTheDesignedSizes() {
        assertThat(SizingActions.V1.size()).isEqualTo(25);
        assertThat(SizingActions.V2.size()).isEqualTo(56);
        assertThat(SizingActions.V2_DOMAIN.size()).isEqualTo(40);
        assertThat(SizingActions.preset("v2")).isSameAs(SizingActions.V2);
        assertThatThrownBy(() -> SizingActions.preset("v3")).hasMessageContaining("v1, v2 or v2_domain");
    }

    @Test
    void sizingEncodeDecodeRoundTripsEveryAction() {
        for (SizingActions space : List.of(SizingActions.V1, SizingActions.V2, SizingActions.V2_DOMAIN)) {
            Set<String> keys = new HashSet<>();
            double[] multipliers = space.multipliers();
            int[] leverages = space.leverages();
            for (int m = 0; m < multipliers.length; m++) {
                for (int l = 0; l < leverages.length; l++) {
                    int index = space.encode(m, l);
                    SizingAction action = space.decode(index);
                    assertThat(action.multiplier()).isEqualTo(multipliers[m]);
                    assertThat(action.leverage()).isEqualTo(leverages[l]);
                    assertThat(space.indexOf(space.key(index))).isEqualTo(index);
                    keys.add(space.key(index));
                }
            }
            assertThat(keys).hasSize(space.size());
        }
    }

    @Test
    void sizingKeysAndCornersAreAsDocumented() {
        // V2: index = m * 7 + l; (1.8, 7) is the last of 56, (1.0, 3) is 4 * 7 + 2 = 30
        assertThat(SizingActions.V2.decode(55)).isEqualTo(new SizingAction(55, 1.8, 7));
        assertThat(SizingActions.V2.encode(4, 2)).isEqualTo(30);
        assertThat(SizingActions.V1.key(SizingActions.V1.encode(3, 2))).isEqualTo("1.0|3");
        assertThat(SizingActions.V2_DOMAIN.decode(39)).isEqualTo(new SizingAction(39, 2.0, 50));
        assertThat(SizingActions.V1.indexOf("1.0|9")).isEqualTo(-1);
        assertThatThrownBy(() -> SizingActions.V1.decode(25)).hasMessageContaining("outside 0..24");
        assertThatThrownBy(() -> SizingActions.V1.encode(5, 0)).hasMessageContaining("outside");
    }

    @Test
    void metaPresetsHaveTheDesignedSizesAndRoundTrip() {
        assertThat(MetaActions.V2.size()).isEqualTo(48);
        assertThat(MetaActions.V2_DOMAIN.size()).isEqualTo(60);
        for (MetaActions space : List.of(MetaActions.V2, MetaActions.V2_DOMAIN)) {
            Set<String> keys = new HashSet<>();
            for (String s : space.strategies()) {
                for (String m : space.signalModels()) {
                    for (String w : space.weights()) {
                        int index = space.encode(s, m, w);
                        assertThat(space.decode(index)).isEqualTo(new MetaAction(index, s, m, w));
                        assertThat(space.indexOf(space.key(index))).isEqualTo(index);
                        keys.add(space.key(index));
                    }
                }
            }
            assertThat(keys).hasSize(space.size());
        }
        // (s * 4 + m) * 3 + w: BREAKOUT (2), NHITS (2), WEIGHT_HOLD (2) -> (8 + 2) * 3 + 2 = 32
        assertThat(MetaActions.V2.encode("BREAKOUT", "NHITS", "WEIGHT_HOLD")).isEqualTo(32);
        assertThat(MetaActions.V2.key(32)).isEqualTo("BREAKOUT|NHITS|WEIGHT_HOLD");
        assertThat(MetaActions.V2.indexOf("BREAKOUT|NHITS")).isEqualTo(-1);
    }

    @Test
    void signalModelsCanBeReplacedAndWeightsReadAsMultipliers() {
        MetaActions own = MetaActions.V2.withSignalModels(List.of("ppo", "trend_rules", "range_rules", "breakout_rules"));
        assertThat(own.size()).isEqualTo(48);
        assertThat(own.decode(own.encode("RANGE", "ppo", "WEIGHT_UP")).signalModel()).isEqualTo("ppo");
        assertThatThrownBy(() -> MetaActions.V2.withSignalModels(List.of("a", "a")))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> MetaActions.V2.encode("TREND", "ppo", "WEIGHT_UP")).hasMessageContaining("not in");
        assertThat(MetaActions.weightMultiplier("WEIGHT_UP")).isEqualTo(1.25);
        assertThat(MetaActions.weightMultiplier("WEIGHT_HOLD")).isEqualTo(1.0);
        assertThat(MetaActions.weightMultiplier("0.75")).isEqualTo(0.75);
        assertThatThrownBy(() -> MetaActions.weightMultiplier("LOUDER")).hasMessageContaining("LOUDER");
    }
}
