package dev.shadowtrainer.agent.ppo;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The PPO actor-critic: one DL4J {@link ComputationGraph} with one input, {@value #INPUT}, feeding two
 * separate tanh towers (CleanRL's ppo.py network): the actor, {@code actor_0 .. actor_k} then the linear
 * {@value #LOGITS} layer with one logit per action, and the critic, {@code critic_0 .. critic_k} then the
 * linear {@value #VALUE} layer with one output. Its outputs, in this order, are {@value #LOGITS} and
 * {@value #VALUE}; neither is a DL4J output layer, because the PPO loss is computed outside the graph and
 * its gradient is fed back with {@link ComputationGraph#backpropGradient}.
 *
 * <p><b>Initialisation.</b> As CleanRL's {@code layer_init}: orthogonal weights with gain sqrt(2) for the
 * hidden layers, 0.01 for the logits and 1 for the value, biases zero. DL4J offers an orthogonal
 * distribution ({@code OrthogonalDistribution}), but on this backend its native SVD does not return (it
 * spun for minutes on a 64x64 matrix), so the weights are made here: a Gaussian matrix from a
 * {@link SplittableRandom} seeded with the network seed, orthonormalised by Gram-Schmidt in double
 * precision (the QR factor with a positive diagonal, as torch's {@code orthogonal_} after its sign
 * fix), times the gain. The graph itself is configured with Xavier, which this overwrites.
 *
 * <p><b>Saving.</b> The graph is plain: {@code ModelSerializer.writeModel(actorCritic.graph(), file, false)}
 * writes it, {@code ActorCritic.of(ModelSerializer.restoreComputationGraph(file))} restores it. Its
 * updater is DL4J's NoOp; PPO's Adam lives in the trainer, so no updater state needs saving.
 *
 * <p>Workspaces are ENABLED for training and inference (activations in reused workspace memory), the data
 * type is float32, and {@link Nd4jSettings} fixes ND4J at one thread; see there for why.
 *
 * <p>Not thread-safe: {@link #forward} reuses its input array between calls (and DL4J's graph keeps state
 * of its own); use one instance per thread.
 */
public final class ActorCritic {
    public static final String INPUT = "obs";
    public static final String LOGITS = "logits";
    public static final String VALUE = "value";
    static final String ACTOR = "actor_";
    static final String CRITIC = "critic_";

    private static final double HIDDEN_GAIN = Math.sqrt(2);
    private static final double LOGITS_GAIN = 0.01;
    private static final double VALUE_GAIN = 1.0;

    private final ComputationGraph graph;
    private final int observationSize;
    private final int actionCount;
    /** The input array of the last forward pass, reused while the row count stays the same. */
    private INDArray input;

    private ActorCritic(ComputationGraph graph, int observationSize, int actionCount) {
        this.graph = graph;
        this.observationSize = observationSize;
        this.actionCount = actionCount;
    }

    /**
     * Builds and initialises a network. Same arguments, same parameters, bit for bit.
     *
     * @param hidden widths of the hidden layers, used for both towers
     * @param seed   any value but 0 (DL4J reads a seed of 0 as "no seed")
     */
    public static ActorCritic create(int observationSize, int actionCount, int[] hidden, long seed) {
        if (seed == 0) {
            throw new IllegalArgumentException("seed must not be 0 (DL4J treats 0 as no seed)");
        }
        if (observationSize < 1 || actionCount < 1) {
            throw new IllegalArgumentException("observation size and action count must be >= 1");
        }
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden sizes must be one or more widths >= 1");
        }
        Nd4jSettings.apply();
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.feedForward(observationSize));
        addTower(builder, ACTOR, LOGITS, observationSize, hidden, actionCount);
        addTower(builder, CRITIC, VALUE, observationSize, hidden, 1);
        builder.setOutputs(LOGITS, VALUE);
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();

        SplittableRandom random = new SplittableRandom(seed);
        for (String prefix : List.of(ACTOR, CRITIC)) {
            for (int i = 0; i < hidden.length; i++) {
                initLayer(graph.getLayer(prefix + i), HIDDEN_GAIN, random);
            }
        }
        initLayer(graph.getLayer(LOGITS), LOGITS_GAIN, random);
        initLayer(graph.getLayer(VALUE), VALUE_GAIN, random);
        return new ActorCritic(graph, observationSize, actionCount);
    }

    /** Wraps a graph built by {@link #create} (for instance one restored by ModelSerializer). */
    public static ActorCritic of(ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph is null");
        Nd4jSettings.apply();
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        if (!inputs.equals(List.of(INPUT)) || !outputs.equals(List.of(LOGITS, VALUE))
                || graph.getLayer(ACTOR + 0) == null || graph.getLayer(CRITIC + 0) == null) {
            throw new IllegalArgumentException("not an actor-critic graph: inputs " + inputs + ", outputs " + outputs);
        }
        int observationSize = (int) denseConf(graph.getLayer(ACTOR + 0)).getNIn();
        int actionCount = (int) denseConf(graph.getLayer(LOGITS)).getNOut();
        if (denseConf(graph.getLayer(VALUE)).getNOut() != 1) {
            throw new IllegalArgumentException("the value layer must have one output");
        }
        return new ActorCritic(graph, observationSize, actionCount);
    }

    private static FeedForwardLayer denseConf(Layer layer) {
        return (FeedForwardLayer) layer.conf().getLayer();
    }

    private static void addTower(ComputationGraphConfiguration.GraphBuilder builder, String prefix, String head,
                                 int observationSize, int[] hidden, int outputs) {
        String previous = INPUT;
        int width = observationSize;
        for (int i = 0; i < hidden.length; i++) {
            builder.addLayer(prefix + i, new DenseLayer.Builder().nIn(width).nOut(hidden[i])
                    .activation(Activation.TANH).biasInit(0).build(), previous);
            previous = prefix + i;
            width = hidden[i];
        }
        builder.addLayer(head, new DenseLayer.Builder().nIn(width).nOut(outputs)
                .activation(Activation.IDENTITY).biasInit(0).build(), previous);
    }

    /** Overwrites a dense layer's weights [nIn x nOut] with an orthogonal matrix times the gain, biases 0. */
    private static void initLayer(Layer layer, double gain, SplittableRandom random) {
        INDArray w = layer.getParam("W");
        int in = (int) w.size(0);
        int out = (int) w.size(1);
        double[][] q = orthogonal(out, in, random);
        float[] values = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                values[i * out + o] = (float) (gain * q[o][i]);
            }
        }
        w.assign(Nd4j.create(values, new long[] {in, out}, 'c'));
        layer.getParam("b").assign(0);
    }

    /**
     * A rows x cols matrix with orthonormal rows (rows <= cols) or orthonormal columns (rows >= cols): the Q
     * factor, with positive diagonal in R, of a standard Gaussian matrix.
     */
    static double[][] orthogonal(int rows, int cols, SplittableRandom random) {
        int n = Math.max(rows, cols);
        int k = Math.min(rows, cols);
        double[][] columns = new double[k][n];
        for (double[] column : columns) {
            for (int i = 0; i < n; i++) {
                column[i] = random.nextGaussian();
            }
        }
        for (int j = 0; j < k; j++) {
            double[] v = columns[j];
            for (int pass = 0; pass < 2; pass++) { // twice is enough (Kahan) for a numerically orthogonal Q
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += columns[p][i] * v[i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= dot * columns[p][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
        }
        double[][] result = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                result[r][c] = rows >= cols ? columns[c][r] : columns[r][c];
            }
        }
        return result;
    }

    public ComputationGraph graph() {
        return graph;
    }

    public int observationSize() {
        return observationSize;
    }

    public int actionCount() {
        return actionCount;
    }

    public long numParams() {
        return graph.numParams();
    }

    /** A copy of all parameters, flattened in DL4J's order. */
    public float[] params() {
        return graph.params().dup().data().asFloat();
    }

    /** Overwrites all parameters, flattened in DL4J's order (as {@link #params()} gives them). */
    public void setParams(float[] values) {
        if (values.length != graph.numParams()) {
            throw new IllegalArgumentException("the network has " + graph.numParams() + " parameters, got "
                    + values.length);
        }
        graph.params().assign(Nd4j.createFromArray(values).reshape(graph.params().shape()));
    }

    /**
     * One batched forward pass (inference mode) for {@code rows} observations: writes the actor's logits,
     * [rows x actionCount] row-major, and the critic's values, [rows].
     *
     * @param observations [rows x observationSize] row-major; may be longer, the rest is ignored
     */
    public void forward(float[] observations, int rows, float[] logitsOut, float[] valuesOut) {
        if (input == null || input.size(0) != rows) {
            input = Nd4j.create(DataType.FLOAT, rows, observationSize);
        }
        fill(input, observations, rows * observationSize);
        try (MemoryWorkspace ws = Nd4jSettings.scratch()) {
            INDArray[] out = graph.output(false, ws, input);
            copyOut(out[0], logitsOut, rows * actionCount);
            copyOut(out[1], valuesOut, rows);
        }
    }

    /** Writes the first n values into a row-major array made by this package, without per-element calls. */
    static void fill(INDArray destination, float[] source, int n) {
        destination.data().asNioFloat().put(source, 0, n);
    }

    /** Copies the first n values of a matrix, row-major, without a per-element ND4J call. */
    static void copyOut(INDArray array, float[] destination, int n) {
        INDArray rowMajor = array.ordering() == 'c' && array.offset() == 0 && array.elementWiseStride() == 1
                && array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT).dup('c');
        rowMajor.data().asNioFloat().get(destination, 0, n);
    }

    /**
     * The deterministic policy for {@code rows} observations, one forward pass: per row the allowed action
     * with the largest logit (lowest index on ties) and its probability under the masked softmax.
     *
     * @param allowed [rows x actionCount], true = allowed; null when every action is allowed
     */
    public void greedy(float[] observations, int rows, boolean[] allowed, int[] actionsOut, float[] probabilitiesOut) {
        float[] logits = new float[rows * actionCount];
        forward(observations, rows, logits, new float[rows]);
        for (int r = 0; r < rows; r++) {
            int action = argmaxAction(logits, r, actionCount, allowed);
            actionsOut[r] = action;
            if (probabilitiesOut != null) {
                probabilitiesOut[r] = (float) probability(logits, r, actionCount, allowed, action);
            }
        }
    }

    /** The allowed action with the largest logit in one row (lowest index on ties). */
    public static int argmaxAction(float[] logits, int row, int actionCount, boolean[] allowed) {
        int base = row * actionCount;
        int best = -1;
        for (int a = 0; a < actionCount; a++) {
            if ((allowed == null || allowed[base + a]) && (best < 0 || logits[base + a] > logits[base + best])) {
                best = a;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("row " + row + " allows no action");
        }
        return best;
    }

    /** The probability of one action under the softmax of a row's logits over the allowed actions. */
    public static double probability(float[] logits, int row, int actionCount, boolean[] allowed, int action) {
        int base = row * actionCount;
        if (allowed != null && !allowed[base + action]) {
            return 0;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actionCount; a++) {
            if (allowed == null || allowed[base + a]) {
                max = Math.max(max, logits[base + a]);
            }
        }
        double sum = 0;
        for (int a = 0; a < actionCount; a++) {
            if (allowed == null || allowed[base + a]) {
                sum += Math.exp(logits[base + a] - max);
            }
        }
        return Math.exp(logits[base + action] - max) / sum;
    }
}
