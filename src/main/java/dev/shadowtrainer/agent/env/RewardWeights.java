package dev.shadowtrainer.agent.env;

/**
 * The configured weights of the reward (training.rl_agent.reward_*).
 *
 * @param scale           multiplies the realised pnl in percent of the base position size
 * @param missedPenalty   weight of the profit missed within 4h after an exit, in the same units
 * @param holdingCost     charged per bar a position is open, in percent of the base position size
 */
public record RewardWeights(double scale, double missedPenalty, double holdingCost) {
    public RewardWeights {
        if (!(scale > 0) || !(missedPenalty >= 0) || !(holdingCost >= 0)) {
            throw new IllegalArgumentException("reward scale must be > 0 and penalties >= 0");
        }
    }
}
