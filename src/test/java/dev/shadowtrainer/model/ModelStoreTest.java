package dev.shadowtrainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    private static final Instant SAVED_AT = Instant.parse("2025-11-21T14:05:01.123Z");
    private static final Clock CLOCK = Clock.fixed(SAVED_AT, ZoneOffset.UTC);

    private static ComputationGraph graph;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildGraph() {
        graph = ModelFixtures.graph(12345);
    }

    private ModelStore store() {
        return new ModelStore(dir.resolve("models"), CLOCK);
    }

    private ModelMetadata saveModel(String name) throws IOException {
        return store().save(name, ModelFixtures.artifacts(dir, graph, 1.25));
    }

    static void assertRefused(ThrowingCallable call, int exitCode, String... messageParts) {
        assertThatThrownBy(call).isInstanceOf(ShadowTrainerException.class)
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(exitCode))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(messageParts));
    }

    private List<String> rootEntries() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("models"))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void roundTripGivesTheSameOutputsParametersUpdaterStateAndMetadata() throws IOException {
        ModelMetadata saved = saveModel("btc-15m");
        LoadedModel loaded = store().load("btc-15m");

        ComputationGraph back = loaded.graph("net");
        assertThat(ModelFixtures.outputs(back)).containsExactly(ModelFixtures.outputs(graph));
        assertThat(back.params().data().asFloat()).containsExactly(graph.params().data().asFloat());
        assertThat(back.getUpdater().getStateViewArray().data().asFloat())
                .containsExactly(graph.getUpdater().getStateViewArray().data().asFloat());
        assertThat(back.getConfiguration().toJson()).isEqualTo(graph.getConfiguration().toJson());

        assertThat(loaded.metadata()).isEqualTo(saved);
        assertThat(loaded.dir()).isEqualTo(dir.resolve("models").resolve("btc-15m"));
        assertThat(loaded.graphs()).containsOnlyKeys("net");
        assertThat(loaded.fileNames()).containsExactlyInAnyOrder("net.zip", "feature_spec.json",
                "normalisation.json", "README.txt");
        assertThat(loaded.text("README.txt")).isEqualTo("trained by a test\n");
        assertThat(loaded.json("normalisation.json").get("window").asInt()).isEqualTo(500);
        assertThat(rootEntries()).containsExactly("btc-15m");
    }

    @Test
    void metadataRecordsProvenance() throws IOException {
        ModelMetadata m = saveModel("btc-15m");
        Path modelDir = dir.resolve("models/btc-15m");

        assertThat(m.formatVersion()).isEqualTo(ModelMetadata.FORMAT_VERSION);
        assertThat(m.name()).isEqualTo("btc-15m");
        assertThat(m.createdAt()).isEqualTo(SAVED_AT);
        assertThat(m.productVersion()).isNotBlank().isNotEqualTo("unknown");
        assertThat(m.gitCommit()).matches("[0-9a-f]{40}([0-9a-f]{24})?|unknown");
        assertThat(m.dependencies()).containsKeys("org.deeplearning4j:deeplearning4j-nn", "org.nd4j:nd4j-api",
                "org.ta4j:ta4j-core", "org.knowm.xchange:xchange-core", "org.jdbi:jdbi3-core",
                "org.flywaydb:flyway-core", "info.picocli:picocli");
        assertThat(m.dependencies().get("org.deeplearning4j:deeplearning4j-nn")).isNotEqualTo("unknown");
        assertThat(m.dependencies().get("org.ta4j:ta4j-core")).isNotEqualTo("unknown");
        assertThat(m.dependencies().get("info.picocli:picocli")).isNotEqualTo("unknown");
        // The version of the jar actually loaded, not of a shaded copy's pom.properties elsewhere.
        assertThat(m.dependencies().get("com.fasterxml.jackson.core:jackson-databind"))
                .isEqualTo(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        assertThat(m.platform().javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(m.platform().osName()).isEqualTo(System.getProperty("os.name"));
        assertThat(m.platform().arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(m.seed()).isEqualTo(7);
        assertThat(m.config().get("data.days")).isEqualTo(new ModelMetadata.ConfigValue(30, "command line"));
        assertThat(m.config().get("training.rl_agent.gamma").origin()).isEqualTo("default");
        assertThat(m.config()).hasSize(new dev.shadowtrainer.config.ConfigLoader()
                .load(null, Map.of(), Map.of()).settings().size());
        assertThat(m.features()).hasSize(4);
        assertThat(m.features().get(1).asText()).isEqualTo("rsi_14");
        assertThat(m.normalisation().get("kind").asText()).isEqualTo("rolling_zscore");
        assertThat(m.candles().sha256()).isEqualTo(CandleFingerprint.sha256(TestCandles.btc15m(200, 11)));
        assertThat(m.candles().bars()).isEqualTo(200);
        assertThat(m.candles().fillerBars()).isEqualTo(1);
        assertThat(m.candles().symbol()).isEqualTo("BTC/USDT");
        assertThat(m.candles().timeframe()).isEqualTo("15m");
        assertThat(m.metrics()).containsEntry("sharpe", 1.25).containsEntry("trades", 42.0)
                .containsEntry("profit_factor", null);
        assertThat(m.graphs()).containsExactly(Map.entry("net", "net.zip"));
        assertThat(m.files()).containsOnlyKeys("net.zip", "feature_spec.json", "normalisation.json", "README.txt");
        for (Map.Entry<String, String> file : m.files().entrySet()) {
            assertThat(Sha256.of(Files.readAllBytes(modelDir.resolve(file.getKey())))).isEqualTo(file.getValue());
        }

        JsonNode json = ModelJson.MAPPER.readTree(modelDir.resolve("metadata.json").toFile());
        assertThat(json.get("format_version").asInt()).isEqualTo(1);
        assertThat(json.get("created_at").asText()).isEqualTo("2025-11-21T14:05:01.123Z");
        assertThat(json.at("/candles/first_open").asText()).isEqualTo("2025-03-01T00:00:00Z");
        assertThat(json.at("/candles/last_open").asText()).isEqualTo("2025-03-03T01:45:00Z");
        assertThat(json.at("/config/data.days/origin").asText()).isEqualTo("command line");
    }

    @Test
    void metadataHoldsNoMachinePathAndNoPassword() throws IOException {
        saveModel("btc-15m");
        String json = Files.readString(dir.resolve("models/btc-15m/metadata.json"));

        assertThat(json).doesNotContain(System.getProperty("user.home"))
                .doesNotContain(dir.toString())
                .doesNotContain(dir.toRealPath().toString())
                .doesNotContain(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString() + "/")
                .doesNotContain(Path.of(System.getProperty("user.dir")).toAbsolutePath().toString())
                .doesNotContain(ModelFixtures.DB_PASSWORD);
        JsonNode m = ModelJson.MAPPER.readTree(json);
        assertThat(m.at("/config/database.url/value").asText()).isEqualTo("postgresql://trader:***@db.example:5432/shadow");
        assertThat(m.at("/config/data.source/value").asText()).isEqualTo("file:<abs>/BTCUSDT_15m.csv");
        assertThat(m.at("/config/data.source/origin").asText()).isEqualTo("<abs>/shadow.yaml");
        assertThat(m.at("/config/data.cache_dir/value").asText()).isEqualTo("~/shadow-cache");
        assertThat(m.at("/candles/source").asText()).isEqualTo("file:<abs>/BTCUSDT_15m.csv");
    }

    @Test
    void overwritingReplacesTheModelAndLeavesNothingBehind() throws IOException {
        saveModel("btc-15m");
        ComputationGraph other = ModelFixtures.graph(999);
        assertThat(ModelFixtures.outputs(other)).isNotEqualTo(ModelFixtures.outputs(graph));
        ModelMetadata second = store().save("btc-15m", ModelFixtures.artifacts(dir, other, 2.5));

        LoadedModel loaded = store().load("btc-15m");
        assertThat(ModelFixtures.outputs(loaded.graph("net"))).containsExactly(ModelFixtures.outputs(other));
        assertThat(loaded.metadata()).isEqualTo(second);
        assertThat(loaded.metadata().metrics()).containsEntry("sharpe", 2.5);
        assertThat(rootEntries()).containsExactly("btc-15m");
    }

    @Test
    void loadsACopiedFolderByPath() throws IOException {
        ModelMetadata saved = saveModel("btc-15m");
        Path copy = dir.resolve("elsewhere/my-copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir.resolve("models/btc-15m"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        LoadedModel loaded = store().load(copy);
        assertThat(loaded.metadata()).isEqualTo(saved);
        assertThat(ModelFixtures.outputs(loaded.graph("net"))).containsExactly(ModelFixtures.outputs(graph));
    }

    @Test
    void aChangedFileIsRefusedNamingIt() throws IOException {
        saveModel("btc-15m");
        Path zip = dir.resolve("models/btc-15m/net.zip");
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip, bytes);

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "net.zip", "does not match its SHA-256",
                "save the model again");
    }

    @Test
    void aChangedExtraFileIsRefusedNamingIt() throws IOException {
        saveModel("btc-15m");
        Files.writeString(dir.resolve("models/btc-15m/normalisation.json"), "{\"window\": 20}\n");

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "normalisation.json",
                "does not match its SHA-256");
    }

    @Test
    void aMissingFileIsRefused() throws IOException {
        saveModel("btc-15m");
        Files.delete(dir.resolve("models/btc-15m/feature_spec.json"));

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "feature_spec.json", "is missing");
    }

    @Test
    void anUnexpectedFileIsRefused() throws IOException {
        saveModel("btc-15m");
        Files.writeString(dir.resolve("models/btc-15m/notes.txt"), "added later");

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "unexpected file", "notes.txt");
    }

    @Test
    void anUnexpectedFolderIsRefused() throws IOException {
        saveModel("btc-15m");
        Files.createDirectory(dir.resolve("models/btc-15m/.hidden"));

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "unexpected file", ".hidden");
    }

    @Test
    void severalProblemsAreCountedInOneLine() throws IOException {
        saveModel("btc-15m");
        Files.delete(dir.resolve("models/btc-15m/README.txt"));
        Files.writeString(dir.resolve("models/btc-15m/extra.txt"), "x");

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "README.txt", "(and 1 more problem)");
    }

    @Test
    void corruptMetadataIsRefused() throws IOException {
        saveModel("btc-15m");
        Path metadata = dir.resolve("models/btc-15m/metadata.json");
        String json = Files.readString(metadata);
        Files.writeString(metadata, json.substring(0, json.length() / 2));

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "metadata.json", "is not valid JSON");
    }

    @Test
    void metadataThatIsNotAnObjectOrLacksFieldsIsRefused() throws IOException {
        saveModel("btc-15m");
        Path metadata = dir.resolve("models/btc-15m/metadata.json");

        Files.writeString(metadata, "[1, 2]");
        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "metadata.json", "is not a JSON object");

        Files.writeString(metadata, "{\"name\": \"x\"}");
        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "metadata.json", "has no format_version");

        Files.writeString(metadata, "{\"format_version\": 1, \"name\": 5, \"files\": \"none\"}");
        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "metadata.json",
                "does not hold valid model metadata");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws IOException {
        saveModel("btc-15m");
        Path metadata = dir.resolve("models/btc-15m/metadata.json");
        ObjectNode tree = (ObjectNode) ModelJson.MAPPER.readTree(metadata.toFile());
        tree.put("format_version", 2);
        Files.write(metadata, ModelJson.bytes(tree));

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "format version 2", "reads version 1");
    }

    @Test
    void aListingThatPointsOutsideTheFolderIsRefused() throws IOException {
        saveModel("btc-15m");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        Path metadata = dir.resolve("models/btc-15m/metadata.json");
        ObjectNode tree = (ObjectNode) ModelJson.MAPPER.readTree(metadata.toFile());
        ((ObjectNode) tree.get("files")).put("../../secret.txt", Sha256.of("outside".getBytes(StandardCharsets.UTF_8)));
        Files.write(metadata, ModelJson.bytes(tree));

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "metadata.json", "not allowed",
                "../../secret.txt");
    }

    @Test
    void missingMetadataIsRefused() throws IOException {
        saveModel("btc-15m");
        Files.delete(dir.resolve("models/btc-15m/metadata.json"));

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "metadata.json is missing",
                "not a complete saved model");
    }

    @Test
    void aMissingModelIsRefused() {
        assertRefused(() -> store().load("nothing-here"), ExitCodes.BAD_DATA, "no model 'nothing-here'",
                "train and save the model first");
        assertRefused(() -> store().load(dir.resolve("nowhere")), ExitCodes.BAD_DATA, "nowhere",
                "does not exist or is not a folder");
    }

    @Test
    void aGraphFileThatMatchesItsChecksumButIsNoGraphIsRefused() throws IOException {
        saveModel("btc-15m");
        Path modelDir = dir.resolve("models/btc-15m");
        byte[] junk = "not a zip".getBytes(StandardCharsets.UTF_8);
        Files.write(modelDir.resolve("net.zip"), junk);
        Path metadata = modelDir.resolve("metadata.json");
        ObjectNode tree = (ObjectNode) ModelJson.MAPPER.readTree(metadata.toFile());
        ((ObjectNode) tree.get("files")).put("net.zip", Sha256.of(junk));
        Files.write(metadata, ModelJson.bytes(tree));

        assertRefused(() -> store().load("btc-15m"), ExitCodes.BAD_DATA, "net.zip",
                "does not read as a DL4J ComputationGraph");
    }

    @Test
    void badNamesAreUsageErrors() {
        for (String name : List.of("", ".", "..", "../x", "a/b", "a\\b", ".hidden", "-x", "a..b", "x y",
                "über", "a".repeat(65), "tab\tname", "/abs")) {
            assertRefused(() -> store().load(name), ExitCodes.USAGE, "is not allowed");
            assertRefused(() -> store().save(name, ModelFixtures.artifacts(dir, graph, 1)), ExitCodes.USAGE,
                    "is not allowed");
        }
        assertRefused(() -> store().load((String) null), ExitCodes.USAGE, "is not allowed");
        assertThat(Files.exists(dir.resolve("models"))).isFalse();
    }

    @Test
    void goodNamesAreAccepted() {
        for (String name : List.of("a", "btc-15m", "BTC_USDT.v2", "9", "a".repeat(64))) {
            assertThat(store().dir(name)).isEqualTo(dir.resolve("models").resolve(name));
        }
    }

    @Test
    void aFileInTheWayIsAStorageError() throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/btc-15m"), "not a folder");

        assertRefused(() -> saveModel("btc-15m"), ExitCodes.STORAGE, "btc-15m", "is not a folder");
        assertThat(Files.readString(dir.resolve("models/btc-15m"))).isEqualTo("not a folder");
    }

    @Test
    void artifactsRefuseCollidingOrReservedFileNames() throws IOException {
        ModelArtifacts.Builder b = ModelArtifacts.builder().graph("net", graph);
        assertThatThrownBy(() -> b.textFile("net.zip", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.textFile("metadata.json", "x")).isInstanceOf(IllegalArgumentException.class);
        assertRefused(() -> b.textFile("../x.txt", "x"), ExitCodes.USAGE, "is not allowed");
        b.textFile("a.txt", "x");
        assertThatThrownBy(() -> b.textFile("a.txt", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("config");
        assertThatThrownBy(() -> ModelArtifacts.builder().config(ModelFixtures.config(dir)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("graph");
    }
}
