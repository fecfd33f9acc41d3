package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.config.ConfigException;
import dev.shadowtrainer.features.AtrAdxRegimeDetector;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.features.FeaturePipeline;
import dev.shadowtrainer.features.RollingNormaliser;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.Observation;
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

    /**
     * Checks that an observation of these features, the position block and {@code memory}'s features fits in
     * training.rl_agent.state_dim, before any work starts; a config error otherwise.
     */
    public void requireStateDim(int stateDim, MemoryLookup memory) {
        requireStateDim(stateDim, memory.width());
    }

    /** {@link #requireStateDim(int, MemoryLookup)} for a memory look-up of {@code memoryWidth} values. */
    public void requireStateDim(int stateDim, int memoryWidth) {
        int needed = features.columns().size() + Observation.POSITION_WIDTH + memoryWidth;
        if (stateDim < needed) {
            throw new ConfigException("training.rl_agent.state_dim is " + stateDim + " but the observation needs "
                    + needed + " values (" + features.columns().size() + " features, " + Observation.POSITION_WIDTH
                    + " position, " + memoryWidth + " memory); raise it to at least " + needed);
        }
    }

    /** History bars a window needs before it for every feature and the normalisation to be warm. */
    public int leadInBars() {
        int featureWarmup = features.columns().stream().mapToInt(FeatureColumn::warmup).max().orElse(0);
        return featureWarmup + normaliser.window();
    }

    /** How features are normalised, for a saved model's metadata. */
    public ObservationSpec.Normalisation normalisationSpec() {
        return new ObservationSpec.Normalisation("rolling z-score (x - mean) / population std over the usable "
                + "bars of [i - window + 1, i]; NaN (bar not tradeable) until min_samples bars; 0 when the window "
                + "is constant; clipped to [-clip, clip]", normaliser.window(), normaliser.minSamples(),
                RollingNormaliser.CLIP);
    }

    /** The features in observation order, for a saved model's metadata. */
    public java.util.List<FeatureColumn> featureColumns() {
        return features.columns();
    }

    @Override
    public MarketData apply(CandleSeries candles) {
        FeatureMatrix raw = features.featurise(candles);
        FeatureMatrix normalised = normaliser.normalise(raw);
        return new MarketData(candles, raw, normalised, new AtrAdxRegimeDetector().detect(raw), null);
    }
}
