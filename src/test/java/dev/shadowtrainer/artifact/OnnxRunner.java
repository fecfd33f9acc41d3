package dev.shadowtrainer.artifact;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an exported model with ONNX Runtime's Java API: the outputs for a batch of observations. */
final class OnnxRunner {
    /** The three outputs, [rows][width] each. */
    record Outputs(float[][] logits, float[][] probabilities, float[][] value) {
    }

    private OnnxRunner() {
    }

    static Outputs run(byte[] model, float[] observations, int rows, int width) throws OrtException {
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
}
