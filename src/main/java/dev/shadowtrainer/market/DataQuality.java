package dev.shadowtrainer.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The one gate every source passes through: turns raw candles into a clean {@link CandleSeries} on a
 * dense grid and reports what it did. Rules, in order:
 * <ol>
 *   <li>Rows out of order are counted and the rows stably sorted by open time.</li>
 *   <li>Rows with a NaN, infinite, zero or negative price, negative or non-finite volume, high below
 *       low, or open/close outside [low, high] are quarantined with the reason.</li>
 *   <li>An open time off the timeframe grid is floored onto it, unless its slot also holds a row with a
 *       different original time; then the off-grid rows are ambiguous and quarantined.</li>
 *   <li>Rows with the same open time are merged: open of the first, highest high, lowest low, close of
 *       the last, volumes summed.</li>
 *   <li>Candles not yet closed at {@code now} (open time + timeframe &gt; now) are dropped.</li>
 *   <li>Holes in the grid are filled with filler bars (previous close, zero volume) flagged so that
 *       nothing trades on them and no feature window spans them unnoticed.</li>
 * </ol>
 */
public final class DataQuality {
    static final String INVALID_PRICE = "non-finite, zero or negative price";
    static final String INVALID_VOLUME = "negative or non-finite volume";
    static final String HIGH_BELOW_LOW = "high below low";
    static final String OUTSIDE_RANGE = "open or close outside high-low range";
    static final String AMBIGUOUS_OFF_GRID = "off-grid time with another row in its slot";

    private DataQuality() {
    }

    public static CleanedSeries clean(SeriesId id, List<Candle> raw, Instant now) {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(raw, "raw is null");
        Objects.requireNonNull(now, "now is null");
        long step = id.timeframe().millis();

        int outOfOrder = 0;
        for (int i = 1; i < raw.size(); i++) {
            if (raw.get(i).openTime().isBefore(raw.get(i - 1).openTime())) {
                outOfOrder++;
            }
        }
        List<Candle> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparing(Candle::openTime)); // List.sort is stable: file order kept within a time

        List<QuarantinedRow> quarantined = new ArrayList<>();
        List<Candle> valid = new ArrayList<>(sorted.size());
        for (Candle c : sorted) {
            String reason = invalidReason(c);
            if (reason != null) {
                quarantined.add(new QuarantinedRow(c.openTime(), reason));
            } else {
                valid.add(c);
            }
        }

        int offGridFloored = 0;
        int duplicatesMerged = 0;
        int openDropped = 0;
        List<Candle> merged = new ArrayList<>(valid.size());
        int i = 0;
        while (i < valid.size()) {
            long slot = Math.floorDiv(valid.get(i).openTimeMillis(), step) * step;
            int j = i;
            boolean onGrid = false;
            boolean mixedTimes = false;
            long firstTime = valid.get(i).openTimeMillis();
            while (j < valid.size() && Math.floorDiv(valid.get(j).openTimeMillis(), step) * step == slot) {
                long t = valid.get(j).openTimeMillis();
                onGrid |= t == slot;
                mixedTimes |= t != firstTime;
                j++;
            }
            List<Candle> kept = new ArrayList<>(j - i);
            for (int k = i; k < j; k++) {
                Candle c = valid.get(k);
                boolean isOnGrid = c.openTimeMillis() == slot;
                if (!isOnGrid && mixedTimes) {
                    quarantined.add(new QuarantinedRow(c.openTime(), AMBIGUOUS_OFF_GRID));
                } else {
                    if (!isOnGrid) {
                        offGridFloored++;
                    }
                    kept.add(c);
                }
            }
            // Ambiguous off-grid rows with no on-grid row left nothing to keep: the slot becomes a gap.
            if (!kept.isEmpty()) {
                duplicatesMerged += kept.size() - 1;
                Candle m = mergeInto(slot, kept);
                if (slot + step > now.toEpochMilli()) {
                    openDropped++;
                } else {
                    merged.add(m);
                }
            }
            i = j;
        }

        return fill(id, merged, step, new Counts(raw.size(), outOfOrder, duplicatesMerged, offGridFloored,
                quarantined, openDropped));
    }

    private record Counts(int raw, int outOfOrder, int duplicates, int offGrid, List<QuarantinedRow> quarantined,
                          int openDropped) {
    }

    private static CleanedSeries fill(SeriesId id, List<Candle> rows, long step, Counts counts) {
        int gaps = 0;
        int longest = 0;
        long total = 0;
        for (int k = 1; k < rows.size(); k++) {
            long missing = (rows.get(k).openTimeMillis() - rows.get(k - 1).openTimeMillis()) / step - 1;
            if (missing > 0) {
                gaps++;
                longest = (int) Math.max(longest, missing);
            }
            total += missing + 1;
        }
        total += rows.isEmpty() ? 0 : 1;
        if (total > Integer.MAX_VALUE - 8) {
            throw new DataException(id + ": the data span " + total + " bars, too many to hold; use a shorter range");
        }
        int n = (int) total;
        CandleSeries.Builder builder = CandleSeries.builder(id, n);
        long previousOpen = 0;
        double previousClose = 0;
        for (int k = 0; k < rows.size(); k++) {
            Candle row = rows.get(k);
            if (k > 0) {
                for (long time = previousOpen + step; time < row.openTimeMillis(); time += step) {
                    builder.addFiller(time, previousClose);
                }
            }
            builder.add(row.openTimeMillis(), row.open(), row.high(), row.low(), row.close(), row.volume());
            previousOpen = row.openTimeMillis();
            previousClose = row.close();
        }
        CandleSeries series = builder.build();
        int fillers = n - rows.size();
        QualityReport report = new QualityReport(counts.raw(), counts.outOfOrder(), counts.duplicates(),
                counts.offGrid(), counts.quarantined(), counts.openDropped(), gaps, longest, fillers, n);
        return new CleanedSeries(series, report);
    }

    private static Candle mergeInto(long slot, List<Candle> rows) {
        Candle first = rows.get(0);
        double high = first.high();
        double low = first.low();
        double volume = 0;
        for (Candle c : rows) {
            high = Math.max(high, c.high());
            low = Math.min(low, c.low());
            volume += c.volume();
        }
        return new Candle(Instant.ofEpochMilli(slot), first.open(), high, low, rows.get(rows.size() - 1).close(),
                volume);
    }

    static String invalidReason(Candle c) {
        double[] prices = {c.open(), c.high(), c.low(), c.close()};
        if (Arrays.stream(prices).anyMatch(p -> !Double.isFinite(p) || p <= 0)) {
            return INVALID_PRICE;
        }
        if (!Double.isFinite(c.volume()) || c.volume() < 0) {
            return INVALID_VOLUME;
        }
        if (c.high() < c.low()) {
            return HIGH_BELOW_LOW;
        }
        if (c.open() > c.high() || c.open() < c.low() || c.close() > c.high() || c.close() < c.low()) {
            return OUTSIDE_RANGE;
        }
        return null;
    }
}
