package dev.shadowtrainer.rl;

/**
 * What a sizing agent chose, and what to hand back when the trade closes.
 *
 * @param stateKey state the choice was made in
 * @param action   the multiplier and leverage (with its index)
 * @param q        Q(state, action) when chosen
 * @param explored whether it was a random (exploring) pick
 */
public record SizingDecision(String stateKey, SizingAction action, double q, boolean explored) {
}
