package dev.shadowtrainer.config;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;

/** A configuration value that is unknown, malformed or out of range (a usage error, exit code 2). */
public final class ConfigException extends ShadowTrainerException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ExitCodes.USAGE, message);
    }
}
