package dev.shadowtrainer.rl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a tabular agent saves: which action space its columns are, the rows, the trades it learned from
 * (v1 only; empty for v2) and its metadata.
 *
 * @param agent       agent name, e.g. {@code position_sizing_v1}
 * @param actionSpace preset name of the action space
 * @param actions     action keys in index order: the columns of every row
 * @param qTable      state key to one value per action, in first-learned order
 * @param outcomes    trades learned from, oldest first
 * @param metadata    settings and counters
 */
public record QTableSnapshot(String agent, String actionSpace, List<String> actions, Map<String, double[]> qTable,
                             List<TradeOutcome> outcomes, QMetadata metadata) {
    public QTableSnapshot {
        Objects.requireNonNull(agent, "agent is null");
        Objects.requireNonNull(actionSpace, "actionSpace is null");
        actions = List.copyOf(actions);
        Map<String, double[]> rows = new LinkedHashMap<>();
        qTable.forEach((state, row) -> rows.put(state, row.clone()));
        qTable = java.util.Collections.unmodifiableMap(rows);
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(metadata, "metadata is null");
    }

    /** The rows put into a fresh table with as many actions as {@link #actions()}. */
    public QTable toTable() {
        QTable table = new QTable(actions.size());
        qTable.forEach((state, row) -> {
            for (int a = 0; a < row.length; a++) {
                table.set(state, a, row[a]);
            }
        });
        table.forgetWrites(); // loading is not learning
        return table;
    }
}
