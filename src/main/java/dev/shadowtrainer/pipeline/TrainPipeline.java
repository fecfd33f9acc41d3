package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.features.AtrAdxRegimeDetector;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.features.FeaturePipeline;
import dev.shadowtrainer.features.RegimeCounts;
import dev.shadowtrainer.features.RollingNormaliser;
import dev.shadowtrainer.features.TrendRegime;
import dev.shadowtrainer.features.TrendRegimeDetector;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code train} job: load and validate candles, featurise, normalise with past-only statistics,
 * detect regimes, and summarise. Simulation and learning plug in after the feature stage.
 */
public final class TrainPipeline {
    private final CandleLoader loader;
    private final String version;

    public TrainPipeline(CandleLoader loader, String version) {
        this.loader = Objects.requireNonNull(loader, "loader is null");
        this.version = Objects.requireNonNull(version, "version is null");
    }

    public TrainSummary run(ShadowConfig config) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        LoadedSeries loaded = loader.load(config.data(), config.seed());
        CandleSeries series = loaded.series();
        long t1 = System.nanoTime();
        timings.put("load", (t1 - t0) / 1_000_000);

        FeatureMatrix raw = new FeaturePipeline().featurise(series);
        int window = config.features().normalizationWindow();
        FeatureMatrix normalised = new RollingNormaliser(window, Math.min(RollingNormaliser.DEFAULT_MIN_SAMPLES, window))
                .normalise(raw);
        int usable = normalised.usableCount();
        if (usable < config.data().minBars()) {
            throw new DataException(String.format(java.util.Locale.ROOT,
                    "%s %s %s: only %d usable bars after the %d-bar warm-up (%d bars, %d filler, %.1f days) but "
                            + "data.min_bars is %d; raise --days or lower data.min_bars",
                    loaded.source(), series.id().symbol(), series.id().timeframe(), usable, raw.warmup(),
                    series.size(), series.fillerCount(), series.coveredDays(), config.data().minBars()));
        }
        byte[] atrAdx = new AtrAdxRegimeDetector().detect(raw);
        byte[] trend = new TrendRegimeDetector().detect(series);
        long t2 = System.nanoTime();
        timings.put("features", (t2 - t1) / 1_000_000);

        return new TrainSummary(version, config.seed(), loaded.source(), series.id().exchange(),
                series.id().symbol().toString(), series.id().timeframe().label(), loaded.requestedDays(),
                series.firstOpen(), series.lastOpen(), series.size(), series.fillerCount(),
                QualitySummary.of(loaded.quality()),
                new TrainSummary.FeatureSummary(raw.featureCount(), raw.names(), raw.warmup(), usable, window),
                names(RegimeCounts.of(AtrAdxRegime.class, atrAdx)), names(RegimeCounts.of(TrendRegime.class, trend)),
                List.of("load", "quality", "features", "normalisation", "regimes"), timings,
                config.effectiveValues());
    }

    private static <E extends Enum<E>> Map<String, Integer> names(Map<E, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }
}
