package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.features.AtrAdxRegimeDetector;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.features.FeaturePipeline;
import dev.shadowtrainer.features.RollingNormaliser;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.sim.MarketData;
import java.util.function.Function;

/**
 * Turns a clean candle series into what the simulator replays: features computed once per series,
 * normalised with past-only statistics, and the ATR/ADX regime of each bar. A function, so the
 * lookahead check can apply the very same preparation to cut and garbage-extended series.
 */
public final class MarketPreparation implements Function<CandleSeries, MarketData> {
    private final FeaturePipeline features = new FeaturePipeline();
    private final RollingNormaliser normaliser;

    public MarketPreparation(int normalizationWindow) {
        this.normaliser = new RollingNormaliser(normalizationWindow,
                Math.min(RollingNormaliser.DEFAULT_MIN_SAMPLES, normalizationWindow));
    }

    /** History bars a window needs before it for every feature and the normalisation to be warm. */
    public int leadInBars() {
        int featureWarmup = features.columns().stream().mapToInt(FeatureColumn::warmup).max().orElse(0);
        return featureWarmup + normaliser.window();
    }

    @Override
    public MarketData apply(CandleSeries candles) {
        FeatureMatrix raw = features.featurise(candles);
        FeatureMatrix normalised = normaliser.normalise(raw);
        return new MarketData(candles, raw, normalised, new AtrAdxRegimeDetector().detect(raw), null);
    }
}
