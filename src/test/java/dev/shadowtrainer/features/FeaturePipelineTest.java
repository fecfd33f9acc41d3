package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.market.CandleSeries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {
    private static final double[] CLOSES = {100, 101, 99, 102, 104, 103, 105, 107, 106, 108, 110, 109, 111, 113,
        112, 114, 116, 115, 117, 120, 119, 121, 123, 122, 125};
    /** Float columns hold about 7 significant digits. */
    private static final double FLOAT_TOLERANCE = 2e-6;

    private final FeaturePipeline pipeline = new FeaturePipeline();

    private static CandleSeries tinySeries() {
        double[] volumes = new double[CLOSES.length];
        for (int i = 0; i < volumes.length; i++) {
            volumes[i] = i + 1;
        }
        return GeneratedCandles.fromCloses(CLOSES, volumes);
    }

    private static double value(FeatureMatrix m, int bar, Feature feature) {
        return m.value(bar, feature.ordinal());
    }

    @Test
    void columnNamesAreUniqueAndInEnumOrder() {
        FeatureMatrix m = pipeline.featurise(tinySeries());
        List<String> expected = new ArrayList<>();
        for (Feature f : Feature.all()) {
            expected.add(f.columnName());
        }
        assertThat(m.names()).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(m.names())).hasSize(Feature.count());
        assertThat(m.featureCount()).isEqualTo(26);
        assertThat(m.indexOf("adx_14")).isEqualTo(Feature.ADX_14.ordinal());
        assertThat(pipeline.columns()).isEqualTo(m.columns());
        assertThat(m.isNormalised()).isFalse();
    }

    @Test
    void warmupsFollowTheSeedFadeRuleAndCoverTa4jUnstableBars() {
        FeatureMatrix m = pipeline.featurise(tinySeries());
        assertThat(m.warmup(Feature.LOG_RETURN_48.ordinal())).isEqualTo(48);
        assertThat(m.warmup(Feature.RSI_14.ordinal())).isEqualTo(84);
        assertThat(m.warmup(Feature.ATR_REL_14.ordinal())).isEqualTo(84);
        assertThat(m.warmup(Feature.ADX_14.ordinal())).isEqualTo(168);
        assertThat(m.warmup(Feature.EMA_DISTANCE_12.ordinal())).isEqualTo(39);
        assertThat(m.warmup(Feature.EMA_SLOPE_12.ordinal())).isEqualTo(40);
        assertThat(m.warmup(Feature.EMA_SLOPE_50.ordinal())).isEqualTo(154);
        assertThat(m.warmup(Feature.MACD_LINE.ordinal())).isEqualTo(81);
        assertThat(m.warmup(Feature.MACD_SIGNAL.ordinal())).isEqualTo(111);
        assertThat(m.warmup(Feature.BOLLINGER_PERCENT_B_20.ordinal())).isEqualTo(19);
        assertThat(m.warmup(Feature.REALISED_VOLATILITY_20.ordinal())).isEqualTo(20);
        assertThat(m.warmup(Feature.TIME_OF_DAY_SIN.ordinal())).isZero();
        assertThat(m.warmup()).isEqualTo(168);
        for (Feature f : Feature.all()) {
            // The ta4j-declared unstable bars never exceed the rule, so the rule is what the matrix reports.
            assertThat(m.warmup(f.ordinal())).as(f.columnName()).isEqualTo(f.warmup());
        }
    }

    @Test
    void simpleFeaturesMatchHandComputedValues() {
        FeatureMatrix m = pipeline.featurise(tinySeries());
        assertThat(value(m, 0, Feature.LOG_RETURN_1)).isNaN();
        assertThat(value(m, 1, Feature.LOG_RETURN_1)).isCloseTo(0.009950330853168092, within(1e-9));
        assertThat(value(m, 4, Feature.LOG_RETURN_4)).isCloseTo(0.03922071315328133, within(1e-8));
        assertThat(value(m, 20, Feature.LOG_RETURN_16)).isCloseTo(0.13473259397015666, within(1e-7));
        assertThat(value(m, 4, Feature.MARKET_PRESSURE_5)).isNaN();
        assertThat(value(m, 5, Feature.MARKET_PRESSURE_5)).isCloseTo(0.5370495669980357, within(FLOAT_TOLERANCE));
        assertThat(value(m, 9, Feature.MARKET_PRESSURE_5)).isCloseTo(0.6464819337624425, within(FLOAT_TOLERANCE));
        assertThat(value(m, 18, Feature.VOLUME_Z_20)).isNaN();
        assertThat(value(m, 19, Feature.VOLUME_Z_20)).isCloseTo(1.647508942095828, within(FLOAT_TOLERANCE));
        assertThat(value(m, 19, Feature.BOLLINGER_PERCENT_B_20)).isCloseTo(0.9794149660548988, within(FLOAT_TOLERANCE));
        assertThat(value(m, 19, Feature.BOLLINGER_WIDTH_20)).isCloseTo(0.2189593215131027, within(FLOAT_TOLERANCE));
        assertThat(value(m, 19, Feature.TREND_STRENGTH_20)).isNaN();
        assertThat(value(m, 20, Feature.TREND_STRENGTH_20)).isCloseTo(19.0 / 35.0, within(FLOAT_TOLERANCE));
        assertThat(value(m, 20, Feature.REALISED_VOLATILITY_20)).isCloseTo(0.015146124356199817, within(1e-8));
    }

    @Test
    void calendarFeaturesUseTheOpenTimeInUtc() {
        CandleSeries s = GeneratedCandles.randomWalk(300, 1);
        FeatureMatrix m = pipeline.featurise(s);
        // Bar 0 opens Monday 00:00 UTC; bars are 15 minutes apart.
        assertThat(value(m, 0, Feature.TIME_OF_DAY_SIN)).isCloseTo(0.0, within(1e-7));
        assertThat(value(m, 0, Feature.TIME_OF_DAY_COS)).isCloseTo(1.0, within(1e-7));
        assertThat(value(m, 24, Feature.TIME_OF_DAY_SIN)).isCloseTo(1.0, within(1e-7));
        assertThat(value(m, 24, Feature.TIME_OF_DAY_COS)).isCloseTo(0.0, within(1e-7));
        assertThat(value(m, 72, Feature.TIME_OF_DAY_SIN)).isCloseTo(-1.0, within(1e-7));
        assertThat(value(m, 0, Feature.DAY_OF_WEEK_SIN)).isCloseTo(0.0, within(1e-7));
        assertThat(value(m, 0, Feature.DAY_OF_WEEK_COS)).isCloseTo(1.0, within(1e-7));
        assertThat(value(m, 95, Feature.DAY_OF_WEEK_COS)).isCloseTo(1.0, within(1e-7));
        // Bar 192 opens Wednesday 00:00: day 2 of the week.
        assertThat(value(m, 192, Feature.DAY_OF_WEEK_SIN)).isCloseTo(0.9749279121818236, within(1e-7));
        assertThat(value(m, 192, Feature.DAY_OF_WEEK_COS)).isCloseTo(-0.22252093395631434, within(1e-7));
    }

    @Test
    void rsiMatchesAnIndependentWilderComputation() {
        CandleSeries s = GeneratedCandles.randomWalk(400, 7);
        FeatureMatrix m = pipeline.featurise(s);
        double gain = 0;
        double loss = 0;
        for (int i = 1; i < s.size(); i++) {
            double change = s.close(i) - s.close(i - 1);
            gain += (Math.max(change, 0) - gain) / 14;
            loss += (Math.max(-change, 0) - loss) / 14;
            double rsi = loss == 0 ? (gain == 0 ? 0 : 1) : 1 - 1 / (1 + gain / loss);
            assertThat(value(m, i, Feature.RSI_14)).as("rsi at %d", i).isCloseTo(rsi, within(FLOAT_TOLERANCE));
        }
    }

    @Test
    void emaAndMacdMatchIndependentRecursions() {
        CandleSeries s = GeneratedCandles.randomWalk(400, 11);
        FeatureMatrix m = pipeline.featurise(s);
        double ema12 = s.close(0);
        double ema26 = s.close(0);
        double ema50 = s.close(0);
        double signal = 0;
        for (int i = 0; i < s.size(); i++) {
            double c = s.close(i);
            double previous12 = ema12;
            double previous50 = ema50;
            ema12 += (c - ema12) * 2 / 13;
            ema26 += (c - ema26) * 2 / 27;
            ema50 += (c - ema50) * 2 / 51;
            double line = ema12 - ema26;
            signal = i == 0 ? line : signal + (line - signal) * 2 / 10;
            assertThat(value(m, i, Feature.EMA_DISTANCE_12)).isCloseTo(c / ema12 - 1, within(1e-7));
            assertThat(value(m, i, Feature.EMA_DISTANCE_26)).isCloseTo(c / ema26 - 1, within(1e-7));
            assertThat(value(m, i, Feature.EMA_DISTANCE_50)).isCloseTo(c / ema50 - 1, within(1e-7));
            if (i > 0) {
                assertThat(value(m, i, Feature.EMA_SLOPE_12)).isCloseTo(ema12 / previous12 - 1, within(1e-8));
                assertThat(value(m, i, Feature.EMA_SLOPE_50)).isCloseTo(ema50 / previous50 - 1, within(1e-8));
            }
            assertThat(value(m, i, Feature.MACD_LINE)).isCloseTo(line / c, within(1e-8));
            assertThat(value(m, i, Feature.MACD_SIGNAL)).isCloseTo(signal / c, within(1e-8));
            assertThat(value(m, i, Feature.MACD_HISTOGRAM)).isCloseTo((line - signal) / c, within(1e-8));
        }
    }

    @Test
    void atrMatchesAnIndependentWilderAverageOfTrueRange() {
        CandleSeries s = GeneratedCandles.randomWalk(300, 5);
        FeatureMatrix m = pipeline.featurise(s);
        double atr = s.high(0) - s.low(0);
        for (int i = 1; i < s.size(); i++) {
            double range = Math.max(s.high(i) - s.low(i),
                    Math.max(Math.abs(s.high(i) - s.close(i - 1)), Math.abs(s.close(i - 1) - s.low(i))));
            atr += (range - atr) / 14;
            assertThat(value(m, i, Feature.ATR_REL_14)).isCloseTo(atr / s.close(i), within(1e-8));
        }
    }

    @Test
    void adxApproachesOneOnAMoveWithoutPullbacks() {
        double[] closes = new double[400];
        double[] volumes = new double[400];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100 * Math.pow(1.002, i);
            volumes[i] = 10 + i % 3;
        }
        FeatureMatrix m = pipeline.featurise(GeneratedCandles.fromCloses(closes, volumes));
        assertThat(value(m, 399, Feature.ADX_14)).isCloseTo(1.0, within(1e-3));
        assertThat(value(m, 399, Feature.TREND_STRENGTH_20)).isCloseTo(1.0, within(1e-6));
        assertThat(value(m, 399, Feature.RSI_14)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void subCentPricesGiveTheSameIndicatorsAsDollarPrices() {
        CandleSeries dollars = GeneratedCandles.randomWalk(400, 3);
        int n = dollars.size();
        CandleSeries.Builder scaled = CandleSeries.builder(dollars.id(), n);
        for (int i = 0; i < n; i++) {
            scaled.add(dollars.openTime(i), dollars.open(i) * 1e-9, dollars.high(i) * 1e-9, dollars.low(i) * 1e-9,
                    dollars.close(i) * 1e-9, dollars.volume(i));
        }
        CandleSeries cents = scaled.build();
        FeatureMatrix expected = pipeline.featurise(dollars);
        FeatureMatrix actual = pipeline.featurise(cents);
        for (int i = expected.warmup(); i < n; i++) {
            for (Feature f : Feature.all()) {
                assertThat(value(actual, i, f)).as("%s at %d", f.columnName(), i)
                        .isCloseTo(value(expected, i, f), within(1e-5));
            }
        }
        assertThat(value(actual, n - 1, Feature.ADX_14)).isGreaterThan(0.0);
    }

    @Test
    void noBarIsUsableBeforeTheWarmup() {
        FeatureMatrix m = pipeline.featurise(GeneratedCandles.randomWalk(600, 2));
        for (int i = 0; i < m.size(); i++) {
            assertThat(m.isUsable(i)).as("bar %d", i).isEqualTo(i >= m.warmup());
        }
        assertThat(m.usableFlags()).hasSize(600);
        assertThat(m.usableCount()).isEqualTo(600 - 168);
    }

    @Test
    void barsWhoseLookbackWindowHoldsAFillerAreNotUsable() {
        int filler = 300;
        CandleSeries s = GeneratedCandles.withFillers(GeneratedCandles.randomWalk(800, 4), filler);
        FeatureMatrix m = pipeline.featurise(s);
        int w = m.warmup();
        for (int i = 0; i < m.size(); i++) {
            boolean expected = i >= w && (i < filler || i > filler + w);
            assertThat(m.isUsable(i)).as("bar %d", i).isEqualTo(expected);
        }
    }

    @Test
    void rowsWithUndefinedValuesAreNotUsable() {
        double[] closes = new double[300];
        double[] volumes = new double[300];
        java.util.Arrays.fill(closes, 50.0);
        java.util.Arrays.fill(volumes, 1.0);
        FeatureMatrix m = pipeline.featurise(GeneratedCandles.fromCloses(closes, volumes));
        // A flat price has zero Bollinger band width, so %B is 0 / 0.
        assertThat(value(m, 250, Feature.BOLLINGER_PERCENT_B_20)).isNaN();
        assertThat(m.usableCount()).isZero();
    }

    @Test
    void copyRowAndColumnAgreeWithValue() {
        FeatureMatrix m = pipeline.featurise(GeneratedCandles.randomWalk(250, 9));
        float[] row = new float[m.featureCount() + 3];
        m.copyRow(200, row, 3);
        float[] column = m.column(Feature.RSI_14.ordinal());
        for (int f = 0; f < m.featureCount(); f++) {
            assertThat(row[3 + f]).isEqualTo(m.value(200, f));
        }
        assertThat(column[200]).isEqualTo(m.value(200, Feature.RSI_14.ordinal()));
    }

    @Test
    void emptySeriesGivesAnEmptyMatrix() {
        FeatureMatrix m = pipeline.featurise(GeneratedCandles.randomWalk(0, 1));
        assertThat(m.size()).isZero();
        assertThat(m.featureCount()).isEqualTo(Feature.count());
    }
}
