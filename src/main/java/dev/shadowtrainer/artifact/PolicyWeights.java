package dev.shadowtrainer.artifact;

import java.util.ArrayList;
import java.util.List;

/**
 * {@value #FILE}: the network's weights as plain JSON, for a trader that evaluates the two towers itself:
 * for each layer {@code y = activation(x W + b)}, x the row of the previous layer's outputs (the observation
 * for the first), {@code weights[i][j]} the weight from input i to output j.
 *
 * @param input     the observation's name in the ONNX export
 * @param inputSize state_dim
 * @param actor     the actor's layers, first to last; the last gives the logits (one per action)
 * @param critic    the critic's layers, first to last; the last gives the value
 */
public record PolicyWeights(String format, int formatVersion, String input, int inputSize, List<Layer> actor,
                            List<Layer> critic) {
    public static final String FILE = "policy_weights.json";
    public static final String FORMAT = "shadow-trainer-policy-weights";
    public static final int FORMAT_VERSION = 1;

    /** One dense layer; weights [nIn][nOut]. */
    public record Layer(String name, int nIn, int nOut, String activation, float[][] weights, float[] bias) {
    }

    public static PolicyWeights of(DenseTowers towers) {
        return new PolicyWeights(FORMAT, FORMAT_VERSION, OnnxPolicy.INPUT, towers.inputSize(), layers(towers.actor()),
                layers(towers.critic()));
    }

    private static List<Layer> layers(List<DenseTowers.Dense> dense) {
        List<Layer> out = new ArrayList<>();
        for (DenseTowers.Dense d : dense) {
            float[][] w = new float[d.nIn()][d.nOut()];
            for (int i = 0; i < d.nIn(); i++) {
                System.arraycopy(d.weights(), i * d.nOut(), w[i], 0, d.nOut());
            }
            out.add(new Layer(d.name(), d.nIn(), d.nOut(), d.activation(), w, d.bias().clone()));
        }
        return List.copyOf(out);
    }
}
