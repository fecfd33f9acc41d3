package dev.shadowtrainer.sim;

/** Why a position was closed. */
public enum ExitReason {
    TAKE_PROFIT,
    STOP_LOSS,
    TIMEOUT,
    AGENT_EXIT,
    LIQUIDATION,
    CIRCUIT_BREAKER,
    END_OF_DATA;

    private static final ExitReason[] VALUES = values();

    public static ExitReason ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
