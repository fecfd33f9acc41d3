package dev.shadowtrainer.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.report.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves models as folders {@code <root>/<name>/} and loads them back verified.
 *
 * <h2>Layout</h2>
 * A model folder holds one DL4J zip per graph ({@code <graph>.zip}, written by
 * {@link ModelSerializer#writeModel(org.deeplearning4j.nn.api.Model, java.io.OutputStream, boolean)}
 * with the updater), the caller's extra files, and {@code metadata.json} ({@link ModelMetadata}) with
 * provenance and the SHA-256 of every other file. Nothing else belongs in it.
 *
 * <h2>Saving, and why a crash never loses the model</h2>
 * <ol>
 * <li>Leftovers of earlier saves of this name are deleted: {@code .tmp-<name>-<hex>} folders always,
 *     {@code .old-<name>-<hex>} folders only when {@code <name>/} exists (otherwise one of them is the
 *     current model, see step 4).</li>
 * <li>Every file goes into a fresh {@code <root>/.tmp-<name>-<hex>/}, each written through
 *     {@link AtomicFile} (forced to disk), {@code metadata.json} last; then the folder itself is forced
 *     and the whole folder is verified exactly as {@link #load} would.</li>
 * <li>If {@code <name>/} exists, it is renamed (atomically) to {@code .old-<name>-<hex>}.</li>
 * <li>The temporary folder is renamed (atomically) to {@code <name>/}; the root folder is forced after
 *     each rename.</li>
 * <li>The {@code .old-<name>-*} folder is deleted.</li>
 * </ol>
 * A crash before step 3 leaves the previous {@code <name>/} untouched (the temporary folder is hidden,
 * ignored by load, and deleted by the next save); after step 4 the new model is in place. Between 3
 * and 4 {@code <name>/} is briefly absent while the complete previous model sits in exactly one
 * {@code .old-<name>-<hex>/}: {@link #load(String)} then loads that one, and the next save puts a new
 * model in place before deleting it. So at every point either the previous or the new model loads. A
 * save that fails with an exception cleans up after itself and, if it had moved the previous model
 * aside, moves it back. One process saves a given name at a time; readers racing a save may have to
 * retry. Copy a model elsewhere with its folder; {@link #load(Path)} reads any such copy.
 *
 * <h2>Loading</h2>
 * Every file must be listed in {@code metadata.json} with a matching SHA-256, every listed file must be
 * there, and {@code metadata.json} must parse and have format version {@value ModelMetadata#FORMAT_VERSION}.
 *
 * <h2>Exit codes</h2>
 * {@link ExitCodes#USAGE} (2) for a bad model name; {@link ExitCodes#BAD_DATA} (3) for a model that is
 * missing, incomplete, tampered with, or unreadable as a model; {@link ExitCodes#STORAGE} (4) when the
 * file system fails (cannot create, write, rename or read). Each is one line: what, where, what to do.
 */
public final class ModelStore {
    /** Where models go unless the caller says otherwise. */
    public static final Path DEFAULT_ROOT = Path.of("models");
    public static final String METADATA_FILE = "metadata.json";

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String OLD_PREFIX = ".old-";
    private static final int SUFFIX_BYTES = 8;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Clock clock;
    private final SaveHook hook;
    private final SecureRandom random = new SecureRandom();

    /** Models under {@code models/}, times from the system clock in UTC. */
    public ModelStore() {
        this(DEFAULT_ROOT, Clock.systemUTC());
    }

    /** Models under {@code root}, creation times from {@code clock}. */
    public ModelStore(Path root, Clock clock) {
        this(root, clock, SaveHook.NONE);
    }

    ModelStore(Path root, Clock clock, SaveHook hook) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.hook = Objects.requireNonNull(hook, "hook is null");
    }

    public Path root() {
        return root;
    }

    /**
     * The folder of model {@code name}.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} for a name that is not allowed
     */
    public Path dir(String name) {
        return root.resolve(ModelNames.require("model name", name));
    }

    /**
     * Saves {@code artifacts} as model {@code name}, replacing any model of that name only once the new
     * one is complete on disk (see the class comment).
     *
     * @return the metadata as written to {@code metadata.json}
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} for a bad name, {@link ExitCodes#STORAGE}
     *                                when the model cannot be written; the previous model is then intact
     */
    public ModelMetadata save(String name, ModelArtifacts artifacts) {
        Path target = dir(name);
        Objects.requireNonNull(artifacts, "artifacts is null");
        Map<String, byte[]> contents = contents(artifacts);

        String suffix = HexFormat.of().formatHex(randomBytes());
        Path temp = root.resolve(TEMP_PREFIX + name + "-" + suffix);
        Path old = root.resolve(OLD_PREFIX + name + "-" + suffix);
        boolean targetExists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (targetExists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot save model '" + name + "': " + target
                    + " exists and is not a folder; move it away or choose another model name");
        }
        boolean movedAside = false;
        try {
            Files.createDirectories(root);
            deleteLeftovers(TEMP_PREFIX, name);
            if (targetExists) {
                deleteLeftovers(OLD_PREFIX, name);
            }

            Files.createDirectory(temp);
            Map<String, String> checksums = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> file : contents.entrySet()) {
                writeFile(temp.resolve(file.getKey()), file.getValue());
                checksums.put(file.getKey(), Sha256.of(file.getValue()));
            }
            writeFile(temp.resolve(METADATA_FILE), ModelJson.bytes(metadata(name, artifacts, checksums)));
            force(temp);
            ModelMetadata written = verify(temp).metadata();
            hook.reached(SaveHook.Stage.TEMP_COMPLETE, null);

            if (targetExists) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                movedAside = true;
                force(root);
                hook.reached(SaveHook.Stage.OLD_MOVED_ASIDE, null);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            force(root);
            hook.reached(SaveHook.Stage.NEW_IN_PLACE, null);
            deleteLeftovers(OLD_PREFIX, name);
            return written;
        } catch (IOException | ShadowTrainerException e) {
            undo(target, temp, old, movedAside, e);
            String cause = e instanceof ShadowTrainerException ? e.getMessage() : e.toString();
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot save model '" + name + "' to " + target
                    + ": " + LoadedModel.oneLine(cause) + "; the previous model, if any, is unchanged;"
                    + " check the folder's space and permissions", e);
        } catch (RuntimeException e) {
            undo(target, temp, old, movedAside, e);
            throw e;
        }
    }

    /**
     * Loads model {@code name} from this store's root, verified; see {@link #load(Path)}. When a save
     * was interrupted between moving the previous model aside and moving the new one in, that previous
     * model is loaded from where it waits.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} for a bad name, otherwise as {@link #load(Path)}
     */
    public LoadedModel load(String name) {
        Path dir = dir(name);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> aside = leftovers(OLD_PREFIX, name);
            if (aside.size() == 1) {
                log.warn("model {} is missing after an interrupted save; loading the previous model from {}",
                        dir, aside.get(0));
                return load(aside.get(0));
            }
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "no model '" + name + "' in " + root + " ("
                    + dir + " does not exist); check the name or train and save the model first");
        }
        return load(dir);
    }

    /**
     * Loads the model in {@code dir}, after checking every file against {@code metadata.json}.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when the folder is missing, holds a
     *                                missing, unexpected or changed file, or unreadable metadata or graphs;
     *                                with {@link ExitCodes#STORAGE} when a file cannot be read
     */
    public LoadedModel load(Path dir) {
        Verified verified = verify(dir);
        Map<String, ComputationGraph> graphs = new LinkedHashMap<>();
        for (Map.Entry<String, String> graph : verified.metadata().graphs().entrySet()) {
            byte[] bytes = verified.files().get(graph.getValue());
            try {
                graphs.put(graph.getKey(), ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), true));
            } catch (IOException | RuntimeException e) {
                throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model file " + dir.resolve(graph.getValue())
                        + " matches its checksum but does not read as a DL4J ComputationGraph ("
                        + LoadedModel.oneLine(e.toString()) + "); save the model again with this shadow-trainer", e);
            }
        }
        return new LoadedModel(dir, verified.metadata(), graphs, verified.files());
    }

    /** A model folder's metadata and the bytes of its other files, all checked against each other. */
    record Verified(ModelMetadata metadata, Map<String, byte[]> files) {
    }

    /** Checks {@code dir} as {@link #load(Path)} does, without reading the graphs. */
    Verified verify(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model folder " + dir
                    + " does not exist or is not a folder; check the path or save the model first");
        }
        ModelMetadata metadata = readMetadata(dir);
        String damaged = "; the folder was changed or damaged after saving: save the model again or restore "
                + dir + " from a backup";

        Set<String> present = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                present.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot list model folder " + dir + ": " + e
                    + "; check its permissions", e);
        }

        List<String> problems = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> listed : metadata.files().entrySet()) {
            Path file = dir.resolve(listed.getKey());
            if (!present.contains(listed.getKey())) {
                problems.add("model file " + file + " listed in " + METADATA_FILE + " is missing");
            } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("model file " + file + " is not a regular file");
            } else {
                byte[] bytes = read(file);
                String actual = Sha256.of(bytes);
                if (!actual.equals(listed.getValue())) {
                    problems.add("model file " + file + " does not match its SHA-256 in " + METADATA_FILE
                            + " (expected " + listed.getValue().substring(0, 12) + "..., found "
                            + actual.substring(0, 12) + "...)");
                }
                files.put(listed.getKey(), bytes);
            }
        }
        for (String name : present) {
            if (!name.equals(METADATA_FILE) && !metadata.files().containsKey(name)) {
                problems.add("unexpected file " + dir.resolve(name) + " in the model folder (not listed in "
                        + METADATA_FILE + ")");
            }
        }
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problem"
                    + (problems.size() == 2 ? "" : "s") + ")";
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, problems.get(0) + more + damaged);
        }
        return new Verified(metadata, files);
    }

    private ModelMetadata readMetadata(Path dir) {
        Path file = dir.resolve(METADATA_FILE);
        String resave = "; save the model again or restore " + dir + " from a backup";
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file + " is missing, so "
                    + dir + " is not a complete saved model" + resave);
        }
        JsonNode tree;
        try {
            tree = ModelJson.MAPPER.readTree(read(file));
        } catch (JsonProcessingException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file + " is not valid JSON ("
                    + LoadedModel.oneLine(e.getOriginalMessage()) + " at line " + e.getLocation().getLineNr() + ")"
                    + resave, e);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file + " cannot be parsed ("
                    + LoadedModel.oneLine(e.getMessage()) + ")" + resave, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file
                    + " is not a JSON object" + resave);
        }
        JsonNode version = tree.get("format_version");
        if (version == null || !version.isInt()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file
                    + " has no format_version" + resave);
        }
        if (version.intValue() != ModelMetadata.FORMAT_VERSION) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file + " has format version "
                    + version.intValue() + " but this shadow-trainer reads version " + ModelMetadata.FORMAT_VERSION
                    + "; load it with the shadow-trainer version that saved it ("
                    + LoadedModel.oneLine(tree.path("product_version").asText("unknown")) + ")");
        }
        ModelMetadata metadata;
        try {
            metadata = ModelJson.MAPPER.treeToValue(tree, ModelMetadata.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file
                    + " does not hold valid model metadata (" + LoadedModel.oneLine(e.getMessage()) + ")" + resave, e);
        }
        String invalid = invalidListing(metadata);
        if (invalid != null) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model metadata " + file + " " + invalid + resave);
        }
        return metadata;
    }

    /** What is wrong with the file and graph listing, or null; keeps a tampered listing inside the folder. */
    private static String invalidListing(ModelMetadata metadata) {
        if (metadata.files().isEmpty() || metadata.graphs().isEmpty()) {
            return "lists no files or no graphs";
        }
        for (Map.Entry<String, String> file : metadata.files().entrySet()) {
            if (!ModelNames.isValid(file.getKey()) || file.getKey().equals(METADATA_FILE)) {
                return "lists a file with a name that is not allowed: '" + ModelNames.printable(file.getKey()) + "'";
            }
            if (file.getValue() == null || !SHA256_HEX.matcher(file.getValue()).matches()) {
                return "has no valid SHA-256 for " + file.getKey();
            }
        }
        for (Map.Entry<String, String> graph : metadata.graphs().entrySet()) {
            if (!ModelNames.isValid(graph.getKey()) || !ModelArtifacts.graphFile(graph.getKey()).equals(graph.getValue())
                    || !metadata.files().containsKey(graph.getValue())) {
                return "lists graph '" + ModelNames.printable(graph.getKey()) + "' without its file";
            }
        }
        return null;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot read model file " + file + ": " + e
                    + "; check its permissions and the disk", e);
        }
    }

    /** Every file but metadata.json, in the order written: graphs, then extra files. */
    private static Map<String, byte[]> contents(ModelArtifacts artifacts) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, ComputationGraph> graph : artifacts.graphs().entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ModelSerializer.writeModel(graph.getValue(), out, true);
            } catch (IOException e) {
                throw new IllegalStateException("graph " + graph.getKey() + " cannot be serialised", e);
            }
            contents.put(ModelArtifacts.graphFile(graph.getKey()), out.toByteArray());
        }
        contents.putAll(artifacts.extraFiles());
        return contents;
    }

    private ModelMetadata metadata(String name, ModelArtifacts artifacts, Map<String, String> checksums) {
        PathScrubber scrubber = PathScrubber.forThisMachine();
        Map<String, String> graphs = new LinkedHashMap<>();
        artifacts.graphs().keySet().forEach(graph -> graphs.put(graph, ModelArtifacts.graphFile(graph)));
        CandlesInfo c = artifacts.candles();
        CandlesInfo candles = new CandlesInfo(scrubber.scrub(c.source()), c.exchange(), c.symbol(), c.timeframe(),
                c.bars(), c.fillerBars(), c.firstOpen(), c.lastOpen(), c.sha256());
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, name, clock.instant(), BuildFacts.productVersion(),
                BuildFacts.gitCommit(Path.of(System.getProperty("user.dir", "."))), BuildFacts.platform(),
                BuildFacts.dependencyVersions(), artifacts.seed(),
                ModelMetadata.configValues(artifacts.config().settings(), scrubber),
                scrubbed(artifacts.features(), scrubber), scrubbed(artifacts.normalisation(), scrubber), candles,
                artifacts.metrics(), graphs, checksums);
    }

    /** A copy of {@code node} with every text value passed through {@code scrubber}. */
    private static JsonNode scrubbed(JsonNode node, PathScrubber scrubber) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(scrubber.scrub(node.textValue()));
        }
        JsonNode copy = node.deepCopy();
        if (copy instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> object.set(n, scrubbed(object.get(n), scrubber)));
        } else if (copy instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrubbed(array.get(i), scrubber));
            }
        }
        return copy;
    }

    private void writeFile(Path file, byte[] bytes) {
        String name = file.getFileName().toString();
        AtomicFile.writeBytes(file, out -> {
            int half = bytes.length / 2;
            out.write(bytes, 0, half);
            out.flush();
            hook.reached(SaveHook.Stage.FILE_HALF_WRITTEN, name);
            out.write(bytes, half, bytes.length - half);
        });
    }

    /** Forces a folder's entries to disk where the platform allows it (not on Windows). */
    private static void force(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("cannot force folder {} to disk: {}", dir, e.toString());
        }
    }

    /** After a failed save: the previous model back in place if it was moved aside, the temp folder gone. */
    private void undo(Path target, Path temp, Path old, boolean movedAside, Exception failure) {
        if (movedAside && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                force(root);
            } catch (IOException e) {
                // It stays complete in .old-*, where load(name) finds it.
                failure.addSuppressed(e);
            }
        }
        deleteTree(temp);
    }

    /** Folders {@code <prefix><name>-<16 hex>} in the root: leftovers of saves of this name. */
    private List<Path> leftovers(String prefix, String name) {
        Pattern pattern = Pattern.compile(Pattern.quote(prefix + name + "-") + "[0-9a-f]{" + 2 * SUFFIX_BYTES + "}");
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (pattern.matcher(entry.getFileName().toString()).matches()) {
                    out.add(entry);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list {} for leftovers of model {}: {}", root, name, e.toString());
        }
        out.sort(null);
        return out;
    }

    private void deleteLeftovers(String prefix, String name) {
        leftovers(prefix, name).forEach(ModelStore::deleteTree);
    }

    /** Deletes a folder and everything in it, following no links; failures are logged, not thrown. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}: {}; delete it by hand", dir, e.toString());
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[SUFFIX_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }
}
