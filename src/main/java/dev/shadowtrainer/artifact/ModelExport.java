package dev.shadowtrainer.artifact;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.report.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a saved model's policy network in a form other programs read, beside {@value LiveSpec#FILE}
 * (how to build its observation): {@code onnx} gives {@value #ONNX_FILE}, {@code dl4j} the DL4J zip and
 * the model's metadata.json, {@code json} {@value PolicyWeights#FILE}. Every file is written atomically
 * (temporary name, then rename), so a crash leaves each file old or new, never half written.
 */
public final class ModelExport {
    public static final String ONNX_FILE = "policy.onnx";
    public static final String DL4J_FILE = "policy.zip";
    /** Where exports go unless --out says otherwise: {@code exports/<model name>/}. */
    public static final Path DEFAULT_ROOT = Path.of("exports");

    /** The export formats. */
    public enum Format {
        ONNX, DL4J, JSON;

        /**
         * @throws ShadowTrainerException with {@link ExitCodes#USAGE} for any other name
         */
        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new ShadowTrainerException(ExitCodes.USAGE, "unknown export format '" + text
                    + "'; use onnx, dl4j or json");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The files written, by name, in {@code dir}. */
    public record Written(Path dir, Format format, List<String> files) {
    }

    private ModelExport() {
    }

    /** {@code exports/<name>/} for the model in {@code modelDir}. */
    public static Path defaultDir(Path modelDir) {
        return DEFAULT_ROOT.resolve(modelDir.toAbsolutePath().normalize().getFileName().toString());
    }

    /**
     * Exports graph {@code graphName} of {@code model} to {@code out} as {@code format}.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} when {@code out} is inside the model
     *                                folder (the model store would then refuse the model as tampered with),
     *                                {@link ExitCodes#BAD_DATA} when the model has no such graph or one that
     *                                cannot be exported, {@link ExitCodes#STORAGE} when a file cannot be written
     */
    public static Written export(LoadedModel model, String graphName, Format format, Path out, String productVersion) {
        Objects.requireNonNull(format, "format is null");
        Path modelDir = model.dir().toAbsolutePath().normalize();
        if (out.toAbsolutePath().normalize().startsWith(modelDir)) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "export: --out " + out + " is inside the model folder "
                    + model.dir() + ", where any extra file makes the model fail its checks; choose another folder");
        }
        LiveSpec spec = LiveSpec.of(model);
        DenseTowers towers = towers(model, graphName);
        if (towers.inputSize() != spec.stateDim()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + ": the network reads "
                    + towers.inputSize() + " values but the observation spec has state_dim " + spec.stateDim()
                    + "; the model folder is inconsistent: train it again");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        switch (format) {
            case ONNX -> {
                Map<String, String> props = new LinkedHashMap<>();
                props.put("model", model.metadata().name());
                props.put("created_at", model.metadata().createdAt().toString());
                props.put("state_dim", Integer.toString(spec.stateDim()));
                props.put("observation_spec", LiveSpec.FILE);
                files.put(ONNX_FILE, OnnxPolicy.bytes(towers, productVersion, props));
            }
            case DL4J -> {
                files.put(DL4J_FILE, model.bytes(graphName + ".zip"));
                files.put(ModelStore.METADATA_FILE, read(model.dir().resolve(ModelStore.METADATA_FILE)));
            }
            case JSON -> files.put(PolicyWeights.FILE, ExportJson.bytes(PolicyWeights.of(towers)));
        }
        files.put(LiveSpec.FILE, ExportJson.bytes(spec));
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            AtomicFile.writeBytes(out.resolve(file.getKey()), stream -> stream.write(file.getValue()));
            names.add(file.getKey());
        }
        return new Written(out, format, List.copyOf(names));
    }

    private static DenseTowers towers(LoadedModel model, String graphName) {
        try {
            return DenseTowers.of(model.graph(graphName));
        } catch (IllegalArgumentException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + ": graph '" + graphName
                    + "' cannot be exported (" + e.getMessage() + "); export works on the PPO actor-critic", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot read " + file + ": " + e
                    + "; check its permissions", e);
        }
    }
}
