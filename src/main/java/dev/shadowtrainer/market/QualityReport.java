package dev.shadowtrainer.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link DataQuality} found and did, reported in every run summary.
 *
 * @param rawRows            rows the source delivered
 * @param outOfOrderRows     rows whose time was earlier than the row before them (the series is sorted)
 * @param duplicateRowsMerged rows merged into another row with the same open time
 * @param offGridFloored     rows whose open time was off the timeframe grid and was floored onto it
 * @param quarantined        rows kept out, with reasons (invalid prices, ambiguous off-grid times)
 * @param openCandlesDropped candles still open (or in the future) at the time of the run, dropped
 * @param gaps               number of holes in the grid between first and last candle
 * @param longestGapBars     bars missing in the longest hole
 * @param fillerBars         bars inserted to fill holes (flagged, never traded)
 * @param bars               bars in the cleaned series, fillers included
 */
public record QualityReport(int rawRows, int outOfOrderRows, int duplicateRowsMerged, int offGridFloored,
                            List<QuarantinedRow> quarantined, int openCandlesDropped, int gaps,
                            int longestGapBars, int fillerBars, int bars) {
    public QualityReport {
        Objects.requireNonNull(quarantined, "quarantined is null");
        quarantined = List.copyOf(quarantined);
    }

    /** Share of grid bars that had to be filled, in percent. */
    public double missingPercent() {
        return bars == 0 ? 0 : 100.0 * fillerBars / bars;
    }

    /** Quarantined row counts by reason, sorted by reason. */
    public Map<String, Integer> quarantinedByReason() {
        Map<String, Integer> counts = new TreeMap<>();
        for (QuarantinedRow row : quarantined) {
            counts.merge(row.reason(), 1, Integer::sum);
        }
        return counts;
    }

    /** Whether the cleaner changed or removed anything. */
    public boolean clean() {
        return outOfOrderRows == 0 && duplicateRowsMerged == 0 && offGridFloored == 0 && quarantined.isEmpty()
                && gaps == 0;
    }

    /** Short human-readable lines for the console summary. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("rows %d -> bars %d (%d filler, %.3f%% missing)", rawRows, bars, fillerBars,
                missingPercent()));
        lines.add(String.format("gaps %d (longest %d bars), duplicates merged %d, out of order %d, off grid floored %d",
                gaps, longestGapBars, duplicateRowsMerged, outOfOrderRows, offGridFloored));
        lines.add("quarantined " + quarantined.size()
                + (quarantined.isEmpty() ? "" : " " + quarantinedByReason())
                + ", still-open candles dropped " + openCandlesDropped);
        return lines;
    }
}
