package dev.shadowtrainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.shadowtrainer.config.DatabaseUrls;
import dev.shadowtrainer.config.Setting;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code metadata.json} of a saved model: what it is, how it was made, and the SHA-256 of every other
 * file in its folder. Written as snake_case JSON with times as ISO-8601 UTC text. It holds no absolute
 * path of the machine and no password: config values and origins and the candle source pass through a
 * {@link PathScrubber}, and the database URL is stored redacted.
 *
 * @param formatVersion   layout version of the model folder and this file ({@link #FORMAT_VERSION})
 * @param name            the model's name (its folder name under the store root)
 * @param createdAt       when it was saved, from the store's clock
 * @param productVersion  shadow-trainer's version
 * @param gitCommit       commit of the working folder at save time, or "unknown"
 * @param platform        JVM and OS
 * @param dependencies    {@code group:artifact} to version of the libraries that shape training
 * @param seed            the seed of the run that trained the model
 * @param config          every config key with its effective value and where the value came from
 * @param features        the feature list, as given by the caller
 * @param normalisation   the normalisation spec, as given by the caller
 * @param candles         the candles trained on, with their hash
 * @param metrics         named results; NaN or infinite values are stored as null
 * @param graphs          graph name to the file holding it (DL4J ComputationGraph zip, updater included)
 * @param files           every file of the model folder except metadata.json, to its SHA-256 (hex)
 */
public record ModelMetadata(int formatVersion, String name, Instant createdAt, String productVersion,
                            String gitCommit, Platform platform, Map<String, String> dependencies, long seed,
                            Map<String, ConfigValue> config, JsonNode features, JsonNode normalisation,
                            CandlesInfo candles, Map<String, Double> metrics, Map<String, String> graphs,
                            Map<String, String> files) {
    /** The only format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public ModelMetadata {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        features = features == null ? NullNode.getInstance() : features;
        normalisation = normalisation == null ? NullNode.getInstance() : normalisation;
        dependencies = sorted(dependencies);
        config = sorted(config);
        metrics = finite(metrics);
        graphs = sorted(graphs);
        files = sorted(files);
    }

    /** JVM and OS of the machine that saved the model. */
    public record Platform(String javaVersion, String javaVendor, String javaVm, String osName, String osVersion,
                          String arch) {
    }

    /** A config value and its origin (default, file, environment variable, command line). */
    public record ConfigValue(Object value, String origin) {
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private static Map<String, Double> finite(Map<String, Double> metrics) {
        if (metrics == null) {
            return Map.of();
        }
        Map<String, Double> out = new TreeMap<>();
        metrics.forEach((k, v) -> out.put(k, v == null || !Double.isFinite(v) ? null : v));
        return Collections.unmodifiableMap(out);
    }

    /** Config settings as stored: the database URL redacted (again), machine paths scrubbed. */
    static Map<String, ConfigValue> configValues(Map<String, Setting> settings, PathScrubber scrubber) {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        settings.forEach((key, setting) -> {
            Object value = setting.value();
            if (value instanceof String text) {
                value = scrubber.scrub(DatabaseUrls.redact(text));
            }
            out.put(key, new ConfigValue(value, scrubber.scrub(setting.origin())));
        });
        return out;
    }
}
