package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.rl.QMetadata;
import dev.shadowtrainer.rl.QTableFile;
import dev.shadowtrainer.rl.QTableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    /** Three states over actions a, b, c: greedy b, b, c; values sum 6 over 9 cells, max 3. */
    private void writeMeta(Path folder) {
        Map<String, double[]> rows = new LinkedHashMap<>();
        rows.put("s1", new double[] {0, 1, 0});
        rows.put("s2", new double[] {0.5, 2, -0.5});
        rows.put("s3", new double[] {0, 0, 3});
        QTableFile.save(folder.resolve("meta_strategy_q_table.json"), new QTableSnapshot("meta_strategy_v2", "v2",
                List.of("a", "b", "c"), rows, List.of(), new QMetadata(0.01, 0.99, 0.0975, 0.5, 12, 5, null)));
    }

    @Test
    void printsEachSavedAgentsStatistics() throws Exception {
        writeMeta(dir);
        CliRun r = run("stats", "--run", dir.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("missing").get(0).asText()).isEqualTo("position_sizing_q_table.json");
        JsonNode a = root.get("agents").get(0);
        assertThat(a.get("agentType").asText()).isEqualTo("meta_strategy_v2");
        assertThat(a.get("states").asInt()).isEqualTo(3);
        assertThat(a.get("updates").asLong()).isEqualTo(12);
        assertThat(a.get("episodes").asLong()).isEqualTo(5);
        assertThat(a.get("epsilon").asDouble()).isEqualTo(0.0975);
        assertThat(a.get("meanQ").asDouble()).isEqualTo(6.0 / 9);
        assertThat(a.get("maxQ").asDouble()).isEqualTo(3.0);
        // b is greedy in s1 and s2, c in s3
        assertThat(a.get("topActions").toString()).isEqualTo("[{\"action\":\"b\",\"states\":2},"
                + "{\"action\":\"c\",\"states\":1}]");
        CliRun text = run("stats", "--model", dir.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("1 agent (no position_sizing_q_table.json)",
                "meta_strategy_v2 (meta_strategy_q_table.json, v2, 3 actions): 3 states, 12 updates, epsilon 0.0975, "
                        + "5 episodes, mean Q 0.6667, max Q 3.0000", "greedy in    2 states: b");
    }

    @Test
    void aMissingFolderOrTableIsADataError() throws Exception {
        CliRun none = run("stats", "--run", dir.resolve("nope").toString());
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err().strip()).contains("no run folder").contains("nope").doesNotContain("\n");
        CliRun empty = run("stats", "--model", dir.toString());
        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(empty.err().strip()).contains("has no meta_strategy_q_table.json or position_sizing_q_table.json")
                .doesNotContain("\n");
        Files.writeString(dir.resolve("position_sizing_q_table.json"), "{not json");
        CliRun corrupt = run("stats", "--model", dir.toString());
        assertThat(corrupt.exitCode()).isEqualTo(3);
        assertThat(corrupt.err()).contains("position_sizing_q_table.json");
        CliRun both = run("stats", "--model", dir.toString(), "--run", dir.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        CliRun neither = run("stats");
        assertThat(neither.exitCode()).isEqualTo(2);
    }
}
