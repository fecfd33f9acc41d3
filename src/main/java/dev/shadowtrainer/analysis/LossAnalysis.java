package dev.shadowtrainer.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The loss analyzer's result.
 *
 * @param losses   every losing trade, by entry time
 * @param byReason how many losses each reason explains, every reason listed (0 included), in enum order
 * @param byAction how many losses call for each action, likewise
 */
public record LossAnalysis(List<Loss> losses, Map<FailureReason, Integer> byReason,
                           Map<CorrectiveAction, Integer> byAction) {
    public LossAnalysis {
        losses = List.copyOf(losses);
        byReason = Collections.unmodifiableMap(new LinkedHashMap<>(byReason));
        byAction = Collections.unmodifiableMap(new LinkedHashMap<>(byAction));
    }

    /** The result with its counts worked out from the rows. */
    public static LossAnalysis of(List<Loss> losses) {
        Map<FailureReason, Integer> reasons = new LinkedHashMap<>();
        for (FailureReason r : FailureReason.values()) {
            reasons.put(r, 0);
        }
        Map<CorrectiveAction, Integer> actions = new LinkedHashMap<>();
        for (CorrectiveAction a : CorrectiveAction.values()) {
            actions.put(a, 0);
        }
        for (Loss l : losses) {
            reasons.merge(l.reason(), 1, Integer::sum);
            actions.merge(l.action(), 1, Integer::sum);
        }
        return new LossAnalysis(losses, reasons, actions);
    }

    /**
     * One losing trade.
     *
     * @param pattern            -1 when it belongs to no pattern
     * @param misleadingFeatures entry features whose value looked like the pattern's winners', strongest
     *                           separator first (empty when the pattern has no feature split)
     */
    public record Loss(String tradeKey, String kind, int pattern, FailureReason reason, CorrectiveAction action,
                       List<String> misleadingFeatures) {
        public Loss {
            Objects.requireNonNull(tradeKey, "tradeKey is null");
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(reason, "reason is null");
            Objects.requireNonNull(action, "action is null");
            misleadingFeatures = List.copyOf(misleadingFeatures);
        }
    }
}
