package dev.shadowtrainer;

/**
 * An expected failure with a user-facing one-line message and the process exit code it maps to.
 * The message says what went wrong, where, and what to do; stack traces are for {@code --verbose}.
 */
public class ShadowTrainerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ShadowTrainerException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ShadowTrainerException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
