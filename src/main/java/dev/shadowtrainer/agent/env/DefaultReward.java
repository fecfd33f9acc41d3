package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.sim.Trade;

/**
 * The default reward: for each trade closed in the step, its pnl after fees in percent of the base
 * position size, minus the missed-opportunity penalty times the profit the trade left on the table in
 * the 4 hours after its exit (in the same units), all times the scale; minus a holding cost per bar a
 * position was open during the step. Nothing is paid for entering, so the agent earns only what its
 * closed trades earn after costs.
 */
public final class DefaultReward implements RewardFunction {
    private RewardWeights weights = new RewardWeights(1.0, 0.0, 0.0);

    @Override
    public void configure(RewardWeights weights) {
        this.weights = weights;
    }

    @Override
    public double reward(StepOutcome step) {
        double percentOfBase = 100.0 / step.positionSize();
        double reward = 0;
        for (int i = 0; i < step.closedTrades(); i++) {
            Trade t = step.closedTrade(i);
            reward += t.pnl() * percentOfBase - weights.missedPenalty() * step.missedProfit(i) * percentOfBase;
        }
        reward *= weights.scale();
        return reward - weights.holdingCost() * step.barsInPosition();
    }
}
