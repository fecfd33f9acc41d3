package dev.shadowtrainer.sim;

/** Receives every decision of a run with the observation it was taken on (for lookahead checks and audits). */
@FunctionalInterface
public interface DecisionRecorder {
    DecisionRecorder NONE = (bar, observation, action) -> { };

    void record(int bar, Observation observation, Action action);
}
