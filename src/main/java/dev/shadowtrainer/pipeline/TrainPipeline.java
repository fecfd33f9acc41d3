package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.features.AtrAdxRegimeDetector;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.features.FeaturePipeline;
import dev.shadowtrainer.features.RegimeCounts;
import dev.shadowtrainer.features.RollingNormaliser;
import dev.shadowtrainer.features.TrendRegime;
import dev.shadowtrainer.features.TrendRegimeDetector;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code train} job: load and validate candles, featurise, normalise with past-only statistics,
 * detect regimes, and summarise. Simulation and learning plug in after the feature stage.
 *
 * <p>History before the requested window (when the source has it) is loaded as a lead-in so the
 * indicators and the normalisation are warmed up when the window opens; the lead-in lies entirely in
 * the past of the window, so this uses no future information.
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
        FeaturePipeline features = new FeaturePipeline();
        int window = config.features().normalizationWindow();
        RollingNormaliser normaliser = new RollingNormaliser(window,
                Math.min(RollingNormaliser.DEFAULT_MIN_SAMPLES, window));
        int featureWarmup = features.columns().stream().mapToInt(FeatureColumn::warmup).max().orElse(0);
        LoadedSeries loaded = loader.load(config.data(), config.seed(), featureWarmup + window);
        CandleSeries series = loaded.series();
        int from = loaded.windowStart();
        long t1 = System.nanoTime();
        timings.put("load", (t1 - t0) / 1_000_000);

        FeatureMatrix raw = features.featurise(series);
        FeatureMatrix normalised = normaliser.normalise(raw);
        int usable = 0;
        for (int i = from; i < series.size(); i++) {
            usable += normalised.isUsable(i) ? 1 : 0;
        }
        if (usable < config.data().minBars()) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s %s %s: only %d usable bars in the %d-day window (%d bars, %d filler, %d bars of history "
                            + "before it, %d-bar warm-up) but data.min_bars is %d; raise --days or lower data.min_bars",
                    loaded.source(), series.id().symbol(), series.id().timeframe(), usable, loaded.requestedDays(),
                    loaded.windowBars(), fillers(series, from), from, normalised.warmup(), config.data().minBars()));
        }
        byte[] atrAdx = Arrays.copyOfRange(new AtrAdxRegimeDetector().detect(raw), from, series.size());
        byte[] trend = Arrays.copyOfRange(new TrendRegimeDetector().detect(series), from, series.size());
        long t2 = System.nanoTime();
        timings.put("features", (t2 - t1) / 1_000_000);

        return new TrainSummary(version, config.seed(), loaded.source(), series.id().exchange(),
                series.id().symbol().toString(), series.id().timeframe().label(), loaded.requestedDays(),
                java.time.Instant.ofEpochMilli(series.openTime(from)), series.lastOpen(),
                loaded.windowBars(), fillers(series, from), from,
                QualitySummary.of(loaded.quality()),
                new TrainSummary.FeatureSummary(raw.featureCount(), raw.names(), normalised.warmup(), usable, window),
                names(RegimeCounts.of(AtrAdxRegime.class, atrAdx)), names(RegimeCounts.of(TrendRegime.class, trend)),
                List.of("load", "quality", "features", "normalisation", "regimes"), timings,
                config.effectiveValues());
    }

    private static int fillers(CandleSeries series, int from) {
        int count = 0;
        for (int i = from; i < series.size(); i++) {
            count += series.isFiller(i) ? 1 : 0;
        }
        return count;
    }

    private static <E extends Enum<E>> Map<String, Integer> names(Map<E, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }
}
