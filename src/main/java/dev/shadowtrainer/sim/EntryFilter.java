package dev.shadowtrainer.sim;

/**
 * A hook that can veto an entry the policy wants, e.g. the pattern blacklist of the trade memory.
 * Sees only the observation, so it sees only the past.
 */
@FunctionalInterface
public interface EntryFilter {
    EntryFilter NONE = observation -> false;

    boolean blocks(Observation observation);
}
