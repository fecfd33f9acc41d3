package dev.shadowtrainer.model;

import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small graphs, candles and configs for the model store tests. */
final class ModelFixtures {
    static final String DB_PASSWORD = "s3cretPw";

    private ModelFixtures() {
    }

    /**
     * 4 inputs, a dense layer of 8 (tanh), and two heads: "policy" (softmax over 3) and "value" (1, linear);
     * trained for two steps so the Adam updater holds state worth saving.
     */
    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("policy", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .addLayer("value", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(1)
                        .activation(Activation.IDENTITY).build(), "dense")
                .setOutputs("policy", "value")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray x = Nd4j.create(new float[][] {{0.1f, -0.2f, 0.3f, 0.5f}, {-1f, 0.4f, 0.0f, 0.25f}});
        INDArray policy = Nd4j.create(new float[][] {{1, 0, 0}, {0, 0, 1}});
        INDArray value = Nd4j.create(new float[][] {{0.7f}, {-0.3f}});
        for (int i = 0; i < 2; i++) {
            graph.fit(new INDArray[] {x}, new INDArray[] {policy, value});
        }
        return graph;
    }

    /** A fixed input the round-trip tests compare outputs on. */
    static INDArray input() {
        return Nd4j.create(new float[][] {{0.5f, -1.5f, 2.0f, 0.125f}, {0f, 0f, 0f, 0f}, {-3f, 1f, 0.75f, -0.5f}});
    }

    /** Every output of {@code graph} on {@link #input()}, flattened, exactly as computed. */
    static float[] outputs(ComputationGraph graph) {
        INDArray[] out = graph.output(input());
        float[] policy = out[0].dup().data().asFloat();
        float[] value = out[1].dup().data().asFloat();
        float[] all = new float[policy.length + value.length];
        System.arraycopy(policy, 0, all, 0, policy.length);
        System.arraycopy(value, 0, all, policy.length, value.length);
        return all;
    }

    /**
     * A config read from a file in {@code dir} (so an origin is an absolute path), with a candle file,
     * cache folder under the user's home and a database URL with a password.
     */
    static ShadowConfig config(Path dir) throws IOException {
        Path file = dir.resolve("shadow.yaml");
        Files.writeString(file, "seed: 7\ndata:\n  source: file:" + dir.resolve("BTCUSDT_15m.csv") + "\n"
                + "  cache_dir: " + Path.of(System.getProperty("user.home")).resolve("shadow-cache") + "\n");
        return new ConfigLoader().load(file, Map.of("SHADOW_DB_URL",
                "postgresql://trader:" + DB_PASSWORD + "@db.example:5432/shadow"), Map.of("data.days", "30"));
    }

    /** A feature list and a normalisation spec as a train pipeline would pass them. */
    static List<String> features() {
        return List.of("return_1", "rsi_14", "atr_14_pct", "macd_hist");
    }

    static Map<String, Object> normalisation() {
        return Map.of("kind", "rolling_zscore", "window", 500, "clip", 5.0);
    }

    static ModelArtifacts artifacts(Path dir, ComputationGraph graph, double sharpe) throws IOException {
        CandleSeries candles = TestCandles.btc15m(200, 11);
        return ModelArtifacts.builder()
                .graph("net", graph)
                .config(config(dir))
                .features(features())
                .normalisation(normalisation())
                .candles(CandlesInfo.of("file:" + dir.resolve("BTCUSDT_15m.csv"), candles))
                .metrics(Map.of("sharpe", sharpe, "trades", 42))
                .metric("profit_factor", Double.POSITIVE_INFINITY)
                .jsonFile("feature_spec.json", Map.of("features", features(), "state_dim", 80))
                .jsonFile("normalisation.json", normalisation())
                .textFile("README.txt", "trained by a test\n")
                .build();
    }
}
