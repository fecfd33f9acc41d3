package dev.shadowtrainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtrainer.config.ShadowConfig;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Everything a {@link ModelStore} saves for one model: the networks, extra files, and the provenance the
 * caller knows (config, features, normalisation, candles, seed, metrics). The store adds what it finds
 * out itself (versions, git commit, machine, time, checksums).
 *
 * <p>Graphs go to {@code <graph>.zip}; extra files keep the name given. Names follow the model-name rule
 * (letters, digits, '.', '_', '-'), and no extra file may be called {@code metadata.json} or take a
 * graph's file name.
 */
public final class ModelArtifacts {
    static final String GRAPH_SUFFIX = ".zip";

    private final Map<String, ComputationGraph> graphs;
    private final Map<String, byte[]> extraFiles;
    private final ShadowConfig config;
    private final JsonNode features;
    private final JsonNode normalisation;
    private final CandlesInfo candles;
    private final long seed;
    private final Map<String, Double> metrics;

    private ModelArtifacts(Builder b) {
        this.graphs = Collections.unmodifiableMap(new LinkedHashMap<>(b.graphs));
        this.extraFiles = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraFiles));
        this.config = b.config;
        this.features = b.features;
        this.normalisation = b.normalisation;
        this.candles = b.candles;
        this.seed = b.seed.orElse(b.config.seed());
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The file a graph is saved in. */
    static String graphFile(String graphName) {
        return graphName + GRAPH_SUFFIX;
    }

    Map<String, ComputationGraph> graphs() {
        return graphs;
    }

    Map<String, byte[]> extraFiles() {
        return extraFiles;
    }

    ShadowConfig config() {
        return config;
    }

    JsonNode features() {
        return features;
    }

    JsonNode normalisation() {
        return normalisation;
    }

    CandlesInfo candles() {
        return candles;
    }

    long seed() {
        return seed;
    }

    Map<String, Double> metrics() {
        return metrics;
    }

    /** Collects a model's parts; {@link #build()} requires at least one graph, the config and the candles. */
    public static final class Builder {
        private final Map<String, ComputationGraph> graphs = new LinkedHashMap<>();
        private final Map<String, byte[]> extraFiles = new LinkedHashMap<>();
        private ShadowConfig config;
        private JsonNode features;
        private JsonNode normalisation;
        private CandlesInfo candles;
        private OptionalLong seed = OptionalLong.empty();
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        private Builder() {
        }

        /** A network, saved with its updater state so training can resume, as {@code <name>.zip}. */
        public Builder graph(String name, ComputationGraph graph) {
            ModelNames.require("graph name", name);
            Objects.requireNonNull(graph, "graph is null");
            String file = graphFile(name);
            if (graphs.containsKey(name) || extraFiles.containsKey(file)) {
                throw new IllegalArgumentException("model already has a graph or file named " + file);
            }
            graphs.put(name, graph);
            return this;
        }

        /** An extra file holding {@code value} as JSON (e.g. a feature or normalisation spec). */
        public Builder jsonFile(String fileName, Object value) {
            return file(fileName, ModelJson.bytes(value));
        }

        /** An extra UTF-8 text file. */
        public Builder textFile(String fileName, String text) {
            Objects.requireNonNull(text, "text is null");
            return file(fileName, text.getBytes(StandardCharsets.UTF_8));
        }

        /** An extra file with exactly these bytes. */
        public Builder file(String fileName, byte[] content) {
            ModelNames.require("model file name", fileName);
            Objects.requireNonNull(content, "content is null");
            if (fileName.equals(ModelStore.METADATA_FILE)) {
                throw new IllegalArgumentException(ModelStore.METADATA_FILE + " is written by the model store");
            }
            boolean takenByGraph = fileName.endsWith(GRAPH_SUFFIX)
                    && graphs.containsKey(fileName.substring(0, fileName.length() - GRAPH_SUFFIX.length()));
            if (takenByGraph || extraFiles.containsKey(fileName)) {
                throw new IllegalArgumentException("model already has a graph or file named " + fileName);
            }
            extraFiles.put(fileName, content.clone());
            return this;
        }

        /** The effective config; stored with origins, database password redacted, machine paths removed. */
        public Builder config(ShadowConfig config) {
            this.config = Objects.requireNonNull(config, "config is null");
            return this;
        }

        /** The feature list, as any object Jackson can write. */
        public Builder features(Object features) {
            this.features = ModelJson.tree(features);
            return this;
        }

        /** The normalisation spec, as any object Jackson can write. */
        public Builder normalisation(Object normalisation) {
            this.normalisation = ModelJson.tree(normalisation);
            return this;
        }

        /** The candles trained on; see {@link CandlesInfo#of}. */
        public Builder candles(CandlesInfo candles) {
            this.candles = Objects.requireNonNull(candles, "candles is null");
            return this;
        }

        /** The run's seed; the config's {@code seed} unless set. */
        public Builder seed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        /** One named result; NaN or infinite values are stored as null. */
        public Builder metric(String name, double value) {
            metrics.put(Objects.requireNonNull(name, "name is null"), value);
            return this;
        }

        /** Named results; NaN or infinite values are stored as null. */
        public Builder metrics(Map<String, ? extends Number> values) {
            values.forEach((k, v) -> metrics.put(Objects.requireNonNull(k, "metric name is null"),
                    v == null ? null : v.doubleValue()));
            return this;
        }

        public ModelArtifacts build() {
            if (graphs.isEmpty()) {
                throw new IllegalStateException("a model needs at least one graph");
            }
            if (config == null) {
                throw new IllegalStateException("a model needs the config it was trained with");
            }
            if (candles == null) {
                throw new IllegalStateException("a model needs the candles it was trained on");
            }
            return new ModelArtifacts(this);
        }
    }
}
