package dev.shadowtrainer.model;

import java.io.IOException;

/**
 * Called by {@link ModelStore#save} at each step, so tests can fail or "crash" a save at any point. An
 * exception makes the save clean up and fail; an {@link Error} stops it where it is, as a kill would.
 */
@FunctionalInterface
interface SaveHook {
    SaveHook NONE = (stage, file) -> { };

    /** Where a save can be stopped. */
    enum Stage {
        /** Half of a file's bytes are written into the temporary folder; {@code file} names it. */
        FILE_HALF_WRITTEN,
        /** The temporary folder is complete, forced to disk and verified. */
        TEMP_COMPLETE,
        /** The previous model has been renamed aside; the name is free. */
        OLD_MOVED_ASIDE,
        /** The new model is in place; the previous one is not yet deleted. */
        NEW_IN_PLACE
    }

    void reached(Stage stage, String file) throws IOException;
}
