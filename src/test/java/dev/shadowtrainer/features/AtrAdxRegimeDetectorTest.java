package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.market.CandleSeries;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AtrAdxRegimeDetectorTest {
    private final AtrAdxRegimeDetector detector = new AtrAdxRegimeDetector();

    @ParameterizedTest(name = "atr {0}% adx {1} er {2} -> {3}")
    @CsvSource({
        // each regime by ADX
        "1.0, 30, 0.1, LOW_VOL_TRENDING",
        "3.0, 30, 0.1, HIGH_VOL_TRENDING",
        "1.0, 10, 0.1, LOW_VOL_RANGING",
        "3.0, 10, 0.1, HIGH_VOL_RANGING",
        // trending by efficiency ratio alone
        "1.0, 10, 0.7, LOW_VOL_TRENDING",
        "3.0, 10, 0.7, HIGH_VOL_TRENDING",
        "1.0, 10, 1.0, LOW_VOL_TRENDING",
        // boundaries are strict
        "2.0, 10, 0.1, LOW_VOL_RANGING",
        "2.0000001, 10, 0.1, HIGH_VOL_RANGING",
        "1.0, 25.0, 0.1, LOW_VOL_RANGING",
        "1.0, 25.000001, 0.1, LOW_VOL_TRENDING",
        "1.0, 10, 0.6, LOW_VOL_RANGING",
        "1.0, 10, 0.6000001, LOW_VOL_TRENDING",
        "0.0, 0, 0.0, LOW_VOL_RANGING",
        // undefined inputs
        "NaN, 30, 0.7, NEUTRAL",
        "3.0, NaN, 0.7, NEUTRAL",
        "3.0, 30, NaN, NEUTRAL",
    })
    void classifiesByVolatilityAndTrend(double atrPercent, double adx, double efficiency, AtrAdxRegime expected) {
        assertThat(detector.classify(atrPercent, adx, efficiency)).isEqualTo(expected);
    }

    @Test
    void unusableBarsAreNeutralAndUsableBarsFollowClassify() {
        CandleSeries s = GeneratedCandles.withFillers(GeneratedCandles.randomWalk(1_500, 21), 700);
        FeatureMatrix raw = new FeaturePipeline().featurise(s);
        byte[] regimes = detector.detect(raw);
        assertThat(regimes).hasSize(raw.size());
        for (int i = 0; i < regimes.length; i++) {
            AtrAdxRegime expected = raw.isUsable(i)
                    ? detector.classify(100.0 * raw.value(i, Feature.ATR_REL_14.ordinal()),
                            100.0 * raw.value(i, Feature.ADX_14.ordinal()),
                            raw.value(i, Feature.TREND_STRENGTH_20.ordinal()))
                    : AtrAdxRegime.NEUTRAL;
            assertThat(AtrAdxRegime.ofOrdinal(regimes[i])).as("bar %d", i).isEqualTo(expected);
        }
        assertThat(AtrAdxRegime.ofOrdinal(regimes[raw.warmup() - 1])).isEqualTo(AtrAdxRegime.NEUTRAL);
        assertThat(AtrAdxRegime.ofOrdinal(regimes[700 + raw.warmup()])).isEqualTo(AtrAdxRegime.NEUTRAL);
        Map<AtrAdxRegime, Integer> counts = RegimeCounts.of(AtrAdxRegime.class, regimes);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(regimes.length);
        assertThat(counts.get(AtrAdxRegime.NEUTRAL)).isEqualTo(raw.size() - raw.usableCount());
    }

    @Test
    void rejectsNormalisedMatrices() {
        FeatureMatrix raw = new FeaturePipeline().featurise(GeneratedCandles.randomWalk(300, 1));
        FeatureMatrix z = new RollingNormaliser(50, 10).normalise(raw);
        assertThatThrownBy(() -> detector.detect(z)).isInstanceOf(IllegalArgumentException.class);
    }
}
