package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Timeframe;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package contract: every output at bar i is bit-identical whether the series ends at i, goes
 * on as recorded, or goes on with garbage. Checked for every feature column, the usable flags, two
 * normalisers (the default and a short one that re-anchors often) and both regime detectors.
 */
class NoLookaheadTest {
    private static final FeaturePipeline PIPELINE = new FeaturePipeline();
    private static final RollingNormaliser NORMALISER = new RollingNormaliser();
    private static final RollingNormaliser SHORT_NORMALISER = new RollingNormaliser(60, 20);
    private static final AtrAdxRegimeDetector ATR_ADX = new AtrAdxRegimeDetector();
    private static final TrendRegimeDetector TREND = new TrendRegimeDetector();

    /** Everything the package computes for one series. */
    private record Outputs(FeatureMatrix raw, FeatureMatrix normalised, FeatureMatrix shortNormalised,
                           byte[] atrAdx, byte[] trend) {
        static Outputs of(CandleSeries s) {
            FeatureMatrix raw = PIPELINE.featurise(s);
            return new Outputs(raw, NORMALISER.normalise(raw), SHORT_NORMALISER.normalise(raw),
                    ATR_ADX.detect(raw), TREND.detect(s));
        }
    }

    /** Real 15-minute BTC candles, 90 days, and their outputs; computed once, on first use. */
    private static final class RealSeries {
        static final CandleSeries SERIES = SharedCandles.load("BTC/USDT", Timeframe.M15);
        static final Outputs FULL = Outputs.of(SERIES);
    }

    /** A generated series with a two-bar and a one-bar gap, so filler handling is cut too. */
    private static final class GeneratedSeries {
        static final CandleSeries SERIES =
                GeneratedCandles.withFillers(GeneratedCandles.randomWalk(900, 99), 250, 251, 600);
        static final Outputs FULL = Outputs.of(SERIES);
    }

    static Stream<Arguments> realCuts() {
        return IntStream.of(0, 1, 19, 20, 167, 168, 169, 266, 267, 499, 500, 1000, 2345, 4999, 7000, 8638)
                .mapToObj(Arguments::of);
    }

    static Stream<Arguments> generatedCuts() {
        return IntStream.of(5, 59, 60, 168, 200, 249, 250, 251, 300, 419, 420, 500, 600, 700, 898)
                .mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "BTCUSDT 15m cut after bar {0}")
    @MethodSource("realCuts")
    void realCandlesIgnoreTheFuture(int cut) {
        checkCut(RealSeries.SERIES, RealSeries.FULL, cut);
    }

    @ParameterizedTest(name = "generated series cut after bar {0}")
    @MethodSource("generatedCuts")
    void generatedCandlesIgnoreTheFuture(int cut) {
        checkCut(GeneratedSeries.SERIES, GeneratedSeries.FULL, cut);
    }

    private static void checkCut(CandleSeries series, Outputs full, int cut) {
        Outputs cutOff = Outputs.of(series.slice(0, cut + 1));
        Outputs garbage = Outputs.of(GeneratedCandles.withGarbageAfter(series, cut, 1_000L + cut));
        assertSameUpTo(full, cutOff, cut, "cut series");
        assertSameUpTo(full, garbage, cut, "garbage future");
        assertThat(differsAfter(full.raw(), garbage.raw(), cut))
                .as("the garbage future must actually differ, or this test proves nothing").isTrue();
    }

    private static void assertSameUpTo(Outputs expected, Outputs actual, int cut, String variant) {
        assertMatrixPrefix(expected.raw(), actual.raw(), cut, variant + ", raw");
        assertMatrixPrefix(expected.normalised(), actual.normalised(), cut, variant + ", normalised");
        assertMatrixPrefix(expected.shortNormalised(), actual.shortNormalised(), cut, variant + ", short window");
        assertThat(Arrays.copyOf(actual.atrAdx(), cut + 1)).as("%s, ATR/ADX regimes up to bar %d", variant, cut)
                .containsExactly(Arrays.copyOf(expected.atrAdx(), cut + 1));
        assertThat(Arrays.copyOf(actual.trend(), cut + 1)).as("%s, trend regimes up to bar %d", variant, cut)
                .containsExactly(Arrays.copyOf(expected.trend(), cut + 1));
    }

    private static void assertMatrixPrefix(FeatureMatrix expected, FeatureMatrix actual, int cut, String what) {
        assertThat(actual.names()).isEqualTo(expected.names());
        for (int f = 0; f < expected.featureCount(); f++) {
            assertThat(bits(actual, f, cut)).as("%s %s up to bar %d", what, expected.name(f), cut)
                    .containsExactly(bits(expected, f, cut));
        }
        assertThat(Arrays.copyOf(actual.usableFlags(), cut + 1)).as("%s usable flags up to bar %d", what, cut)
                .containsExactly(Arrays.copyOf(expected.usableFlags(), cut + 1));
    }

    private static int[] bits(FeatureMatrix m, int feature, int cut) {
        int[] bits = new int[cut + 1];
        for (int i = 0; i <= cut; i++) {
            bits[i] = Float.floatToIntBits(m.value(i, feature));
        }
        return bits;
    }

    private static boolean differsAfter(FeatureMatrix a, FeatureMatrix b, int cut) {
        for (int i = cut + 1; i < a.size(); i++) {
            for (int f = 0; f < a.featureCount(); f++) {
                if (Float.floatToIntBits(a.value(i, f)) != Float.floatToIntBits(b.value(i, f))) {
                    return true;
                }
            }
        }
        return false;
    }
}
