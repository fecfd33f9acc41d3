package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;

/** A run stopped on request after saving a checkpoint; the message says how to resume it. */
public final class RunInterruptedException extends ShadowTrainerException {
    private static final long serialVersionUID = 1L;

    private final String runId;

    RunInterruptedException(String runId, String where) {
        super(ExitCodes.INTERRUPTED, "interrupted " + where + "; checkpoint saved in run " + runId
                + "; continue it with: scripts/shadow-trainer train --resume " + runId
                + " and the same options, seed and data");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
