package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.market.CandleSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrendRegimeDetectorTest {
    private final TrendRegimeDetector detector = new TrendRegimeDetector();

    @ParameterizedTest(name = "trend {0} vol {1} -> {2}")
    @CsvSource({
        "0.04, 0.03, BREAKOUT",
        // breakout boundaries are strict and fall back to TREND
        "0.03, 0.03, TREND",
        "0.04, 0.02, TREND",
        "0.030001, 0.020001, BREAKOUT",
        "0.025, 0.025, TREND",
        "0.04, 0.016, TREND",
        // trend boundaries are strict
        "0.02, 0.02, NEUTRAL",
        "0.025, 0.015, NEUTRAL",
        "0.020001, 0.015001, TREND",
        // mean reversion: trend < 0.015, volatility in [0.01, 0.015]
        "0.01, 0.012, MEAN_REVERSION",
        "0.0, 0.01, MEAN_REVERSION",
        "0.0149, 0.015, MEAN_REVERSION",
        "0.015, 0.012, NEUTRAL",
        "0.005, 0.015001, NEUTRAL",
        // range: trend < 0.01 and volatility < 0.01
        "0.005, 0.005, RANGE",
        "0.0099, 0.0099, RANGE",
        "0.0, 0.0, RANGE",
        "0.01, 0.005, NEUTRAL",
        "0.012, 0.009, NEUTRAL",
        // large move without volatility, or volatility without a move
        "0.05, 0.001, NEUTRAL",
        "0.001, 0.05, NEUTRAL",
        // undefined
        "NaN, 0.01, NEUTRAL",
        "0.01, NaN, NEUTRAL",
    })
    void classifiesByMoveAgainstTypicalMove(double trend, double volatility, TrendRegime expected) {
        assertThat(detector.classify(trend, volatility)).isEqualTo(expected);
    }

    /** Closes whose one-bar simple returns alternate between {@code up} and {@code down}. */
    private static CandleSeries alternating(double up, double down, int bars) {
        double[] closes = new double[bars];
        double[] volumes = new double[bars];
        closes[0] = 1_000;
        for (int i = 1; i < bars; i++) {
            closes[i] = closes[i - 1] * (1 + (i % 2 == 1 ? up : down));
            volumes[i] = 1;
        }
        return GeneratedCandles.fromCloses(closes, volumes);
    }

    @Test
    void handBuiltSeriesLandInTheirRegimes() {
        // +-0.2 %: typical 20-bar move 0.002 * sqrt(20/19) * sqrt(20) = 0.0092, net move ~0.
        assertThat(lastRegime(alternating(0.002, -0.002, 60))).isEqualTo(TrendRegime.RANGE);
        // +-0.3 %: typical move 0.0138, net move ~0.
        assertThat(lastRegime(alternating(0.003, -0.003, 60))).isEqualTo(TrendRegime.MEAN_REVERSION);
        // +0.5 % / -0.2 %: typical move 0.0161, net move 1.00299^10 - 1 = 0.0303.
        assertThat(lastRegime(alternating(0.005, -0.002, 60))).isEqualTo(TrendRegime.TREND);
        // +1 % / -0.2 %: typical move 0.0275, net move 0.0827.
        assertThat(lastRegime(alternating(0.01, -0.002, 60))).isEqualTo(TrendRegime.BREAKOUT);
    }

    private TrendRegime lastRegime(CandleSeries s) {
        byte[] regimes = detector.detect(s);
        return TrendRegime.ofOrdinal(regimes[regimes.length - 1]);
    }

    @Test
    void detectMatchesClassifyOnIndependentlyComputedInputs() {
        CandleSeries s = GeneratedCandles.withFillers(GeneratedCandles.randomWalk(2_000, 17), 900);
        byte[] regimes = detector.detect(s);
        int n = 20;
        for (int i = 0; i < s.size(); i++) {
            TrendRegime expected = TrendRegime.NEUTRAL;
            if (i >= n && (i < 900 || i > 900 + n)) {
                double trend = Math.abs(s.close(i) / s.close(i - n) - 1);
                double[] returns = new double[n];
                double mean = 0;
                for (int k = 0; k < n; k++) {
                    returns[k] = s.close(i - n + 1 + k) / s.close(i - n + k) - 1;
                    mean += returns[k] / n;
                }
                double squares = 0;
                for (double r : returns) {
                    squares += (r - mean) * (r - mean);
                }
                expected = detector.classify(trend, Math.sqrt(squares / (n - 1)) * Math.sqrt(n));
            }
            assertThat(TrendRegime.ofOrdinal(regimes[i])).as("bar %d", i).isEqualTo(expected);
        }
        assertThat(RegimeCounts.of(TrendRegime.class, regimes).get(TrendRegime.NEUTRAL)).isGreaterThan(n);
    }

    @Test
    void shortLookbacksAreRejected() {
        assertThatThrownBy(() -> new TrendRegimeDetector(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TrendRegimeDetector(30).warmup()).isEqualTo(30);
    }
}
