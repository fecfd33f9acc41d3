package dev.shadowtrainer.rl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Action values per discrete state: state key to one {@code double} per action index of a fixed-size action
 * space. A state never seen reads as all zeros and is stored only once written, so the table holds exactly
 * the states that were learned. States keep the order of their first write, which makes saved files and
 * statistics independent of hashing. Not thread-safe: one per agent.
 */
public final class QTable {
    private final int actionCount;
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, Integer> writes = new java.util.HashMap<>();

    public QTable(int actionCount) {
        if (actionCount < 1) {
            throw new IllegalArgumentException("a Q-table needs at least 1 action, got " + actionCount);
        }
        this.actionCount = actionCount;
    }

    public int actionCount() {
        return actionCount;
    }

    /** Q(s, a); 0 for a state not yet learned. */
    public double value(String state, int action) {
        checkAction(action);
        double[] row = values.get(Objects.requireNonNull(state, "state is null"));
        return row == null ? 0.0 : row[action];
    }

    /** Sets Q(s, a), creating the state's row (all zeros) on its first write. */
    public void set(String state, int action, double value) {
        checkAction(action);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Q(" + state + ", " + action + ") must be finite, got " + value);
        }
        values.computeIfAbsent(Objects.requireNonNull(state, "state is null"), s -> new double[actionCount])[action] =
                value;
        writes.merge(state, 1, Integer::sum);
    }

    /** Resets every state's write count to 0, e.g. once a saved table has been put into this one. */
    void forgetWrites() {
        writes.clear();
    }

    /** Writes to {@code state}'s row since this table was made (a loaded table starts from 0; not saved). */
    public int writes(String state) {
        return writes.getOrDefault(Objects.requireNonNull(state, "state is null"), 0);
    }

    /** max_a Q(s, a); 0 for a state not yet learned. */
    public double maxValue(String state) {
        return values.containsKey(state) ? values.get(state)[greedyAction(state)] : 0.0;
    }

    /** argmax_a Q(s, a), the lowest index among ties (so 0 for a state not yet learned). */
    public int greedyAction(String state) {
        double[] row = values.get(Objects.requireNonNull(state, "state is null"));
        if (row == null) {
            return 0;
        }
        int best = 0;
        for (int a = 1; a < row.length; a++) {
            if (row[a] > row[best]) {
                best = a;
            }
        }
        return best;
    }

    public boolean contains(String state) {
        return values.containsKey(state);
    }

    /** States learned so far. */
    public int stateCount() {
        return values.size();
    }

    /** A read-only view of the rows, in first-write order; the arrays are copies. */
    public Map<String, double[]> rows() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((state, row) -> copy.put(state, row.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** Mean of every stored Q-value (states x actions); 0 for an empty table. */
    public double meanValue() {
        if (values.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (double[] row : values.values()) {
            for (double v : row) {
                sum += v;
            }
        }
        return sum / ((double) values.size() * actionCount);
    }

    /** Largest stored Q-value; 0 for an empty table. */
    public double maxStoredValue() {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values.values()) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        return values.isEmpty() ? 0.0 : max;
    }

    private void checkAction(int action) {
        if (action < 0 || action >= actionCount) {
            throw new IllegalArgumentException("action " + action + " is outside 0.." + (actionCount - 1));
        }
    }
}
