package dev.shadowtrainer.agent.ppo;

/**
 * What one PPO update reports, under CleanRL's names where it has them. Losses, entropy and the KL
 * estimates are those of the last minibatch trained (as CleanRL logs them); clipfrac is the mean over all
 * minibatches of the update. Everything but {@code sps} is a pure function of seed, environment and
 * config; {@code sps} is wall-clock.
 *
 * @param update             1-based update number
 * @param globalStep         environment steps so far, all environments counted
 * @param learningRate       Adam step size used in this update (after annealing)
 * @param policyLoss         clipped surrogate loss (pg_loss)
 * @param valueLoss          value loss (v_loss, 0.5 * squared error, clipped when clip_vloss)
 * @param entropy            mean policy entropy
 * @param oldApproxKl        mean of -log ratio
 * @param approxKl           mean of (ratio - 1) - log ratio
 * @param clipFraction       share of samples with |ratio - 1| > clip_coef
 * @param explainedVariance  1 - Var(returns - values) / Var(returns) over the batch; NaN if Var(returns) = 0
 * @param epochs             epochs run (fewer than update_epochs after a target_kl early stop)
 * @param episodesFinished   episodes that ended during this update's rollout
 * @param meanEpisodicReturn mean undiscounted return of those episodes; NaN if none ended
 * @param sps                environment steps per second since training started (wall-clock)
 */
public record UpdateStats(int update, long globalStep, double learningRate, double policyLoss, double valueLoss,
                          double entropy, double oldApproxKl, double approxKl, double clipFraction,
                          double explainedVariance, int epochs, int episodesFinished, double meanEpisodicReturn,
                          double sps) {
    /** The same stats with sps set to 0: what two runs with the same seed must agree on. */
    public UpdateStats withoutTiming() {
        return new UpdateStats(update, globalStep, learningRate, policyLoss, valueLoss, entropy, oldApproxKl,
                approxKl, clipFraction, explainedVariance, epochs, episodesFinished, meanEpisodicReturn, 0);
    }
}
