package dev.shadowtrainer.rl;

/**
 * A sizing decision: the base position size times {@code multiplier}, opened at {@code leverage}.
 *
 * @param index      the action's index in its {@link SizingActions}
 * @param multiplier multiple of the base position size
 * @param leverage   leverage (1 = none)
 */
public record SizingAction(int index, double multiplier, int leverage) {
}
