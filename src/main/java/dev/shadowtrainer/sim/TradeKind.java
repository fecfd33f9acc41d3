package dev.shadowtrainer.sim;

/** Whose trade: the policy's own, a hypothetical shadow trade, or one imported from the live system. */
public enum TradeKind {
    AGENT,
    SHADOW,
    LIVE
}
