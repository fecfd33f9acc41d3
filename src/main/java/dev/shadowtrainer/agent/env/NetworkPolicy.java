package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained actor network as a policy: at each bar it reads the action logits (the network's first
 * output) for the observation and takes the most probable allowed action (argmax, deterministic; the
 * same masks as in training). Its confidence is the probability the masked softmax gives to entering
 * at all (the three sizes together) when it enters, else that of the action taken, so the
 * min_confidence_threshold filters weak entries.
 */
public final class NetworkPolicy implements Policy {
    private final String name;
    private final ComputationGraph graph;
    private final INDArray input;
    private final float[] row;
    private final boolean[] allowed = new boolean[Action.count()];
    private final double[] probabilities = new double[Action.count()];
    private double confidence = 1.0;

    public NetworkPolicy(String name, ComputationGraph graph, int stateDim) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.graph = Objects.requireNonNull(graph, "graph is null");
        this.input = Nd4j.create(DataType.FLOAT, 1, stateDim);
        this.row = new float[stateDim];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Action decide(Observation observation) {
        float[] v = observation.vector();
        System.arraycopy(v, 0, row, 0, row.length);
        input.assign(Nd4j.createFromArray(row).reshape(1, row.length));
        INDArray logits = graph.output(false, input)[0];
        TradingVectorEnv.allowedActions(observation, allowed, 0);
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < allowed.length; a++) {
            if (allowed[a]) {
                double l = logits.getDouble(0, a);
                if (best < 0 || l > max) {
                    max = l;
                    best = a;
                }
            }
        }
        double sum = 0;
        for (int a = 0; a < allowed.length; a++) {
            probabilities[a] = allowed[a] ? Math.exp(logits.getDouble(0, a) - max) : 0;
            sum += probabilities[a];
        }
        Action action = Action.ofOrdinal(best);
        if (action.isEntry()) {
            confidence = (probabilities[Action.ENTER_LONG_SMALL.ordinal()] + probabilities[Action.ENTER_LONG_NORMAL
                    .ordinal()] + probabilities[Action.ENTER_LONG_LARGE.ordinal()]) / sum;
        } else {
            confidence = probabilities[best] / sum;
        }
        return action;
    }

    @Override
    public double confidence() {
        return confidence;
    }
}
