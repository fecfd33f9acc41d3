package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.agent.env.NetworkPolicy;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.artifact.ModelExport;
import dev.shadowtrainer.artifact.OnnxTestSupport;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.LoadedSeries;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export and predict on a model that train really saved (one short synthetic run for the class): the ONNX
 * file run by ONNX Runtime and the JSON weights give DL4J's outputs, predict's action is NetworkPolicy's,
 * and every bad input gets one line and its exit code.
 */
class ExportPredictCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AppContext CONTEXT = new AppContext(Map.of(), Clock.systemUTC(), null);
    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        CliRun r = CliRun.run(CONTEXT, "train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                "--set", "output.runs_dir=" + shared.resolve("runs"), "--set", "output.models_dir=" + shared.resolve("models"),
                "--db", "h2:" + shared.resolve("memory"),
                "--set", "training.rl_agent.num_envs=8", "--set", "training.rl_agent.num_steps=32",
                "--set", "training.rl_agent.num_minibatches=4", "--set", "training.rl_agent.total_timesteps=512",
                "--set", "evaluation.train_days=10", "--set", "evaluation.test_days=5", "--set", "evaluation.step_days=5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        model = Path.of(JSON.readTree(r.out()).get("modelFolder").asText());
    }

    private static CliRun run(String... args) {
        return CliRun.run(CONTEXT, args);
    }

    private static LoadedModel loaded() {
        return new ModelStore().load(model);
    }

    private static String btcFile() {
        return "file:" + SharedData.binance2025("BTCUSDT_15m.csv");
    }

    /** Flat observations of the real BTC candles, one per tradeable bar of the last `rows` ones, row-major. */
    private static float[] realObservations(int stateDim, int rows) {
        ShadowConfig config = new ConfigLoader().load(null, Map.of(), Map.of("data.source", btcFile(), "data.days", "5"));
        MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
        LoadedSeries loaded = new CandleLoader(Clock.systemUTC(), null).load(config.data(), 1, preparation.leadInBars());
        MarketData market = preparation.apply(loaded.series());
        NearestTrades lookup = new NearestTrades(market, 256, 10, NearestTrades.Past.NONE);
        float[] out = new float[rows * stateDim];
        int row = 0;
        for (int t = market.size() - 1; t >= 0 && row < rows; t--) {
            Observation o = Observation.flatAt(market, lookup, stateDim, t);
            if (o.market().tradeable()) {
                System.arraycopy(o.vector(), 0, out, row++ * stateDim, stateDim);
            }
        }
        assertThat(row).isEqualTo(rows);
        return out;
    }

    @Test
    void onnxExportRunsInOnnxRuntimeWithDl4jsOutputsOnRandomAndRealObservations() throws Exception {
        Path out = dir.resolve("onnx");
        CliRun r = run("export", "--model", model.toString(), "--format", "onnx", "--out", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.get("files")).extracting(JsonNode::asText).containsExactly(
                out.resolve("policy.onnx").toString(), out.resolve("observation_spec.json").toString());
        ActorCritic network = ActorCritic.of(loaded().graph(PpoPolicyTrainer.NETWORK));
        int stateDim = network.observationSize();
        byte[] onnx = Files.readAllBytes(out.resolve("policy.onnx"));
        OnnxTestSupport.assertSameOutputs(network, onnx, OnnxTestSupport.randomObservations(128, stateDim, 11), 128);
        OnnxTestSupport.assertSameOutputs(network, onnx, realObservations(stateDim, 200), 200);
        // no temporary files are left beside the exports
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("policy.onnx",
                    "observation_spec.json");
        }
        assertThat(loaded().fileNames()).doesNotContain("policy.onnx"); // the model folder is untouched and loads
    }

    @Test
    void theObservationSpecDescribesTheModelsObservation() throws IOException {
        Path out = dir.resolve("json");
        assertThat(run("export", "--model", model.toString(), "--format", "json", "--out", out.toString()).exitCode())
                .isZero();
        JsonNode spec = JSON.readTree(out.resolve("observation_spec.json").toFile());
        JsonNode metadata = JSON.readTree(model.resolve("metadata.json").toFile());
        int stateDim = metadata.get("config").get("training.rl_agent.state_dim").get("value").asInt();
        assertThat(spec.get("format").asText()).isEqualTo("shadow-trainer-observation-spec");
        assertThat(spec.get("state_dim").asInt()).isEqualTo(stateDim);
        assertThat(spec.get("market").get("timeframe").asText()).isEqualTo("15m");
        List<String> features = new ArrayList<>();
        spec.get("features").forEach(f -> features.add(f.get("name").asText()));
        List<String> trained = new ArrayList<>();
        metadata.get("features").get("features").forEach(f -> trained.add(f.get("name").asText()));
        assertThat(features).isEqualTo(trained).isEqualTo(new MarketPreparation(500).featureColumns().stream()
                .map(c -> c.name()).toList());
        JsonNode blocks = spec.get("blocks");
        assertThat(blocks.get("features").get("length").asInt()).isEqualTo(features.size());
        assertThat(blocks.get("position").get("offset").asInt()).isEqualTo(features.size());
        assertThat(blocks.get("position").get("length").asInt()).isEqualTo(Observation.POSITION_WIDTH);
        assertThat(blocks.get("memory").get("length").asInt()).isEqualTo(NearestTrades.WIDTH);
        assertThat(blocks.get("padding").get("offset").asInt() + blocks.get("padding").get("length").asInt())
                .isEqualTo(stateDim);
        assertThat(spec.get("position").get(0).get("name").asText()).isEqualTo("in_position");
        assertThat(spec.get("memory").get("slots").get(0).get("name").asText()).isEqualTo("memory_0");
        assertThat(spec.get("memory").get("slots").get(0).get("meaning").asText()).contains("knn_win_rate");
        assertThat(spec.get("memory").get("when_empty")).extracting(JsonNode::asDouble).containsExactly(0.5, 0.0, 0.0, 0.0);
        assertThat(spec.get("normalisation").get("window").asInt()).isEqualTo(500);
        assertThat(spec.get("lead_in_bars").asInt()).isEqualTo(new MarketPreparation(500).leadInBars());
        List<String> actions = new ArrayList<>();
        spec.get("actions").forEach(a -> actions.add(a.asText()));
        assertThat(actions).containsExactly(Stream.of(Action.values()).map(Enum::name).toArray(String[]::new));
        // the flat mask is the one the environment applies to a flat observation
        ShadowConfig config = new ConfigLoader().load(null, Map.of(), Map.of("data.source", btcFile(), "data.days", "5"));
        MarketPreparation preparation = new MarketPreparation(500);
        MarketData market = preparation.apply(new CandleLoader(Clock.systemUTC(), null).load(config.data(), 1,
                preparation.leadInBars()).series());
        boolean[] allowed = new boolean[Action.count()];
        dev.shadowtrainer.agent.env.TradingVectorEnv.allowedActions(Observation.flatAt(market,
                new NearestTrades(market, 256, 10, NearestTrades.Past.NONE), stateDim, market.size() - 1), allowed, 0);
        List<String> flat = new ArrayList<>();
        spec.get("action_masks").get("flat").forEach(a -> flat.add(a.asText()));
        for (Action a : Action.values()) {
            assertThat(flat.contains(a.name())).as(a.name()).isEqualTo(allowed[a.ordinal()]);
        }
    }

    @Test
    void jsonWeightsComputeDl4jsOutputs() throws IOException {
        Path out = dir.resolve("json");
        assertThat(run("export", "--model", model.toString(), "--format", "json", "--out", out.toString()).exitCode())
                .isZero();
        JsonNode weights = JSON.readTree(out.resolve("policy_weights.json").toFile());
        ActorCritic network = ActorCritic.of(loaded().graph(PpoPolicyTrainer.NETWORK));
        int n = network.observationSize();
        assertThat(weights.get("input_size").asInt()).isEqualTo(n);
        int rows = 50;
        float[] x = OnnxTestSupport.randomObservations(rows, n, 5);
        float[] logits = new float[rows * Action.count()];
        float[] values = new float[rows];
        network.forward(x, rows, logits, values);
        for (int r = 0; r < rows; r++) {
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                row[i] = x[r * n + i];
            }
            double[] actor = forward(weights.get("actor"), row);
            double[] critic = forward(weights.get("critic"), row);
            for (int a = 0; a < Action.count(); a++) {
                assertThat(actor[a]).isCloseTo(logits[r * Action.count() + a], within(TOLERANCE));
            }
            assertThat(critic[0]).isCloseTo(values[r], within(TOLERANCE));
        }
    }

    /** A plain evaluation of the layers in policy_weights.json, as a non-JVM trader would write it. */
    private static double[] forward(JsonNode layers, double[] input) {
        double[] x = input;
        for (JsonNode layer : layers) {
            int nOut = layer.get("n_out").asInt();
            double[] y = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                double s = layer.get("bias").get(j).asDouble();
                for (int i = 0; i < x.length; i++) {
                    s += x[i] * layer.get("weights").get(i).get(j).asDouble();
                }
                y[j] = switch (layer.get("activation").asText()) {
                    case "tanh" -> Math.tanh(s);
                    case "identity" -> s;
                    default -> throw new AssertionError("activation " + layer.get("activation"));
                };
            }
            x = y;
        }
        return x;
    }

    @Test
    void dl4jExportCopiesTheNetworkAndMetadata() throws IOException {
        Path out = dir.resolve("dl4j");
        CliRun r = run("export", "--model", model.toString(), "--format", "dl4j", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("policy.zip");
        assertThat(Files.readAllBytes(out.resolve("policy.zip"))).isEqualTo(Files.readAllBytes(model.resolve("policy.zip")));
        assertThat(Files.readAllBytes(out.resolve("metadata.json"))).isEqualTo(
                Files.readAllBytes(model.resolve("metadata.json")));
        assertThat(out.resolve("observation_spec.json")).isRegularFile();
    }

    @Test
    void exportsBadInputsGetOneLineAndTheirExitCode() throws IOException {
        CliRun missing = run("export", "--model", dir.resolve("nope").toString(), "--format", "onnx", "--out",
                dir.resolve("o").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.errorLines()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");

        Path notAModel = Files.createDirectories(dir.resolve("empty"));
        CliRun empty = run("export", "--model", notAModel.toString(), "--format", "onnx", "--out", dir.resolve("o").toString());
        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(empty.errorLines()).isEqualTo(1);
        assertThat(empty.err()).contains("metadata.json is missing");

        CliRun format = run("export", "--model", model.toString(), "--format", "tflite", "--out", dir.resolve("o").toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.errorLines()).isEqualTo(1);
        assertThat(format.err()).contains("unknown export format 'tflite'; use onnx, dl4j or json");

        CliRun inside = run("export", "--model", model.toString(), "--format", "onnx", "--out",
                model.resolve("export").toString());
        assertThat(inside.exitCode()).isEqualTo(2);
        assertThat(inside.errorLines()).isEqualTo(1);
        assertThat(inside.err()).contains("inside the model folder");
        assertThat(model.resolve("export")).doesNotExist();
        assertThat(dir.resolve("o")).doesNotExist();
        loaded(); // still a valid model

        CliRun noFormat = run("export", "--model", model.toString());
        assertThat(noFormat.exitCode()).isEqualTo(2);
        assertThat(noFormat.errorLines()).isEqualTo(1);
    }

    @Test
    void theDefaultExportFolderIsExportsSlashTheModelName() {
        assertThat(ModelExport.defaultDir(model)).isEqualTo(Path.of("exports", model.getFileName().toString()));
    }

    @Test
    void predictIsDeterministicAndTakesNetworkPolicysAction() throws IOException {
        String[] args = {"predict", "--model", model.toString(), "--symbol", "BTC/USDT", "--source", btcFile(),
            "--no-memory", "--json"};
        CliRun a = run(args);
        CliRun b = run(args);
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        JsonNode p = JSON.readTree(a.out());
        assertThat(p.get("timeframe").asText()).isEqualTo("15m");
        assertThat(p.get("symbol").asText()).isEqualTo("BTC/USDT");
        assertThat(p.get("barOpen").asText()).isEqualTo("2025-07-02T17:00:00Z");
        assertThat(p.get("barClose").asText()).isEqualTo("2025-07-02T17:15:00Z");
        assertThat(p.get("memoryTrades").asInt()).isZero();
        List<String> names = new ArrayList<>();
        p.get("probabilities").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly(Stream.of(Action.values()).map(Enum::name).toArray(String[]::new));
        double sum = 0;
        for (JsonNode v : p.get("probabilities")) {
            sum += v.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(p.get("probabilities").get("HOLD").asDouble()).isZero(); // flat: no hold, no exit
        assertThat(p.get("probability").asDouble()).isEqualTo(p.get("probabilities").get(p.get("action").asText())
                .asDouble());

        // the same observation built independently, and NetworkPolicy's decision on it
        ActorCritic network = ActorCritic.of(loaded().graph(PpoPolicyTrainer.NETWORK));
        int stateDim = network.observationSize();
        ShadowConfig config = new ConfigLoader().load(null, Map.of(), Map.of("data.source", btcFile(), "data.days", "1"));
        MarketPreparation preparation = new MarketPreparation(500);
        MarketData market = preparation.apply(new CandleLoader(Clock.systemUTC(), null).load(config.data(), 1,
                preparation.leadInBars()).series());
        Observation observation = Observation.flatAt(market, new NearestTrades(market, 256, 10,
                NearestTrades.Past.NONE), stateDim, market.size() - 1);
        float[] vector = observation.vectorCopy();
        assertThat(p.get("observation")).hasSize(stateDim);
        Iterator<JsonNode> it = p.get("observation").iterator();
        for (float v : vector) {
            assertThat((float) it.next().asDouble()).isEqualTo(v);
        }
        NetworkPolicy policy = new NetworkPolicy("ppo", network);
        assertThat(p.get("action").asText()).isEqualTo(policy.decide(observation).name());
        assertThat(p.get("confidence").asDouble()).isCloseTo(policy.confidence(), within(1e-9));
    }

    @Test
    void predictReadsTheTradeMemoryAndPrintsText() {
        CliRun r = run("predict", "--model", model.toString(), "--source", "synthetic", "--db",
                "h2:" + shared.resolve("memory"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("action +[A-Z_]+ \\(probability 0\\.\\d{4}, confidence")
                .contains("ENTER_LONG_SMALL").contains("DO_NOTHING");
        // the training run stored its trades, which exited before the synthetic market's last candle
        assertThat(r.out()).containsPattern("memory from [1-9]\\d* earlier trades");
    }

    @Test
    void predictsBadInputsGetOneLineAndTheirExitCode() throws IOException {
        CliRun timeframe = run("predict", "--model", model.toString(), "--source", "synthetic", "--timeframe", "1h",
                "--no-memory");
        assertThat(timeframe.exitCode()).isEqualTo(2);
        assertThat(timeframe.errorLines()).isEqualTo(1);
        assertThat(timeframe.err()).contains("trained on 15m candles but --timeframe is 1h");

        CliRun missing = run("predict", "--model", dir.resolve("nope").toString(), "--source", "synthetic");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.errorLines()).isEqualTo(1);

        // a file with too little history for the features and the normalisation window to warm up
        List<String> lines = Files.readAllLines(SharedData.binance2025("BTCUSDT_15m.csv"));
        Path shortFile = dir.resolve("short.csv");
        Files.write(shortFile, lines.subList(0, 150));
        CliRun shortHistory = run("predict", "--model", model.toString(), "--source", "file:" + shortFile,
                "--no-memory");
        assertThat(shortHistory.exitCode()).isEqualTo(3);
        assertThat(shortHistory.errorLines()).isEqualTo(1);
        assertThat(shortHistory.err()).contains("not warmed up");

        // candles of another timeframe than the model's 15m: 5m ones, and 1h ones made of every fourth 15m row
        CliRun finer = run("predict", "--model", model.toString(), "--source",
                "file:" + SharedData.binance2025("BTCUSDT_5m.csv"), "--no-memory");
        assertThat(finer.exitCode()).isEqualTo(3);
        assertThat(finer.errorLines()).isEqualTo(1);
        assertThat(finer.err()).contains("look finer than the model's 15m");
        List<String> hourly = new ArrayList<>();
        hourly.add(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).contains(":00:00+")) {
                hourly.add(lines.get(i));
            }
        }
        Path hourFile = dir.resolve("hourly.csv");
        Files.write(hourFile, hourly);
        CliRun coarser = run("predict", "--model", model.toString(), "--source", "file:" + hourFile, "--no-memory");
        assertThat(coarser.exitCode()).isEqualTo(3);
        assertThat(coarser.errorLines()).isEqualTo(1);
        assertThat(coarser.err()).contains("look coarser than the model's 15m");

        // a model whose recorded state_dim is not its network's
        Path copy = Files.createDirectories(dir.resolve("models").resolve("tampered"));
        for (String f : List.of("policy.zip", "metadata.json", "position_sizing_q_table.json",
                "meta_strategy_q_table.json")) {
            if (Files.exists(model.resolve(f))) {
                Files.copy(model.resolve(f), copy.resolve(f));
            }
        }
        JsonNode metadata = JSON.readTree(copy.resolve("metadata.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) metadata.get("config").get("training.rl_agent.state_dim"))
                .put("value", 96);
        JSON.writeValue(copy.resolve("metadata.json").toFile(), metadata);
        CliRun stateDim = run("predict", "--model", copy.toString(), "--source", "synthetic", "--no-memory");
        assertThat(stateDim.exitCode()).isEqualTo(3);
        assertThat(stateDim.errorLines()).isEqualTo(1);
        assertThat(stateDim.err()).contains("state_dim 96");
    }

    @Test
    void lookaheadCheckWithModelReplaysTheSavedNetworkOnCutAndGarbageFutures() throws IOException {
        CliRun r = run("lookahead-check", "--model", model.toString(), "--source", "synthetic", "--days", "20",
                "--samples", "4", "--seed", "7", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("policy").asText()).isEqualTo("ppo");
        assertThat(report.get("clean").asBoolean()).isTrue();
        assertThat(report.get("cutPoints")).hasSize(4);
        // the model's timeframe and symbol are the defaults; another timeframe is a usage error
        assertThat(report.get("series").asText()).contains("BTC/USDT", "15m");
        CliRun other = run("lookahead-check", "--model", model.toString(), "--source", "synthetic", "--days", "20",
                "--timeframe", "5m");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("trained on 15m candles but --timeframe is 5m");
        assertThat(other.errorLines()).isEqualTo(1);
        CliRun missing = run("lookahead-check", "--model", dir.resolve("nothing").toString(), "--source", "synthetic");
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(3);
        assertThat(missing.errorLines()).isEqualTo(1);
    }
}
