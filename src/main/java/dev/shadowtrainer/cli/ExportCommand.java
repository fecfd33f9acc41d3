package dev.shadowtrainer.cli;

import dev.shadowtrainer.artifact.ModelExport;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: a saved model's policy network as ONNX, DL4J or JSON, with its observation spec. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a saved model's policy network for other programs: onnx (policy.onnx: inputs obs, "
                + "outputs logits, probabilities, value), dl4j (policy.zip and metadata.json) or json "
                + "(policy_weights.json), each beside observation_spec.json, which says how to build the model's "
                + "observation (features, normalisation, position and memory blocks, actions). Files are written "
                + "atomically to --out (default: exports/<model name>/).",
                "Example: export --model models/20250101T120000Z-btcusdt-15m --format onnx"})
final class ExportCommand extends ConfiguredCommand {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model folder, e.g. models/<name>")
    Path model;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx, dl4j or json")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: exports/<model name>/)")
    Path out;

    @Override
    public Integer call() {
        config(); // --config, --set and --verbose act as in every command
        ModelExport.Format chosen = ModelExport.Format.parse(format);
        LoadedModel loaded = new ModelStore().load(model);
        Path target = out != null ? out : ModelExport.defaultDir(model);
        ModelExport.Written written = ModelExport.export(loaded, PpoPolicyTrainer.NETWORK, chosen, target,
                VersionProvider.version());
        List<String> files = new ArrayList<>();
        written.files().forEach(f -> files.add(target.resolve(f).toString()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", model.toString());
        summary.put("format", chosen.label());
        summary.put("out", target.toString());
        summary.put("files", files);
        List<String> text = new ArrayList<>();
        text.add("export " + model + " as " + chosen.label() + " to " + target + ":");
        files.forEach(f -> text.add("  " + f));
        printSummary(summary, text);
        return 0;
    }
}
