package dev.shadowtrainer;

/** Process exit codes, documented in {@code --help} and the README. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USAGE = 2;
    public static final int BAD_DATA = 3;
    public static final int STORAGE = 4;
    /** {@code nightly}: another nightly holds the lock, nothing was done. */
    public static final int LOCKED = 5;
    /** Stopped by Ctrl-C (SIGINT, 128 + 2 as shells report it) after saving a checkpoint to resume from. */
    public static final int INTERRUPTED = 130;
    /** train-universe: at least one symbol failed (for mixed reasons, or beside symbols that finished). */
    public static final int SOME_FAILED = 6;
    /** The JVM ran out of heap; the launcher gives it 1.5 GB unless SHADOW_JAVA_OPTS says otherwise. */
    public static final int OUT_OF_MEMORY = 7;

    private ExitCodes() {
    }
}
