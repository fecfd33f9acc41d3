package dev.shadowtrainer.rl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.report.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tabular agent's JSON file, written all or nothing through {@link AtomicFile} (temporary file, then an
 * atomic rename). Layout:
 * <pre>
 * { "format": "shadow-trainer.q-table/1", "agent": ..., "action_space": ..., "actions": [action keys],
 *   "q_table": { state key: { action key: Q, ... }, ... },
 *   "outcomes": [ { state_key, action_key, reward, pnl_pct, duration_hours, max_drawdown_pct, time } ],
 *   "metadata": { learning_rate, discount, exploration_rate, recent_win_rate, total_updates, episodes,
 *                 last_updated } }
 * </pre>
 * Numbers are written in Java's shortest round-trip form, so reading a file back gives bit-identical values.
 *
 * <p>A file that cannot be read or is not such a table (bad JSON, missing field, non-finite value, other action
 * space) is a {@link ShadowTrainerException} with {@link ExitCodes#BAD_DATA}; it is never overwritten, since
 * the agent refuses to start on it. A folder that cannot be written is {@link ExitCodes#STORAGE}.
 */
public final class QTableFile {
    public static final String FORMAT = "shadow-trainer.q-table/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private QTableFile() {
    }

    /** Writes {@code snapshot} to {@code path} atomically. */
    public static void save(Path path, QTableSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("agent", snapshot.agent());
        root.put("action_space", snapshot.actionSpace());
        ArrayNode actions = root.putArray("actions");
        snapshot.actions().forEach(actions::add);
        ObjectNode table = root.putObject("q_table");
        snapshot.qTable().forEach((state, row) -> {
            ObjectNode values = table.putObject(state);
            for (int a = 0; a < row.length; a++) {
                values.put(snapshot.actions().get(a), row[a]);
            }
        });
        ArrayNode outcomes = root.putArray("outcomes");
        for (TradeOutcome o : snapshot.outcomes()) {
            ObjectNode n = outcomes.addObject();
            n.put("state_key", o.stateKey());
            n.put("action_key", o.actionKey());
            n.put("reward", o.reward());
            n.put("pnl_pct", o.pnlPercent());
            n.put("duration_hours", o.durationHours());
            n.put("max_drawdown_pct", o.maxDrawdownPercent());
            n.put("time", o.time().toString());
        }
        QMetadata m = snapshot.metadata();
        ObjectNode meta = root.putObject("metadata");
        meta.put("learning_rate", m.learningRate());
        meta.put("discount", m.discount());
        meta.put("exploration_rate", m.explorationRate());
        meta.put("recent_win_rate", m.recentWinRate());
        meta.put("total_updates", m.totalUpdates());
        meta.put("episodes", m.episodes());
        if (m.lastUpdated() == null) {
            meta.putNull("last_updated");
        } else {
            meta.put("last_updated", m.lastUpdated().toString());
        }
        AtomicFile.write(path, out -> {
            MAPPER.writeValue(new NonClosingWriter(out), root);
            out.write('\n');
        });
    }

    /**
     * The table saved at {@code path}, or empty when there is no file yet. {@code expected} is the action space
     * the caller learns with; a file with other actions is refused (null: any, see {@link #read}).
     */
    public static Optional<QTableSnapshot> load(Path path, ActionSpace expected) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(path));
        } catch (JsonProcessingException e) {
            throw corrupt(path, "not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "cannot read Q-table file " + path + ": " + e
                    + "; check that it is a readable file");
        }
        try {
            return Optional.of(parse(root, expected));
        } catch (IllegalArgumentException e) {
            throw corrupt(path, e.getMessage());
        }
    }

    /**
     * The table saved at {@code path}, whatever its action space (for inspection); a missing file is
     * {@link ExitCodes#BAD_DATA} as an unusable one is.
     */
    public static QTableSnapshot read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "no Q-table file at " + path
                    + "; give a run or model folder that has one");
        }
        return load(path, null).orElseThrow();
    }

    private static QTableSnapshot parse(JsonNode root, ActionSpace expected) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the top level is not a JSON object");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected '" + FORMAT + "'");
        }
        String agent = text(root, "agent");
        String space = text(root, "action_space");
        List<String> actions = new ArrayList<>();
        for (JsonNode a : array(root, "actions")) {
            if (!a.isTextual()) {
                throw new IllegalArgumentException("actions holds a non-text entry " + a);
            }
            actions.add(a.asText());
        }
        List<String> wanted = new ArrayList<>();
        for (int i = 0; expected != null && i < expected.size(); i++) {
            wanted.add(expected.key(i));
        }
        if (expected != null && (!space.equals(expected.name()) || !actions.equals(wanted))) {
            throw new IllegalArgumentException("its actions are those of '" + space + "' (" + actions.size()
                    + "), not of '" + expected.name() + "' (" + wanted.size() + ") that this agent uses");
        }
        Map<String, double[]> rows = new LinkedHashMap<>();
        JsonNode table = field(root, "q_table");
        if (!table.isObject()) {
            throw new IllegalArgumentException("q_table is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode values = entry.getValue();
            if (!values.isObject() || values.size() != actions.size()) {
                throw new IllegalArgumentException("q_table state '" + entry.getKey() + "' does not hold one value"
                        + " per action (" + actions.size() + ")");
            }
            double[] row = new double[actions.size()];
            for (int a = 0; a < row.length; a++) {
                row[a] = number(values, actions.get(a), "q_table state '" + entry.getKey() + "'");
            }
            rows.put(entry.getKey(), row);
        }
        List<TradeOutcome> outcomes = new ArrayList<>();
        int i = 0;
        for (JsonNode o : array(root, "outcomes")) {
            String where = "outcomes[" + i++ + "]";
            outcomes.add(new TradeOutcome(text(o, "state_key"), text(o, "action_key"), number(o, "reward", where),
                    number(o, "pnl_pct", where), number(o, "duration_hours", where),
                    number(o, "max_drawdown_pct", where), instant(o, "time")));
        }
        JsonNode m = field(root, "metadata");
        JsonNode last = field(m, "last_updated");
        QMetadata metadata = new QMetadata(number(m, "learning_rate", "metadata"), number(m, "discount", "metadata"),
                number(m, "exploration_rate", "metadata"), number(m, "recent_win_rate", "metadata"),
                count(m, "total_updates"), count(m, "episodes"), last.isNull() ? null : instant(m, "last_updated"));
        return new QTableSnapshot(agent, space, actions, rows, outcomes, metadata);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' is not text");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' is not an array");
        }
        return v;
    }

    private static double number(JsonNode node, String name, String where) {
        JsonNode v = node.get(name);
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new IllegalArgumentException(where + " field '" + name + "' is missing or not a finite number");
        }
        return v.doubleValue();
    }

    private static long count(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
            throw new IllegalArgumentException("metadata field '" + name + "' is missing or not a count >= 0");
        }
        return v.longValue();
    }

    private static Instant instant(JsonNode node, String name) {
        String text = text(node, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + name + "' = '" + text + "' is not an ISO-8601 instant");
        }
    }

    private static ShadowTrainerException corrupt(Path path, String reason) {
        return new ShadowTrainerException(ExitCodes.BAD_DATA, "Q-table file " + path + " is not a usable table: "
                + reason + "; it was left unchanged: repair it, move it away to start afresh, or use another file");
    }

    /** Keeps Jackson from closing the atomic writer before the trailing newline. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(java.io.Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
