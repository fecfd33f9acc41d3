package dev.shadowtrainer.rl;

/**
 * A meta-strategy decision: trust {@code signalModel} for {@code strategy} and adjust its weight.
 *
 * @param index       the action's index in its {@link MetaActions}
 * @param strategy    strategy family, e.g. TREND
 * @param signalModel name of the signal model
 * @param weight      weight action: WEIGHT_UP / WEIGHT_DOWN / WEIGHT_HOLD (v2) or a confidence multiplier such
 *                    as {@code 1.25} (v2_domain; see {@link MetaActions#weightMultiplier})
 */
public record MetaAction(int index, String strategy, String signalModel, String weight) {
}
