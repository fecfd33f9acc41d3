package dev.shadowtrainer.artifact;

import dev.shadowtrainer.agent.ppo.ActorCritic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The actor-critic graph read as plain arrays: for each output ({@value ActorCritic#LOGITS} and
 * {@value ActorCritic#VALUE}) the chain of dense layers from the input to it, each with its weights,
 * bias and activation. Read by following the graph's own vertex inputs back from the output, so a graph
 * that is anything but chains of dense layers from one input is refused rather than exported wrong.
 *
 * @param inputSize the observation size (state_dim)
 * @param actor     the layers from the input to the logits, in evaluation order
 * @param critic    the layers from the input to the value, in evaluation order
 */
public record DenseTowers(int inputSize, List<Dense> actor, List<Dense> critic) {
    /** The activations an exported layer may have, by their names in the export files. */
    public static final List<String> ACTIVATIONS = List.of("identity", "tanh", "relu", "sigmoid");

    /**
     * One dense layer: {@code y = activation(x W + b)} for a row vector x.
     *
     * @param weights [nIn x nOut], row-major (DL4J's layout: row i holds input i's weights to every output)
     */
    public record Dense(String name, String input, int nIn, int nOut, float[] weights, float[] bias,
                        String activation) {
        public Dense {
            if (weights.length != nIn * nOut || bias.length != nOut) {
                throw new IllegalArgumentException("layer " + name + ": " + weights.length + " weights and "
                        + bias.length + " biases for " + nIn + " x " + nOut);
            }
            if (!ACTIVATIONS.contains(activation)) {
                throw new IllegalArgumentException("layer " + name + ": unknown activation " + activation);
            }
        }
    }

    public DenseTowers {
        actor = List.copyOf(actor);
        critic = List.copyOf(critic);
    }

    /**
     * @throws IllegalArgumentException when the graph is not one input feeding chains of dense layers to
     *                                  the logits and the value, or a layer has an activation not in
     *                                  {@link #ACTIVATIONS}
     */
    public static DenseTowers of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (!conf.getNetworkInputs().equals(List.of(ActorCritic.INPUT))) {
            throw new IllegalArgumentException("expected one input '" + ActorCritic.INPUT + "', found "
                    + conf.getNetworkInputs());
        }
        List<Dense> actor = chain(graph, ActorCritic.LOGITS);
        List<Dense> critic = chain(graph, ActorCritic.VALUE);
        int inputSize = actor.get(0).nIn();
        if (critic.get(0).nIn() != inputSize || critic.get(critic.size() - 1).nOut() != 1) {
            throw new IllegalArgumentException("the critic must read the " + inputSize
                    + " inputs and end in one value");
        }
        return new DenseTowers(inputSize, actor, critic);
    }

    public int actionCount() {
        return actor.get(actor.size() - 1).nOut();
    }

    private static List<Dense> chain(ComputationGraph graph, String output) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        List<Dense> layers = new ArrayList<>();
        String name = output;
        while (!name.equals(ActorCritic.INPUT)) {
            GraphVertex vertex = vertices.get(name);
            List<String> from = inputs.get(name);
            if (!(vertex instanceof LayerVertex layerVertex)
                    || !(layerVertex.getLayerConf().getLayer() instanceof DenseLayer dense)) {
                throw new IllegalArgumentException("vertex " + name + " is not a dense layer");
            }
            if (from == null || from.size() != 1) {
                throw new IllegalArgumentException("layer " + name + " must have one input, has " + from);
            }
            if (layers.size() > vertices.size()) {
                throw new IllegalArgumentException("the graph has a cycle at " + name);
            }
            INDArray w = graph.getLayer(name).getParam("W");
            INDArray b = graph.getLayer(name).getParam("b");
            int nIn = (int) w.size(0);
            int nOut = (int) w.size(1);
            float[] weights = w.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] bias = b.castTo(DataType.FLOAT).dup('c').data().asFloat();
            layers.add(new Dense(name, from.get(0), nIn, nOut, weights, bias, activation(name, dense.getActivationFn())));
            name = from.get(0);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("output " + output + " is the input itself");
        }
        Collections.reverse(layers);
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).nIn() != layers.get(i - 1).nOut()) {
                throw new IllegalArgumentException("layer " + layers.get(i).name() + " reads "
                        + layers.get(i).nIn() + " values but " + layers.get(i - 1).name() + " gives "
                        + layers.get(i - 1).nOut());
            }
        }
        return List.copyOf(layers);
    }

    private static String activation(String layer, IActivation fn) {
        if (fn instanceof ActivationIdentity) {
            return "identity";
        }
        if (fn instanceof ActivationTanH) {
            return "tanh";
        }
        if (fn instanceof ActivationReLU relu && isPlainRelu(relu)) {
            return "relu";
        }
        if (fn instanceof ActivationSigmoid) {
            return "sigmoid";
        }
        throw new IllegalArgumentException("layer " + layer + " has activation " + fn + ", which the export does not "
                + "support (" + String.join(", ", ACTIVATIONS) + ")");
    }

    /** DL4J's ReLU takes a max value, threshold and negative slope; only the plain max(0, x) maps to Relu. */
    private static boolean isZeroOrUnset(Double value) {
        return value == null || value == 0.0;
    }

    private static boolean isPlainRelu(ActivationReLU relu) {
        return isZeroOrUnset(relu.getThreshold()) && isZeroOrUnset(relu.getNegativeSlope()) && relu.getMax() == null;
    }
}
