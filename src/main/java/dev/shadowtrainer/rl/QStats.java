package dev.shadowtrainer.rl;

/**
 * A Q-learner's health at a glance.
 *
 * @param states  states learned (rows of the table)
 * @param updates value updates made
 * @param epsilon current exploration rate
 * @param meanQ   mean of every stored Q-value, 0 when empty
 * @param maxQ    largest stored Q-value, 0 when empty
 */
public record QStats(int states, long updates, double epsilon, double meanQ, double maxQ) {
    static QStats of(QTable table, QLearning learning, EpsilonGreedy policy) {
        return new QStats(table.stateCount(), learning.updates(), policy.epsilon(), table.meanValue(),
                table.maxStoredValue());
    }
}
