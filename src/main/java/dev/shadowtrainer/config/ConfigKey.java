package dev.shadowtrainer.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: its dotted path, type, built-in default, allowed range and meaning.
 *
 * @param path        dotted path as written in YAML, e.g. {@code training.rl_agent.gamma}
 * @param type        value type
 * @param defaultValue built-in default (already of the key's type)
 * @param min         lowest allowed number, or null
 * @param minExclusive whether {@code min} itself is not allowed
 * @param max         highest allowed number, or null
 * @param allowed     allowed string values, empty for any
 * @param description one line for the README and error messages
 */
public record ConfigKey(String path, Type type, Object defaultValue, Double min, boolean minExclusive, Double max,
                        List<String> allowed, String description) {
    public enum Type { BOOLEAN, INTEGER, NUMBER, STRING }

    public ConfigKey {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(defaultValue, "defaultValue is null");
        Objects.requireNonNull(description, "description is null");
        allowed = List.copyOf(allowed);
    }

    /** The environment variable that sets this key: SHADOW_ + the path upper-cased, dots as underscores. */
    public String environmentName() {
        return "SHADOW_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The allowed range in interval notation, for error messages. */
    public String rangeText() {
        if (!allowed.isEmpty()) {
            return "one of " + String.join(", ", allowed);
        }
        String lo = min == null ? "(-inf" : (minExclusive ? "(" : "[") + plain(min);
        String hi = max == null ? "inf)" : plain(max) + "]";
        return lo + ", " + hi;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e16 ? Long.toString((long) d) : Double.toString(d);
    }
}
