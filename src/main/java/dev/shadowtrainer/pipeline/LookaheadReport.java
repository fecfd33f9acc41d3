package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.pipeline.LookaheadDifference.Kind;
import dev.shadowtrainer.pipeline.LookaheadDifference.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What a lookahead check found, for the console (text) and machines (JSON).
 *
 * @param series           the market checked, e.g. {@code binance BTC/USDT 15m}
 * @param policy           name of the policy that was run
 * @param bars             bars in the series, history lead-in included
 * @param from             first bar the simulator ran on; decision points lie in [from, bars - 1)
 * @param cutPoints        the decision points t checked, in time order
 * @param variants         how the future after each t was changed
 * @param clean            true when no value at or before any t differed
 * @param totalDifferences every difference found
 * @param differencesByKind the differences counted by kind
 * @param leakyCutPoints   the decision points at which some difference was found
 * @param differences      the first differences found (at most {@value RunComparison#KEPT}), in the order
 *                         checked: by decision point, variant, then features before decisions before fills
 * @param compared         how much was compared, so a clean result can be seen to mean something
 */
public record LookaheadReport(String series, String policy, int bars, int from, List<Integer> cutPoints,
                              List<Variant> variants, boolean clean, long totalDifferences,
                              Map<Kind, Long> differencesByKind, List<Integer> leakyCutPoints,
                              List<LookaheadDifference> differences, Compared compared) {
    /** Differences printed in the text summary; the JSON holds all that were kept. */
    public static final int PRINTED = 20;

    /**
     * Counts of what was compared over all decision points and variants.
     *
     * @param featureValues raw and normalised feature values
     * @param decisions     bars on which at least one of the two runs decided
     * @param fills         fills of the policy's orders present in both runs
     * @param shadowTrades  resolved shadow trades present in both runs
     * @param postExitWindows post-exit windows (policy and shadow trades) ended by the decision point
     */
    public record Compared(long featureValues, long decisions, long fills, long shadowTrades, long postExitWindows) {
    }

    public LookaheadReport {
        Objects.requireNonNull(series, "series is null");
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(compared, "compared is null");
        cutPoints = List.copyOf(cutPoints);
        variants = List.copyOf(variants);
        EnumMap<Kind, Long> byKind = new EnumMap<>(Kind.class);
        byKind.putAll(differencesByKind);
        differencesByKind = Collections.unmodifiableMap(byKind);
        leakyCutPoints = List.copyOf(leakyCutPoints);
        differences = List.copyOf(differences);
        if (clean != (totalDifferences == 0)) {
            throw new IllegalArgumentException("clean must mean no differences (" + totalDifferences + " found)");
        }
    }

    /** Whether any difference of this kind was found. */
    public boolean found(Kind kind) {
        return differencesByKind.getOrDefault(kind, 0L) > 0;
    }

    /** The summary lines: a header, then either the verdict or each difference (first {@link #PRINTED}). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        StringJoiner how = new StringJoiner(", ");
        variants.forEach(v -> how.add(v.label()));
        out.add(String.format(Locale.ROOT, "lookahead-check %s, policy %s, bars %d..%d of %d, decision points %s",
                series, policy, from, bars - 1, bars, cutPoints));
        out.add(String.format(Locale.ROOT, "compared %d feature values, %d decisions, %d fills, %d shadow trades, "
                        + "%d post-exit windows", compared.featureValues(), compared.decisions(), compared.fills(),
                compared.shadowTrades(), compared.postExitWindows()));
        String checked = String.format(Locale.ROOT, "checked %d decision points x %d variants (%s) over %d bars",
                cutPoints.size(), variants.size(), how, bars - from);
        if (clean) {
            out.add(checked + ": no lookahead");
            return out;
        }
        differences.stream().limit(PRINTED).forEach(d -> out.add(d.line()));
        if (totalDifferences > Math.min(PRINTED, differences.size())) {
            out.add(String.format(Locale.ROOT, "... and %d more (--json lists the first %d)",
                    totalDifferences - Math.min(PRINTED, differences.size()), differences.size()));
        }
        StringJoiner kinds = new StringJoiner(", ");
        differencesByKind.forEach((k, n) -> kinds.add(k.label() + " " + n));
        out.add(String.format(Locale.ROOT, "%s: LOOKAHEAD, %d differences (%s) at %d of %d decision points",
                checked, totalDifferences, kinds, leakyCutPoints.size(), cutPoints.size()));
        return out;
    }
}
