package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataQualityTest {
    private static final SeriesId ID = new SeriesId("test", Symbol.parse("BTC/USDT"), Timeframe.M5);
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long STEP = 300_000;
    private static final Instant LATER = Instant.parse("2026-01-01T00:00:00Z");

    private static Candle bar(long t, double o, double h, double l, double c, double v) {
        return new Candle(Instant.ofEpochMilli(t), o, h, l, c, v);
    }

    private static Candle bar(int index, double close) {
        return bar(T0 + index * STEP, close, close + 1, close - 1, close, 10);
    }

    @Test
    void cleanInputPassesUnchanged() {
        List<Candle> raw = List.of(bar(0, 100), bar(1, 101), bar(2, 102));
        CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
        assertThat(cleaned.report().clean()).isTrue();
        assertThat(cleaned.series().size()).isEqualTo(3);
        assertThat(cleaned.series().close(2)).isEqualTo(102);
        assertThat(cleaned.report().describe()).hasSize(3);
    }

    @Test
    void outOfOrderRowsAreSortedAndCounted() {
        List<Candle> raw = List.of(bar(1, 101), bar(0, 100), bar(3, 103), bar(2, 102));
        CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
        assertThat(cleaned.report().outOfOrderRows()).isEqualTo(2);
        assertThat(cleaned.series().closes()).containsExactly(100, 101, 102, 103);
    }

    @Test
    void duplicatesMergeOpenFirstHighMaxLowMinCloseLastVolumeSummed() {
        List<Candle> raw = List.of(
                bar(T0, 100, 105, 99, 104, 1),
                bar(T0, 101, 107, 98, 103, 2),
                bar(T0 + STEP, 103, 104, 102, 103, 5));
        CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
        CandleSeries s = cleaned.series();
        assertThat(cleaned.report().duplicateRowsMerged()).isEqualTo(1);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.candle(0)).isEqualTo(bar(T0, 100, 107, 98, 103, 3));
    }

    @Test
    void invalidRowsAreQuarantinedWithReasonAndLeaveAFilledGap() {
        List<Candle> raw = List.of(
                bar(0, 100),
                bar(T0 + STEP, Double.NaN, 101, 99, 100, 1),
                bar(T0 + 2 * STEP, 100, 99, 101, 100, 1),
                bar(T0 + 3 * STEP, 100, 101, 99, -5, 1),
                bar(T0 + 4 * STEP, 100, 101, 99, 100, -1),
                bar(T0 + 5 * STEP, 100, 101, 99, 102, 1),
                bar(6, 100));
        CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
        QualityReport r = cleaned.report();
        assertThat(r.quarantined()).extracting(QuarantinedRow::reason).containsExactly(
                DataQuality.INVALID_PRICE, DataQuality.HIGH_BELOW_LOW, DataQuality.INVALID_PRICE,
                DataQuality.INVALID_VOLUME, DataQuality.OUTSIDE_RANGE);
        assertThat(r.quarantinedByReason()).containsEntry(DataQuality.INVALID_PRICE, 2);
        assertThat(cleaned.series().size()).isEqualTo(7);
        assertThat(r.fillerBars()).isEqualTo(5);
        assertThat(r.gaps()).isEqualTo(1);
        assertThat(r.longestGapBars()).isEqualTo(5);
    }

    @Test
    void gapIsFilledWithFlaggedFlatBarsAtPreviousClose() {
        List<Candle> raw = List.of(bar(0, 100), bar(1, 101), bar(4, 104), bar(5, 105), bar(7, 107));
        CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
        CandleSeries s = cleaned.series();
        assertThat(s.size()).isEqualTo(8);
        assertThat(s.isFiller(2)).isTrue();
        assertThat(s.isFiller(3)).isTrue();
        assertThat(s.isFiller(6)).isTrue();
        assertThat(s.isFiller(4)).isFalse();
        assertThat(s.open(2)).isEqualTo(101);
        assertThat(s.high(3)).isEqualTo(101);
        assertThat(s.volume(3)).isZero();
        QualityReport r = cleaned.report();
        assertThat(r.gaps()).isEqualTo(2);
        assertThat(r.longestGapBars()).isEqualTo(2);
        assertThat(r.fillerBars()).isEqualTo(3);
        assertThat(r.missingPercent()).isEqualTo(100.0 * 3 / 8);
    }

    @Test
    void offGridTimeIsFlooredWhenItsSlotIsFree() {
        List<Candle> raw = List.of(bar(0, 100), bar(T0 + STEP + 7_000, 101, 102, 100, 101, 1), bar(2, 102));
        CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
        assertThat(cleaned.report().offGridFloored()).isEqualTo(1);
        assertThat(cleaned.series().openTime(1)).isEqualTo(T0 + STEP);
        assertThat(cleaned.series().close(1)).isEqualTo(101);
        assertThat(cleaned.report().quarantined()).isEmpty();
    }

    @Test
    void offGridTimeSharingASlotWithAnotherRowIsAmbiguousAndQuarantined() {
        List<Candle> raw = List.of(bar(0, 100), bar(1, 101), bar(T0 + STEP + 60_000, 150, 151, 149, 150, 1),
                bar(2, 102));
        CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
        assertThat(cleaned.report().quarantined()).extracting(QuarantinedRow::reason)
                .containsExactly(DataQuality.AMBIGUOUS_OFF_GRID);
        assertThat(cleaned.series().close(1)).isEqualTo(101);
        assertThat(cleaned.report().offGridFloored()).isZero();
    }

    @Test
    void stillOpenLastCandleIsDropped() {
        List<Candle> raw = List.of(bar(0, 100), bar(1, 101), bar(2, 102));
        Instant now = Instant.ofEpochMilli(T0 + 2 * STEP + 60_000); // bar 2 opened a minute ago
        CleanedSeries cleaned = DataQuality.clean(ID, raw, now);
        assertThat(cleaned.report().openCandlesDropped()).isEqualTo(1);
        assertThat(cleaned.series().size()).isEqualTo(2);
    }

    @Test
    void emptyInputGivesEmptySeries() {
        CleanedSeries cleaned = DataQuality.clean(ID, List.of(), LATER);
        assertThat(cleaned.series().isEmpty()).isTrue();
        assertThat(cleaned.report().bars()).isZero();
    }

    @Test
    void randomDirtyInputAlwaysYieldsAValidGridSeries() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 50; trial++) {
            List<Candle> raw = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                long t = T0 + random.nextInt(300) * STEP + (random.nextInt(10) == 0 ? random.nextInt(300_000) : 0);
                double c = 100 + random.nextGaussian();
                double h = c + Math.abs(random.nextGaussian());
                double l = c - Math.abs(random.nextGaussian());
                if (random.nextInt(20) == 0) {
                    h = Double.NaN;
                }
                raw.add(bar(t, c, h, l, c, random.nextDouble()));
            }
            CleanedSeries cleaned = DataQuality.clean(ID, raw, LATER);
            CandleSeries s = cleaned.series();
            QualityReport r = cleaned.report();
            // Every raw row is accounted for: kept, merged into another, or quarantined.
            assertThat(s.size() - r.fillerBars() + r.duplicateRowsMerged() + r.quarantined().size())
                    .isEqualTo(r.rawRows());
            for (int k = 0; k < s.size(); k++) {
                assertThat(s.openTime(k) % STEP).isZero();
                assertThat(DataQuality.invalidReason(s.candle(k))).isNull();
            }
        }
    }
}
