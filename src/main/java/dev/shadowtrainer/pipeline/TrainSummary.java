package dev.shadowtrainer.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code train} run did, for the console (text) and machines (JSON). Stages not yet run are
 * named in {@code stagesRun} so the summary never claims work that was not done.
 */
public record TrainSummary(String version, long seed, String source, String exchange, String symbol,
                           String timeframe, int requestedDays, Instant firstOpen, Instant lastOpen, int bars,
                           int windowFillerBars, int historyBars, QualitySummary quality, FeatureSummary features,
                           Map<String, Integer> atrAdxRegimes, Map<String, Integer> trendRegimes,
                           List<String> stagesRun, Map<String, Long> timingsMillis, Map<String, Object> config) {

    /** Features computed for the run. */
    public record FeatureSummary(int count, List<String> names, int warmupBars, int usableBars,
                                 int normalizationWindow) {
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "train %s %s %s from %s (seed %d)", exchange, symbol, timeframe, source, seed));
        out.add(String.format(Locale.ROOT, "window   %s .. %s: %d bars (%d filler), last %d days, %d bars of history before it",
                firstOpen, lastOpen, bars, windowFillerBars, requestedDays, historyBars));
        QualitySummary q = quality;
        out.add(String.format(Locale.ROOT, "quality  %d rows read -> %d bars; gaps %d (longest %d bars, %.3f%% missing)",
                q.rawRows(), q.bars(), q.gaps(), q.longestGapBars(), q.missingPercent()));
        out.add(String.format(Locale.ROOT, "         duplicates merged %d, out of order %d, off-grid floored %d, "
                        + "quarantined %d%s, still-open dropped %d", q.duplicateRowsMerged(), q.outOfOrderRows(),
                q.offGridFloored(), q.quarantined(), q.quarantined() == 0 ? "" : " " + q.quarantinedByReason(),
                q.openCandlesDropped()));
        out.add(String.format(Locale.ROOT, "features %d per bar, warm-up %d bars, %d usable bars in the window, normalised over %d bars",
                features.count(), features.warmupBars(), features.usableBars(), features.normalizationWindow()));
        out.add("regimes  ATR/ADX " + share(atrAdxRegimes));
        out.add("         trend   " + share(trendRegimes));
        out.add("stages   " + String.join(", ", stagesRun) + " (" + timingsMillis.values().stream()
                .mapToLong(Long::longValue).sum() + " ms)");
        return out;
    }

    private String share(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.1f%%", k.toLowerCase(Locale.ROOT),
                total == 0 ? 0.0 : 100.0 * v / total)));
        return String.join(", ", parts);
    }
}
