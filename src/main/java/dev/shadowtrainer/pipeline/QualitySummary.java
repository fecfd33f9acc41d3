package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.market.QualityReport;
import dev.shadowtrainer.market.QuarantinedRow;
import java.util.List;
import java.util.Map;

/**
 * The data-quality report as printed in a run summary: every count, quarantined rows by reason, and
 * the first few quarantined rows as examples (a broken file can have thousands).
 */
public record QualitySummary(int rawRows, int bars, int fillerBars, double missingPercent, int gaps,
                             int longestGapBars, int duplicateRowsMerged, int outOfOrderRows, int offGridFloored,
                             int quarantined, Map<String, Integer> quarantinedByReason,
                             List<QuarantinedRow> quarantinedExamples, int openCandlesDropped) {
    static final int EXAMPLES = 10;

    public static QualitySummary of(QualityReport r) {
        List<QuarantinedRow> examples = r.quarantined().subList(0, Math.min(EXAMPLES, r.quarantined().size()));
        return new QualitySummary(r.rawRows(), r.bars(), r.fillerBars(), r.missingPercent(), r.gaps(),
                r.longestGapBars(), r.duplicateRowsMerged(), r.outOfOrderRows(), r.offGridFloored(),
                r.quarantined().size(), r.quarantinedByReason(), List.copyOf(examples), r.openCandlesDropped());
    }
}
