package dev.shadowtrainer.analysis;

/** Why a losing trade lost, first match in this order (see {@link LossAnalyzer}). */
public enum FailureReason {
    /** The position was liquidated. */
    LIQUIDATION,
    /** The price moved the right way but less than the fees: gross pnl &gt; 0 &ge; net pnl. */
    FEES_EXCEED_MOVE,
    /** Stopped out after a price range far wider than the volatility at entry predicted. */
    VOLATILITY_SPIKE_STOP,
    /** The market regime at exit differed from the one at entry. */
    REGIME_CHANGE,
    /** Held to the time limit without reaching the target. */
    TIMEOUT,
    /** Anything else: the price simply went against the trade. */
    ADVERSE_MOVE
}
