package dev.shadowtrainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A model read back and verified by {@link ModelStore#load}: its metadata, its graphs (with updater
 * state) by name, and the bytes of every file, extra files included.
 */
public final class LoadedModel {
    private final Path dir;
    private final ModelMetadata metadata;
    private final Map<String, ComputationGraph> graphs;
    private final Map<String, byte[]> files;

    LoadedModel(Path dir, ModelMetadata metadata, Map<String, ComputationGraph> graphs, Map<String, byte[]> files) {
        this.dir = dir;
        this.metadata = metadata;
        this.graphs = Collections.unmodifiableMap(new LinkedHashMap<>(graphs));
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The folder it was read from. */
    public Path dir() {
        return dir;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** Graph name to graph. */
    public Map<String, ComputationGraph> graphs() {
        return graphs;
    }

    /**
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when the model has no such graph
     */
    public ComputationGraph graph(String name) {
        ComputationGraph graph = graphs.get(name);
        if (graph == null) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + dir + " has no graph '"
                    + ModelNames.printable(name) + "' (it has " + graphs.keySet()
                    + "); load a model saved with that graph");
        }
        return graph;
    }

    /** Names of every file but metadata.json. */
    public Set<String> fileNames() {
        return files.keySet();
    }

    /** A file's bytes (a copy). */
    public byte[] bytes(String fileName) {
        byte[] content = files.get(fileName);
        if (content == null) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + dir + " has no file '"
                    + ModelNames.printable(fileName) + "' (it has " + files.keySet()
                    + "); load a model saved with that file");
        }
        return content.clone();
    }

    /** A file as UTF-8 text. */
    public String text(String fileName) {
        return new String(bytes(fileName), StandardCharsets.UTF_8);
    }

    /** A JSON file as a tree. */
    public JsonNode json(String fileName) {
        return json(fileName, JsonNode.class);
    }

    /**
     * A JSON file read as {@code type}.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when it does not parse as one
     */
    public <T> T json(String fileName, Class<T> type) {
        try {
            return ModelJson.MAPPER.readValue(bytes(fileName), type);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model file " + dir.resolve(fileName)
                    + " does not read as " + type.getSimpleName() + ": " + oneLine(e.getMessage())
                    + "; save the model again with the expected file", e);
        }
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
