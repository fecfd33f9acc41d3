package dev.shadowtrainer.market;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;

/** Bad, missing or insufficient market data (exit code 3). */
public final class DataException extends ShadowTrainerException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(ExitCodes.BAD_DATA, message);
    }

    public DataException(String message, Throwable cause) {
        super(ExitCodes.BAD_DATA, message, cause);
    }
}
