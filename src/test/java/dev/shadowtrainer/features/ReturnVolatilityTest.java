package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReturnVolatilityTest {

    @Test
    void sampleStandardDeviationOfReturns() {
        // mean 0.005, squared deviations sum to 5e-4, divided by n - 1 = 3.
        double[] returns = {0.01, -0.01, 0.02, 0.0};
        assertThat(ReturnVolatility.of(returns, 0, 4)).isCloseTo(Math.sqrt(5e-4 / 3), within(1e-15));
        assertThat(ReturnVolatility.of(returns, 0, 4)).isCloseTo(0.012909944487358056, within(1e-15));
    }

    @Test
    void subRangesIgnoreValuesOutside() {
        double[] returns = {99, 0.01, -0.01, 0.02, 0.0, -99};
        assertThat(ReturnVolatility.of(returns, 1, 5)).isCloseTo(0.012909944487358056, within(1e-15));
        // 0.01 and -0.01: mean 0, squares 2e-4 over 1.
        assertThat(ReturnVolatility.of(returns, 1, 3)).isCloseTo(Math.sqrt(2e-4), within(1e-15));
    }

    @Test
    void fromPricesUsesSimpleReturnsBetweenNeighbours() {
        double[] prices = {100, 101, 99.99, 101.9898, 101.9898};
        assertThat(ReturnVolatility.ofPrices(prices, 0, 5)).isCloseTo(0.012909944487358056, within(1e-12));
    }

    @Test
    void fewerThanTwoReturnsGiveZero() {
        assertThat(ReturnVolatility.of(new double[] {0.5}, 0, 1)).isZero();
        assertThat(ReturnVolatility.of(new double[0], 0, 0)).isZero();
        assertThat(ReturnVolatility.ofPrices(new double[] {1, 2}, 0, 2)).isZero();
        assertThat(ReturnVolatility.of(new double[] {0.1, 0.1, 0.1}, 0, 3)).isZero();
        assertThat(ReturnVolatility.ofPrices(new double[] {100, 100, 100, 100}, 0, 4)).isZero();
        assertThatThrownBy(() -> ReturnVolatility.of(new double[3], 2, 5))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
