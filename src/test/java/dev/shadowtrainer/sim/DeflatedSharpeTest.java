package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeflatedSharpeTest {

    /**
     * The numerical example of Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", section 5:
     * annualised SR 2.5 over 5 years of daily returns (T = 1250, 250 days a year), N = 100 trials whose
     * annualised Sharpe ratios vary with V = 1/2, skewness −3, kurtosis 10. The paper reports
     * SR0 ≈ 0.1132 and DSR ≈ 0.9004; the 12-digit values come from arbitrary-precision arithmetic.
     */
    @Test
    void reproducesThePapersWorkedExample() {
        double sharpe = 2.5 / Math.sqrt(250);
        double benchmark = DeflatedSharpe.benchmark(100, 0.5 / 250);
        assertThat(benchmark).isCloseTo(0.1132, within(5e-5)).isCloseTo(0.113172001865, within(1e-11));
        double dsr = DeflatedSharpe.probability(sharpe, benchmark, 1250, -3, 10);
        assertThat(dsr).isCloseTo(0.9004, within(5e-5)).isCloseTo(0.900396834449, within(1e-11));
    }

    @Test
    void oneTrialIsTheProbabilisticSharpeRatioAgainstZero() {
        assertThat(DeflatedSharpe.benchmark(1, 0.3)).isZero();
        // Normal returns (skew 0, kurtosis 3), SR 0.1 per period over 101 returns: z = 0.1 * 10 / sqrt(1.005).
        assertThat(DeflatedSharpe.of(0.1, 101, 0, 3, 1)).isCloseTo(0.840741327801352, within(1e-12));
    }

    @Test
    void moreTrialsDeflateMore() {
        double one = DeflatedSharpe.of(0.1, 500, -0.5, 5, 1);
        double ten = DeflatedSharpe.of(0.1, 500, -0.5, 5, 10);
        double thousand = DeflatedSharpe.of(0.1, 500, -0.5, 5, 1000);
        assertThat(one).isGreaterThan(ten);
        assertThat(ten).isGreaterThan(thousand);
        assertThat(thousand).isGreaterThan(0);
    }

    @Test
    void estimatorVarianceFollowsTheShapeTerm() {
        // (1 - (-1)(0.2) + (6 - 1)/4 * 0.04) / (51 - 1) = (1 + 0.2 + 0.05) / 50
        assertThat(DeflatedSharpe.estimatorVariance(0.2, 51, -1, 6)).isCloseTo(1.25 / 50, within(1e-15));
    }

    @Test
    void undefinedCasesReadAsNoEvidence() {
        assertThat(DeflatedSharpe.of(0.5, 1, 0, 3, 1)).isZero();
        assertThat(DeflatedSharpe.probability(0.5, 0, 0, 0, 3)).isZero();
        assertThat(DeflatedSharpe.probability(2, 0, 100, 1, 1)).isZero(); // shape term 1 - 2 + 0 < 0
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThatThrownBy(() -> DeflatedSharpe.benchmark(0, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeflatedSharpe.benchmark(5, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeflatedSharpe.estimatorVariance(0.1, 1, 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
