package dev.shadowtrainer.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves the configuration with precedence flag &gt; environment (SHADOW_…) &gt; file &gt; built-in
 * default. Unknown keys, malformed values and values out of range are rejected with the key path and
 * the place the value came from.
 */
public final class ConfigLoader {
    /** The config file used when none is named and it exists. */
    public static final Path DEFAULT_FILE = Path.of("config", "base.yaml");

    /** SHADOW_ variables that are not configuration keys (read by the launcher script). */
    private static final Set<String> RESERVED_ENV = Set.of("SHADOW_HOME", "SHADOW_JAVA_OPTS");
    /** Short aliases users expect. */
    private static final Map<String, String> ENV_ALIASES = Map.of("SHADOW_DB_URL", "database.url");

    private final ConfigSchema schema = new ConfigSchema();

    /**
     * @param file  a config file named by the user (must exist), or null to use {@link #DEFAULT_FILE}
     *              when present and the built-in defaults otherwise
     * @param env   the process environment (only SHADOW_ variables are read)
     * @param flags key path to value, from command-line flags
     */
    public ShadowConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        Objects.requireNonNull(env, "env is null");
        Objects.requireNonNull(flags, "flags is null");
        Map<String, Setting> values = new LinkedHashMap<>();
        for (ConfigKey key : schema.keys()) {
            values.put(key.path(), new Setting(key.defaultValue(), "default"));
        }
        Path source = file != null ? file : (Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null);
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file
                    + "; pass an existing file with --config or leave --config out to use " + DEFAULT_FILE);
        }
        if (source != null) {
            applyFile(source, values);
        }
        applyEnvironment(env, values);
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            ConfigKey key = schema.key(flag.getKey()).orElseThrow(() -> new ConfigException(
                    "unknown config key '" + flag.getKey() + "' in --set; known keys: "
                            + String.join(", ", schema.keysUnder(""))));
            values.put(key.path(), new Setting(parse(key, flag.getValue(), "command line"), "command line"));
        }
        return ShadowConfig.from(values);
    }

    private void applyFile(Path file, Map<String, Setting> values) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException("config file " + file + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage() + "; fix the file or leave --config out");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return; // an empty file sets nothing
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a YAML mapping of sections, e.g. 'training:'");
        }
        walk(root, "", file.toString(), values);
    }

    private void walk(JsonNode node, String prefix, String origin, Map<String, Setting> values) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                if (!schema.isSection(path)) {
                    throw unknown(path, prefix, origin);
                }
                walk(value, path, origin, values);
                continue;
            }
            ConfigKey key = schema.key(path).orElseThrow(() -> schema.isSection(path)
                    ? new ConfigException("config key '" + path + "' in " + origin + " is a section; give it keys "
                            + String.join(", ", schema.keysUnder(path)))
                    : unknown(path, prefix, origin));
            if (value.isNull() || value.isContainerNode()) {
                throw new ConfigException("config key '" + path + "' in " + origin + " needs a single value ("
                        + key.type().name().toLowerCase(Locale.ROOT) + ", " + key.rangeText() + ")");
            }
            values.put(path, new Setting(parse(key, value.asText(), origin), origin));
        }
    }

    private ConfigException unknown(String path, String section, String origin) {
        return new ConfigException("unknown config key '" + path + "' in " + origin + "; known keys"
                + (section.isEmpty() ? "" : " under " + section) + ": " + String.join(", ", schema.keysUnder(section)));
    }

    private void applyEnvironment(Map<String, String> env, Map<String, Setting> values) {
        Map<String, ConfigKey> byEnvName = new LinkedHashMap<>();
        for (ConfigKey key : schema.keys()) {
            byEnvName.put(key.environmentName(), key);
        }
        // Aliases first so the canonical name wins when both are set.
        for (Map.Entry<String, String> alias : ENV_ALIASES.entrySet()) {
            String value = env.get(alias.getKey());
            if (value != null) {
                ConfigKey key = schema.key(alias.getValue()).orElseThrow();
                values.put(key.path(), new Setting(parse(key, value, alias.getKey()), alias.getKey()));
            }
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("SHADOW_") || RESERVED_ENV.contains(name) || ENV_ALIASES.containsKey(name)) {
                continue;
            }
            ConfigKey key = byEnvName.get(name);
            if (key == null) {
                throw new ConfigException("unknown environment variable " + name
                        + "; configuration variables are SHADOW_ plus the key path in capitals, e.g. "
                        + "SHADOW_TRAINING_RL_AGENT_GAMMA; unset it or fix the name");
            }
            values.put(key.path(), new Setting(parse(key, e.getValue(), name), name));
        }
    }

    /** Parses and range-checks one value; {@code origin} names where it came from for the error. */
    static Object parse(ConfigKey key, String text, String origin) {
        String trimmed = text == null ? "" : text.trim();
        String where = "config key '" + key.path() + "' (from " + origin + ")";
        switch (key.type()) {
            case BOOLEAN -> {
                if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(trimmed);
                }
                throw new ConfigException(where + " must be true or false, got '" + trimmed + "'");
            }
            case INTEGER -> {
                long value;
                try {
                    value = Long.parseLong(trimmed);
                } catch (NumberFormatException e) {
                    throw new ConfigException(where + " must be a whole number, got '" + trimmed + "'");
                }
                checkRange(key, value, where);
                return value;
            }
            case NUMBER -> {
                double value;
                try {
                    value = Double.parseDouble(trimmed);
                } catch (NumberFormatException e) {
                    throw new ConfigException(where + " must be a number, got '" + trimmed + "'");
                }
                if (!Double.isFinite(value)) {
                    throw new ConfigException(where + " must be a finite number, got '" + trimmed + "'");
                }
                checkRange(key, value, where);
                return value;
            }
            case STRING -> {
                if (trimmed.isEmpty()) {
                    throw new ConfigException(where + " must not be empty");
                }
                if (!key.allowed().isEmpty() && !key.allowed().contains(trimmed)) {
                    throw new ConfigException(where + " = '" + trimmed + "' is not allowed; use " + key.rangeText());
                }
                return trimmed;
            }
            default -> throw new IllegalStateException("unhandled type " + key.type());
        }
    }

    private static void checkRange(ConfigKey key, double value, String where) {
        boolean low = key.min() != null && (key.minExclusive() ? value <= key.min() : value < key.min());
        boolean high = key.max() != null && value > key.max();
        if (low || high) {
            throw new ConfigException(where + " = " + value + " is out of range; allowed " + key.rangeText());
        }
    }

    public ConfigSchema schema() {
        return schema;
    }
}
