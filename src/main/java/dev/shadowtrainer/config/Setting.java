package dev.shadowtrainer.config;

import java.util.Objects;

/** A resolved configuration value and where it came from (default, file, environment, flag). */
public record Setting(Object value, String origin) {
    public Setting {
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(origin, "origin is null");
    }
}
