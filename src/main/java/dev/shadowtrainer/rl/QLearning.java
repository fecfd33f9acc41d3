package dev.shadowtrainer.rl;

import java.util.Objects;

/**
 * The two value updates the agents use, with a count of updates made.
 *
 * <ul>
 * <li>TD (Q-learning): Q(s,a) &larr; Q(s,a) + &alpha; [r + &gamma; max_a' Q(s',a') &minus; Q(s,a)], where the
 * target is r alone when s is terminal (no next state).</li>
 * <li>Bandit (position sizing v1, one decision per trade): Q(s,a) &larr; Q(s,a) + &alpha; (r &minus; Q(s,a)),
 * an exponential moving average of the rewards of (s, a); the same as the TD update with a terminal s.</li>
 * </ul>
 *
 * @param alpha learning rate &alpha; in (0, 1]
 * @param gamma discount factor &gamma; in [0, 1]
 */
public final class QLearning {
    private final double alpha;
    private final double gamma;
    private long updates;

    public QLearning(double alpha, double gamma) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("learning rate alpha must be in (0, 1], got " + alpha);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("discount gamma must be in [0, 1], got " + gamma);
        }
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /**
     * One TD update of Q(state, action) towards r + &gamma; max Q(next, .), or towards r when {@code next} is
     * null (terminal). Returns the new Q-value.
     */
    public double tdUpdate(QTable table, String state, int action, double reward, String next) {
        checkReward(reward);
        double target = next == null ? reward : reward + gamma * table.maxValue(next);
        return moveTowards(table, state, action, target);
    }

    /** One bandit update Q(state, action) &larr; Q + &alpha; (r &minus; Q); returns the new Q-value. */
    public double banditUpdate(QTable table, String state, int action, double reward) {
        checkReward(reward);
        return moveTowards(table, state, action, reward);
    }

    private double moveTowards(QTable table, String state, int action, double target) {
        Objects.requireNonNull(table, "table is null");
        double old = table.value(state, action);
        double updated = old + alpha * (target - old);
        table.set(state, action, updated);
        updates++;
        return updated;
    }

    private static void checkReward(double reward) {
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
    }

    public double alpha() {
        return alpha;
    }

    public double gamma() {
        return gamma;
    }

    /** Updates made since construction or since {@link #restoreUpdates}. */
    public long updates() {
        return updates;
    }

    /** Sets the update count read back from a saved table. */
    public void restoreUpdates(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("update count must be >= 0, got " + count);
        }
        this.updates = count;
    }
}
