package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.features.TrendRegime;
import org.junit.jupiter.api.Test;

class RewardEngineV2Test {
    @Test
    void metaWorkedExample() {
        // 3.5 - 0.5 * 1.2 + 0.2 * 0.6 + 0.15 * 0.85 = 3.5 - 0.6 + 0.12 + 0.1275 = 3.1475
        assertThat(RewardEngineV2.meta(3.5, 1.2, 0.6, 0.85)).isCloseTo(3.1475, within(1e-12));
        // regime alignment 0.85 is a correct prediction at confidence 0.85
        assertThat(RewardEngineV2.regimeAlignment(TrendRegime.TREND, TrendRegime.TREND, 0.85)).isEqualTo(0.85);
        // wrong prediction: -0.5 * 0.8 = -0.4
        assertThat(RewardEngineV2.regimeAlignment(TrendRegime.RANGE, TrendRegime.TREND, 0.8)).isEqualTo(-0.4);
    }

    @Test
    void sizingWorkedExample() {
        // leverage 4 and exposure 0.35 are under the thresholds: penalty 0; vol 0.022 is in [1%, 3%]: +0.5
        // 2.8 - 0.4 * 0 + 0.1 * 0.5 = 2.85
        assertThat(RewardEngineV2.riskPenalty(4, 0.35)).isZero();
        assertThat(RewardEngineV2.sizing(2.8, 4, 0.35, 0.022)).isCloseTo(2.85, within(1e-12));
    }

    @Test
    void riskPenaltyTermsAndCap() {
        // leverage 7: 0.3 * 2 = 0.6; exposure 0.8: 2 * 0.3 = 0.6; together 1.2
        assertThat(RewardEngineV2.riskPenalty(7, 0.35)).isCloseTo(0.6, within(1e-12));
        assertThat(RewardEngineV2.riskPenalty(4, 0.8)).isCloseTo(0.6, within(1e-12));
        assertThat(RewardEngineV2.riskPenalty(7, 0.8)).isCloseTo(1.2, within(1e-12));
        // exactly at the thresholds: nothing
        assertThat(RewardEngineV2.riskPenalty(5, 0.5)).isZero();
        // leverage 20 alone: 0.3 * 15 = 4.5 (under the cap); leverage 50: 13.5 -> capped at 5
        assertThat(RewardEngineV2.riskPenalty(20, 0)).isCloseTo(4.5, within(1e-12));
        assertThat(RewardEngineV2.riskPenalty(50, 0)).isEqualTo(5.0);
        assertThat(RewardEngineV2.riskPenalty(20, 1.0)).isEqualTo(5.0);
        // capped penalty in the reward: 1.0 - 0.4 * 5 + 0.1 * 0.5 = -0.95
        assertThat(RewardEngineV2.sizing(1.0, 50, 0.2, 0.02)).isCloseTo(-0.95, within(1e-12));
    }

    @Test
    void everyVolatilityBranch() {
        assertThat(RewardEngineV2.volatilityAdjustment(0.005)).isEqualTo(-0.2);
        assertThat(RewardEngineV2.volatilityAdjustment(0.0099)).isEqualTo(-0.2);
        assertThat(RewardEngineV2.volatilityAdjustment(0.01)).isEqualTo(0.5);
        assertThat(RewardEngineV2.volatilityAdjustment(0.03)).isEqualTo(0.5);
        // above: -0.5 * (0.045 - 0.03) / 0.03 = -0.25; at 0.06: -0.5
        assertThat(RewardEngineV2.volatilityAdjustment(0.045)).isCloseTo(-0.25, within(1e-12));
        assertThat(RewardEngineV2.volatilityAdjustment(0.06)).isCloseTo(-0.5, within(1e-12));
        // just above 3% starts near 0, below the in-band +0.5: the branch is not continuous by design
        assertThat(RewardEngineV2.volatilityAdjustment(0.0301)).isCloseTo(-0.5 * 0.0001 / 0.03, within(1e-12));
    }

    @Test
    void sharpeSignalIsTanhOfMeanOverSampleStd() {
        // pnl 1, 2, 3: mean 2, sample std 1 -> tanh(2) = 0.9640...
        assertThat(RewardEngineV2.sharpeSignal(new double[] {1, 2, 3}, 0, 3)).isCloseTo(Math.tanh(2), within(1e-12));
        // a window inside the array: 2, 3 -> mean 2.5, std sqrt(0.5) -> tanh(2.5 / 0.7071...)
        assertThat(RewardEngineV2.sharpeSignal(new double[] {9, 2, 3}, 1, 3))
                .isCloseTo(Math.tanh(2.5 / Math.sqrt(0.5)), within(1e-12));
        assertThat(RewardEngineV2.sharpeSignal(new double[] {1}, 0, 1)).isZero();
        assertThat(RewardEngineV2.sharpeSignal(new double[] {2, 2, 2}, 0, 3)).isZero();
        assertThat(RewardEngineV2.sharpeSignal(new double[] {-1, -2, -3}, 0, 3)).isNegative();
    }

    @Test
    void nonFiniteInputsAreRefused() {
        assertThatThrownBy(() -> RewardEngineV2.meta(Double.NaN, 0, 0, 0)).hasMessageContaining("finite");
        assertThatThrownBy(() -> RewardEngineV2.sizing(1, Double.POSITIVE_INFINITY, 0, 0.02))
                .hasMessageContaining("finite");
    }
}
