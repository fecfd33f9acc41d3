package dev.shadowtrainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/** Runs an exported model with ONNX Runtime's Java API and compares it with the DL4J network. */
public final class OnnxTestSupport {
    /** Absolute tolerance for probabilities, logits and values. */
    public static final double TOLERANCE = 1e-5;

    /** The three outputs, [rows][width] each. */
    public record Outputs(float[][] logits, float[][] probabilities, float[][] value) {
    }

    private OnnxTestSupport() {
    }

    public static Outputs run(byte[] model, float[] observations, int rows, int width) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(observations, 0, rows * width),
                         new long[] {rows, width});
                 OrtSession.Result result = session.run(Map.of(OnnxPolicy.INPUT, input))) {
                return new Outputs(matrix(result, OnnxPolicy.LOGITS), matrix(result, OnnxPolicy.PROBABILITIES),
                        matrix(result, OnnxPolicy.VALUE));
            }
        }
    }

    private static float[][] matrix(OrtSession.Result result, String name) throws OrtException {
        return (float[][]) result.get(name).orElseThrow(() -> new AssertionError("no output " + name)).getValue();
    }

    /** Random observations with a spread like the clipped z-scores and the position and memory blocks. */
    public static float[] randomObservations(int rows, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 2);
        }
        return x;
    }

    /** ONNX Runtime's outputs against DL4J's forward pass, row by row, to {@link #TOLERANCE}. */
    public static void assertSameOutputs(ActorCritic network, byte[] onnx, float[] observations, int rows)
            throws OrtException {
        int width = network.observationSize();
        int actions = network.actionCount();
        float[] logits = new float[rows * actions];
        float[] values = new float[rows];
        network.forward(observations, rows, logits, values);
        Outputs out = run(onnx, observations, rows, width);
        assertThat(out.probabilities()).hasNumberOfRows(rows);
        for (int r = 0; r < rows; r++) {
            assertThat((double) out.value()[r][0]).as("value of row %d", r).isCloseTo(values[r], within(TOLERANCE));
            for (int a = 0; a < actions; a++) {
                double p = ActorCritic.probability(logits, r, actions, null, a);
                assertThat((double) out.probabilities()[r][a]).as("p(action %d) of row %d", a, r)
                        .isCloseTo(p, within(TOLERANCE));
                assertThat((double) out.logits()[r][a]).as("logit %d of row %d", a, r)
                        .isCloseTo(logits[r * actions + a], within(TOLERANCE));
            }
        }
    }
}
