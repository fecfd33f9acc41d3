package dev.shadowtrainer.sim;

/**
 * How well a trade's exit was timed, judged once the four hours after it have passed. With
 * {@code t} = the take-profit distance: a trade exited TOO_EARLY when the best price within 4h after the
 * exit lay at least t above the exit price, TOO_LATE when the best price while it was open lay at least
 * t above the exit price (it gave back a whole target); when both hold, the larger give-up wins; else
 * ABOUT_RIGHT. PENDING until the window has passed (or when the data ends first).
 */
public enum ExitVerdict {
    TOO_EARLY,
    TOO_LATE,
    ABOUT_RIGHT,
    PENDING
}
