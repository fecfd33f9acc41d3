package dev.shadowtrainer.agent.ppo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One optimiser step on the network's flattened parameters, as CleanRL's: the gradient is first clipped
 * to a GLOBAL L2 norm over all parameters (torch's {@code clip_grad_norm_}: scaled by
 * max_norm / (norm + 1e-6) when that is below 1), then Adam (torch's formulation, beta1 0.9, beta2 0.999,
 * eps 1e-5 as CleanRL passes) updates the parameters in place. DL4J's own GradientNormalization would
 * clip layer by layer, and its updaters would divide by the minibatch size; neither is PPO's step, so
 * the graph's updater is NoOp and this class owns the Adam moments.
 */
final class PpoOptimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-5;

    private final INDArray params;
    private final INDArray firstMoment;
    private final INDArray secondMoment;
    private final INDArray scratch;
    private final INDArray step;
    private final double maxGradNorm;
    private long steps;

    /** @param params the flattened parameter view of the graph, updated in place */
    PpoOptimizer(INDArray params, double maxGradNorm) {
        this.params = params;
        this.firstMoment = Nd4j.zeros(DataType.FLOAT, params.shape());
        this.secondMoment = Nd4j.zeros(DataType.FLOAT, params.shape());
        this.scratch = Nd4j.zeros(DataType.FLOAT, params.shape());
        this.step = Nd4j.zeros(DataType.FLOAT, params.shape());
        this.maxGradNorm = maxGradNorm;
    }

    float[] firstMoment() {
        return firstMoment.dup().data().asFloat();
    }

    float[] secondMoment() {
        return secondMoment.dup().data().asFloat();
    }

    long steps() {
        return steps;
    }

    /** Continues from saved moments and step count (see {@link PpoState}). */
    void restore(float[] first, float[] second, long stepsTaken) {
        firstMoment.assign(Nd4j.createFromArray(first).reshape(params.shape()));
        secondMoment.assign(Nd4j.createFromArray(second).reshape(params.shape()));
        steps = stepsTaken;
    }

    /** Clips (in place) and applies a gradient; returns its global norm before clipping. */
    double step(INDArray flatGradient, double learningRate) {
        INDArray gradient = flatGradient.reshape(params.shape());
        double norm = gradient.norm2Number().doubleValue();
        double clipCoef = maxGradNorm / (norm + 1e-6);
        if (clipCoef < 1) {
            gradient.muli(clipCoef);
        }
        steps++;
        // In place on preallocated arrays: no off-heap allocation per step.
        firstMoment.muli(BETA1).addi(scratch.assign(gradient).muli(1 - BETA1));
        secondMoment.muli(BETA2).addi(scratch.assign(gradient).muli(gradient).muli(1 - BETA2));
        double biasCorrection1 = 1 - Math.pow(BETA1, steps);
        double biasCorrection2 = 1 - Math.pow(BETA2, steps);
        INDArray denominator = Transforms.sqrt(scratch.assign(secondMoment), false)
                .divi(Math.sqrt(biasCorrection2)).addi(EPSILON);
        params.subi(step.assign(firstMoment).divi(denominator).muli(learningRate / biasCorrection1));
        return norm;
    }
}
