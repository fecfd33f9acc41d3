package dev.shadowtrainer.analysis;

/** What to change after a loss (see {@link LossAnalyzer} for which reason leads to which). */
public enum CorrectiveAction {
    /** Enter less often: ask more confidence of the policy before it trades. */
    RAISE_CONFIDENCE_THRESHOLD,
    /** Give the trade room: the stop sat inside normal noise. */
    WIDEN_STOP,
    /** Cut the loss sooner. */
    TIGHTEN_STOP,
    /** Leave sooner: the edge, if any, is gone before the time limit. */
    SHORTEN_HOLD,
    /** Stop trading this pattern: even its optimistic win rate is below one half. */
    BLACKLIST_PATTERN
}
