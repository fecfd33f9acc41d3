package dev.shadowtrainer.pipeline;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One value at or before a cut point that differs between the run on the full series and a run on a
 * variant of it (cut after the point, or with garbage after it): evidence that something read the future.
 *
 * @param kind     what kind of value differs
 * @param name     which value: a feature name, an observation slot, or a field of a fill or shadow trade
 * @param bar      the bar the value belongs to (for fills the fill bar, for shadow trades and post-exit
 *                 windows the exit bar)
 * @param time     open time of that bar
 * @param cutAfter the decision point t: the variant agrees with the full series on bars up to t
 * @param variant  how the future after t was changed
 * @param full     the value in the run on the full series ("none" where that run has none)
 * @param other    the value in the variant's run ("none" where that run has none)
 */
public record LookaheadDifference(Kind kind, String name, int bar, Instant time, int cutAfter, Variant variant,
                                  String full, String other) {
    /** What kind of value differs. */
    public enum Kind {
        /** A raw feature value. */
        FEATURE,
        /** A normalised feature value. */
        NORMALISED,
        /** A usable flag of the raw or the normalised features. */
        USABLE,
        /** The ATR/ADX regime of a bar. */
        REGIME,
        /** A feature or position slot of the observation vector the policy decided on. */
        OBSERVATION,
        /** A memory slot of the observation vector (pattern-memory / shadow-trade statistics). */
        MEMORY,
        /** The policy's action, its confidence, or whether it decided at all. */
        ACTION,
        /** A fill of the policy's own orders. */
        FILL,
        /** A resolved shadow trade. */
        SHADOW,
        /** The equity marked at a bar's close. */
        EQUITY,
        /** What happened after an exit (price and best price in the 1h/4h/24h windows, verdict). */
        POST_EXIT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the future after the decision point was changed. */
    public enum Variant {
        /** The series ends right after the decision point. */
        CUT,
        /** Every bar after the decision point is a random walk. */
        GARBAGE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LookaheadDifference {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(time, "time is null");
        Objects.requireNonNull(variant, "variant is null");
        Objects.requireNonNull(full, "full is null");
        Objects.requireNonNull(other, "other is null");
    }

    /** e.g. {@code LOOKAHEAD feature rsi_14 at bar 1234 (cut after 1230, garbage): full=0.61 other=0.58 [...]}. */
    public String line() {
        return String.format(Locale.ROOT, "LOOKAHEAD %s %s at bar %d (cut after %d, %s): full=%s other=%s [bar opens %s]",
                kind.label(), name, bar, cutAfter, variant.label(), full, other, time);
    }
}
