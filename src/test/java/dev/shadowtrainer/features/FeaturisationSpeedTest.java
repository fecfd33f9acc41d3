package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Timeframe;
import org.junit.jupiter.api.Test;

/**
 * A speed sanity check on 90 days of real 5-minute BTC candles (~26k bars). It prints timings and
 * regime counts for the run log and asserts only correctness: timing depends on the machine.
 */
class FeaturisationSpeedTest {

    @Test
    void featurisesNinetyDaysOfFiveMinuteCandles() {
        CandleSeries candles = SharedCandles.load("BTC/USDT", Timeframe.M5);
        FeaturePipeline pipeline = new FeaturePipeline();
        RollingNormaliser normaliser = new RollingNormaliser();
        AtrAdxRegimeDetector atrAdx = new AtrAdxRegimeDetector();
        TrendRegimeDetector trend = new TrendRegimeDetector();

        for (int run = 1; run <= 2; run++) {
            long start = System.nanoTime();
            FeatureMatrix raw = pipeline.featurise(candles);
            long featurised = System.nanoTime();
            FeatureMatrix normalised = normaliser.normalise(raw);
            long normalisedAt = System.nanoTime();
            byte[] atrAdxRegimes = atrAdx.detect(raw);
            byte[] trendRegimes = trend.detect(candles);
            long detected = System.nanoTime();
            System.out.printf("run %d: %d bars x %d features: featurise %.1f ms, normalise %.1f ms, "
                            + "detectors %.1f ms; usable raw %d, normalised %d%n",
                    run, raw.size(), raw.featureCount(), (featurised - start) / 1e6,
                    (normalisedAt - featurised) / 1e6, (detected - normalisedAt) / 1e6,
                    raw.usableCount(), normalised.usableCount());
            if (run == 2) {
                System.out.println("ATR/ADX regimes: " + RegimeCounts.of(AtrAdxRegime.class, atrAdxRegimes));
                System.out.println("trend regimes:   " + RegimeCounts.of(TrendRegime.class, trendRegimes));
            }
            assertThat(raw.size()).isEqualTo(candles.size());
            assertThat(raw.usableCount()).isEqualTo(candles.size() - raw.warmup());
            assertThat(normalised.usableCount()).isEqualTo(candles.size() - normalised.warmup());
        }
        assertThat(candles.size()).isGreaterThan(25_000);
    }
}
