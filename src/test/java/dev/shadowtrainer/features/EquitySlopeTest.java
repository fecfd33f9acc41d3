package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EquitySlopeTest {

    @Test
    void straightLineGivesItsSlopeOverMeanEquity() {
        // Slope 2 per step, mean 103.
        assertThat(EquitySlope.of(new double[] {100, 102, 104, 106}, 0, 4)).isCloseTo(2.0 / 103.0, within(1e-15));
        assertThat(EquitySlope.of(new double[] {106, 104, 102, 100}, 0, 4)).isCloseTo(-2.0 / 103.0, within(1e-15));
    }

    @Test
    void noisyCurveGivesTheLeastSquaresSlope() {
        // x mean 1.5, y mean 2.5, covariance sum 4, x variance sum 5: slope 0.8, over 2.5.
        assertThat(EquitySlope.of(new double[] {1, 3, 2, 4}, 0, 4)).isCloseTo(0.32, within(1e-15));
        assertThat(EquitySlope.of(new double[] {-50, 1, 3, 2, 4, 70}, 1, 5)).isCloseTo(0.32, within(1e-15));
    }

    @Test
    void flatShortOrZeroCurvesGiveZero() {
        assertThat(EquitySlope.of(new double[] {100, 100, 100}, 0, 3)).isZero();
        assertThat(EquitySlope.of(new double[] {100}, 0, 1)).isZero();
        assertThat(EquitySlope.of(new double[] {-1, 1}, 0, 2)).isZero();
    }
}
