package dev.shadowtrainer.sim;

/**
 * The mutable state of one long position from order to exit, reused from a pool so the loop allocates
 * nothing per bar. Used alike for the policy's position and for shadow trades.
 */
final class OpenLong {
    enum State { FREE, ORDERED, OPEN, EXIT_ORDERED }

    State state = State.FREE;
    long traceId;
    int decisionBar;
    double multiplier;
    double notional;
    /** Leverage chosen at entry: margin = notional / leverage. */
    double leverage;
    /** Limit price of a maker entry, or NaN for a market entry. */
    double limitPrice;
    int expiresAfterBar;

    int entryBar;
    boolean makerFilled;
    double entryPrice;
    double quantity;
    double margin;
    double stopPrice;
    double targetPrice;
    /** Price at which the position is liquidated, or negative infinity when leverage is 1. */
    double liquidationPrice;
    double entryFee;
    double maxHigh;
    double minLow;
    byte entryRegime;
    float[] entryObservation;

    ExitReason pendingExit;

    void reset() {
        state = State.FREE;
        entryObservation = null;
        pendingExit = null;
    }

    /** Bars the position has been open at the close of {@code bar} (1 at the close of the entry bar). */
    int barsHeld(int bar) {
        return bar - entryBar + 1;
    }

    double unrealisedPnl(double price) {
        return quantity * (price - entryPrice);
    }
}
