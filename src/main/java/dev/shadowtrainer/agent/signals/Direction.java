package dev.shadowtrainer.agent.signals;

/** What a signal model advises at a bar; the simulator is long-only, so there is no short. */
public enum Direction {
    LONG,
    FLAT
}
