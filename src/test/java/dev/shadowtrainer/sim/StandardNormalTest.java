package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardNormalTest {

    /** Reference values computed to 20 digits with arbitrary-precision arithmetic (mpmath ncdf). */
    @ParameterizedTest
    @CsvSource({
            "0, 0.5",
            "1, 0.84134474606854294859",
            "-1, 0.15865525393145705141",
            "1.96, 0.97500210485177956379",
            "2, 0.9772498680518207928",
            "-2, 0.0227501319481792072",
            "-0.25, 0.40129367431707627576",
            "0.5, 0.69146246127401310364",
            "2.5, 0.99379033467422386483",
            "-2.9, 0.001865813300384038479",
            "3, 0.99865010196836990547",
            "-3, 0.0013498980316300945267",
            "3.1, 0.9990323967867816434",
            "-5, 2.8665157187919391167e-7",
            "5, 0.99999971334842812081",
            "-6, 9.865876450376981407e-10",
            "-8.3, 5.2055697448902540246e-17",
            "-10, 7.619853024160526066e-24",
            "-20, 2.7536241186062336951e-89",
            "-37, 5.7255712225245768227e-300",
    })
    void cdfMatchesReferenceValuesToRelativePrecision(double x, double expected) {
        assertThat(StandardNormal.cdf(x)).isCloseTo(expected, within(Math.abs(expected) * 1e-13));
    }

    /** References are Φ⁻¹ of the exact binary value of each double p (so 0.99999999 is not 1 − 1e-8). */
    @ParameterizedTest
    @CsvSource({
            "0.5, 0",
            "0.975, 1.9599639845400538556",
            "0.025, -1.9599639845400542118",
            "0.99, 2.3263478740408407676",
            "0.01, -2.3263478740408410931",
            "0.999, 3.0902323061678132778",
            "0.8, 0.8416212335729143638",
            "0.3, -0.52440051270804081597",
            "1e-10, -6.3613409024040561991",
            "0.99999999, 5.6120012433055049826",
    })
    void inverseCdfMatchesReferenceValues(double p, double expected) {
        assertThat(StandardNormal.inverseCdf(p)).isCloseTo(expected, within(1e-13 + Math.abs(expected) * 1e-14));
    }

    @Test
    void inverseUndoesCdfAcrossTheRange() {
        for (double x = -30; x <= 5; x += 0.137) {
            double p = StandardNormal.cdf(x);
            assertThat(StandardNormal.inverseCdf(p)).as("x = %s", x).isCloseTo(x, within(1e-9 * Math.max(1, Math.abs(x))));
        }
    }

    @Test
    void cdfIsMonotoneAndBounded() {
        double previous = 0;
        for (double x = -40; x <= 40; x += 0.01) {
            double p = StandardNormal.cdf(x);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = p;
        }
        assertThat(StandardNormal.cdf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(StandardNormal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    }

    @Test
    void densityAtZeroAndOne() {
        assertThat(StandardNormal.density(0)).isCloseTo(0.3989422804014327, within(1e-16));
        assertThat(StandardNormal.density(-1)).isCloseTo(0.24197072451914337, within(1e-16));
    }

    @Test
    void inverseCdfEndsAndInvalidProbabilities() {
        assertThat(StandardNormal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StandardNormal.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> StandardNormal.inverseCdf(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandardNormal.inverseCdf(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
