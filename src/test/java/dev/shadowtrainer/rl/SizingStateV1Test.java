package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.features.AtrAdxRegime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SizingStateV1Test {
    @Test
    void confidenceBoundaries() {
        // outer thresholds strict (< 0.45, > 0.85), inner boundaries belong to the bucket above
        assertThat(ConfidenceBucket.of(0.0)).isEqualTo(ConfidenceBucket.VERY_LOW);
        assertThat(ConfidenceBucket.of(0.4499)).isEqualTo(ConfidenceBucket.VERY_LOW);
        assertThat(ConfidenceBucket.of(0.45)).isEqualTo(ConfidenceBucket.LOW);
        assertThat(ConfidenceBucket.of(0.5499)).isEqualTo(ConfidenceBucket.LOW);
        assertThat(ConfidenceBucket.of(0.55)).isEqualTo(ConfidenceBucket.MEDIUM);
        assertThat(ConfidenceBucket.of(0.6999)).isEqualTo(ConfidenceBucket.MEDIUM);
        assertThat(ConfidenceBucket.of(0.70)).isEqualTo(ConfidenceBucket.HIGH);
        assertThat(ConfidenceBucket.of(0.85)).isEqualTo(ConfidenceBucket.HIGH);
        assertThat(ConfidenceBucket.of(0.8501)).isEqualTo(ConfidenceBucket.VERY_HIGH);
        assertThat(ConfidenceBucket.of(1.0)).isEqualTo(ConfidenceBucket.VERY_HIGH);
        assertThatThrownBy(() -> ConfidenceBucket.of(Double.NaN)).hasMessageContaining("confidence is NaN");
    }

    @Test
    void exposureBoundaries() {
        assertThat(ExposureBucket.of(0.2999)).isEqualTo(ExposureBucket.LIGHT);
        assertThat(ExposureBucket.of(0.30)).isEqualTo(ExposureBucket.MODERATE);
        assertThat(ExposureBucket.of(0.5999)).isEqualTo(ExposureBucket.MODERATE);
        assertThat(ExposureBucket.of(0.60)).isEqualTo(ExposureBucket.HEAVY);
        assertThat(ExposureBucket.of(0.80)).isEqualTo(ExposureBucket.HEAVY);
        assertThat(ExposureBucket.of(0.8001)).isEqualTo(ExposureBucket.MAX);
        assertThat(ExposureBucket.of(3.0)).isEqualTo(ExposureBucket.MAX);
    }

    @Test
    void performanceBoundaries() {
        assertThat(PerformanceBucket.of(0.6001)).isEqualTo(PerformanceBucket.GOOD);
        assertThat(PerformanceBucket.of(0.60)).isEqualTo(PerformanceBucket.NEUTRAL);
        assertThat(PerformanceBucket.of(0.5)).isEqualTo(PerformanceBucket.NEUTRAL);
        assertThat(PerformanceBucket.of(0.45)).isEqualTo(PerformanceBucket.NEUTRAL);
        assertThat(PerformanceBucket.of(0.4499)).isEqualTo(PerformanceBucket.BAD);
    }

    @Test
    void threeHundredDistinctKeysThatParseBack() {
        Set<String> keys = new HashSet<>();
        for (AtrAdxRegime r : AtrAdxRegime.values()) {
            for (ConfidenceBucket c : ConfidenceBucket.values()) {
                for (ExposureBucket e : ExposureBucket.values()) {
                    for (PerformanceBucket p : PerformanceBucket.values()) {
                        SizingStateV1 state = new SizingStateV1(r, c, e, p);
                        assertThat(SizingStateV1.parse(state.key())).isEqualTo(state);
                        keys.add(state.key());
                    }
                }
            }
        }
        assertThat(keys).hasSize(SizingStateV1.COUNT);
        assertThat(SizingStateV1.of(AtrAdxRegime.LOW_VOL_TRENDING, 0.75, 0.1, 0.65).key())
                .isEqualTo("low_vol_trending|high|light|good");
        assertThatThrownBy(() -> SizingStateV1.parse("low_vol_trending|high|light"))
                .hasMessageContaining("not a v1 sizing state key");
        assertThatThrownBy(() -> SizingStateV1.parse("sideways|high|light|good"))
                .hasMessageContaining("not a v1 sizing state key");
    }

    @Test
    void rewardTermsAsDesigned() {
        // the design's trade: 2.37 - 0.01 * 4.5 / 24 - 0.5 * 0.8 + 0.1 = 2.37 - 0.001875 - 0.4 + 0.1 = 2.068125
        assertThat(SizingRewardV1.of(2.37, 4.5, 0.8)).isCloseTo(2.068125, org.assertj.core.api.Assertions.within(1e-12));
        // drawdown by magnitude
        assertThat(SizingRewardV1.of(2.37, 4.5, -0.8)).isEqualTo(SizingRewardV1.of(2.37, 4.5, 0.8));
        // a loss gets no bonus: -1 - 0.01 * 48 / 24 - 0.5 * 1.5 = -1.77
        assertThat(SizingRewardV1.of(-1.0, 48, 1.5)).isCloseTo(-1.77, org.assertj.core.api.Assertions.within(1e-12));
        // pnl exactly 0: no bonus, only the penalties: -0.01 * 24/24 = -0.01
        assertThat(SizingRewardV1.of(0.0, 24, 0)).isCloseTo(-0.01, org.assertj.core.api.Assertions.within(1e-15));
        assertThatThrownBy(() -> SizingRewardV1.of(1, -1, 0)).hasMessageContaining(">= 0 hours");
        assertThatThrownBy(() -> SizingRewardV1.of(Double.NaN, 1, 0)).hasMessageContaining("finite");
    }
}
