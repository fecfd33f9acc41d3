package dev.shadowtrainer.agent.ppo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * CleanRL's PPO loss for one minibatch, and its gradient with respect to the network's two outputs,
 * computed with vectorised ND4J ops (no per-element calls):
 *
 * <pre>
 * loss = pg_loss - ent_coef * entropy + vf_coef * v_loss
 * pg_loss = mean(max(-A * ratio, -A * clamp(ratio, 1 - clip_coef, 1 + clip_coef)))
 * v_loss  = 0.5 * mean((V - R)^2)                                               (clip_vloss off)
 *         = 0.5 * mean(max((V - R)^2, (V_old + clamp(V - V_old, -clip_coef, clip_coef) - R)^2))  (on)
 * </pre>
 *
 * with ratio = exp(logp_new(a) - logp_old(a)), A the advantages (normalised over the minibatch with the
 * unbiased standard deviation plus 1e-8 when norm_adv is on, as torch's {@code std}), R the returns.
 *
 * <p>Gradients: d logp(a)/dz_j = [j = a] - p_j; d H/dz_j = -p_j (log p_j + H). The max of the two
 * surrogates (or of the two value losses) passes the gradient of the unclipped term when it is the
 * larger or equal one, and none otherwise: when the clipped term is strictly larger its clamp is active
 * and has zero slope, and when both are equal inside the clip range they are the same function. (torch
 * would split the gradient evenly on an exact tie with an active clamp, a measure-zero case.)
 *
 * <p><b>Action masks.</b> Disallowed logits are replaced by {@value #MASKED_LOGIT} before the softmax, as
 * in the rollout, so the new log-probabilities, entropy and ratio are those of the masked policy that
 * sampled the actions; their gradient is zero (the replaced value is a constant).
 */
final class PpoLoss {
    /** What a disallowed action's logit becomes (CleanRL's masked-categorical convention). */
    static final double MASKED_LOGIT = -1e8;

    private PpoLoss() {
    }

    /**
     * The loss terms, CleanRL's diagnostics and the gradients of the total loss.
     *
     * @param logitsGradient d loss / d logits, [M x actions]
     * @param valuesGradient d loss / d values, shaped as the values passed in
     */
    record Result(double loss, double policyLoss, double valueLoss, double entropy, double oldApproxKl,
                  double approxKl, double clipFraction, INDArray logitsGradient, INDArray valuesGradient) {
        /** The scalars only, safe to keep after the workspace the gradients live in has closed. */
        Result withoutGradients() {
            return new Result(loss, policyLoss, valueLoss, entropy, oldApproxKl, approxKl, clipFraction, null, null);
        }
    }

    /**
     * @param logits        network logits, [M x actions]
     * @param values        network values, [M x 1]
     * @param actionsOneHot the actions taken, one-hot, [M x actions]
     * @param allowed       1 = allowed, 0 = masked, [M x actions]; null when nothing is masked
     * @param oldLogProbs   log-probabilities of the actions at sampling time, [M x 1]
     * @param advantages    GAE advantages, [M x 1] (normalised here when norm_adv)
     * @param returns       advantages + old values, [M x 1]
     * @param oldValues     values at sampling time, [M x 1]
     */
    static Result compute(INDArray logits, INDArray values, INDArray actionsOneHot, INDArray allowed,
                          INDArray oldLogProbs, INDArray advantages, INDArray returns, INDArray oldValues,
                          PpoConfig config) {
        long m = logits.size(0);
        double clip = config.clipCoef();

        // Masked log-softmax, entropy and the new log-probabilities of the taken actions.
        INDArray z = allowed == null ? logits : logits.mul(allowed).addi(allowed.rsub(1.0).muli(MASKED_LOGIT));
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        INDArray logp = shifted.subiColumnVector(logSumExp);
        INDArray p = Transforms.exp(logp, true);
        INDArray entropyRows = p.mul(logp).sum(true, 1).negi();
        INDArray newLogProbs = logp.mul(actionsOneHot).sum(true, 1);

        INDArray logRatio = newLogProbs.sub(oldLogProbs);
        INDArray ratio = Transforms.exp(logRatio, true);
        double oldApproxKl = -logRatio.meanNumber().doubleValue();
        double approxKl = ratio.sub(1.0).subi(logRatio).meanNumber().doubleValue();
        double clipFraction = Transforms.abs(ratio.sub(1.0), false).gt(clip).castTo(DataType.FLOAT)
                .meanNumber().doubleValue();

        INDArray adv = advantages;
        if (config.normAdv()) {
            double mean = advantages.meanNumber().doubleValue();
            double std = advantages.stdNumber(true).doubleValue();
            adv = advantages.sub(mean).divi(std + 1e-8);
        }
        INDArray pg1 = adv.neg().muli(ratio);
        INDArray clippedRatio = Transforms.min(Transforms.max(ratio, 1 - clip, true), 1 + clip, false);
        INDArray pg2 = adv.neg().muli(clippedRatio);
        double policyLoss = Transforms.max(pg1, pg2, true).meanNumber().doubleValue();
        // d pg_loss_i / d logp_i: -A * ratio where the unclipped surrogate is the max, else 0.
        INDArray unclippedWins = pg1.lt(pg2).castTo(DataType.FLOAT).rsubi(1.0);
        INDArray dLogProb = pg1.mul(unclippedWins);

        double entropy = entropyRows.meanNumber().doubleValue();
        // d loss / d z = (dLogProb * (onehot - p) + ent_coef * p * (logp + H)) / M, zero where masked.
        INDArray logitsGradient = actionsOneHot.sub(p).muliColumnVector(dLogProb)
                .addi(logp.addColumnVector(entropyRows).muli(p).muli(config.entCoef()))
                .divi(m);
        if (allowed != null) {
            logitsGradient.muli(allowed);
        }

        INDArray v = values.reshape(m, 1);
        INDArray diff = v.sub(returns);
        INDArray unclippedSquare = diff.mul(diff);
        double valueLoss;
        INDArray dValue;
        if (config.clipVloss()) {
            INDArray delta = v.sub(oldValues);
            INDArray clippedDiff = Transforms.min(Transforms.max(delta, -clip, false), clip, false)
                    .addi(oldValues).subi(returns);
            INDArray clippedSquare = clippedDiff.mul(clippedDiff);
            valueLoss = 0.5 * Transforms.max(unclippedSquare, clippedSquare, true).meanNumber().doubleValue();
            dValue = diff.mul(unclippedSquare.lt(clippedSquare).castTo(DataType.FLOAT).rsubi(1.0));
        } else {
            valueLoss = 0.5 * unclippedSquare.meanNumber().doubleValue();
            dValue = diff;
        }
        INDArray valuesGradient = dValue.muli(config.vfCoef() / m).reshape(values.shape());

        double loss = policyLoss - config.entCoef() * entropy + config.vfCoef() * valueLoss;
        return new Result(loss, policyLoss, valueLoss, entropy, oldApproxKl, approxKl, clipFraction,
                logitsGradient, valuesGradient);
    }
}
