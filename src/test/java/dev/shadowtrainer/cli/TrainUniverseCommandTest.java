package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowtrainer.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train-universe}: parallelism-invariant results, failures isolated per symbol, bad input. */
class TrainUniverseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    /**
     * {@code command} with runs, models and the memory under {@code dir/<name>}, a small PPO budget and folds
     * that fit a month (train 10 days, test 5); later arguments win.
     */
    private CliRun run(String name, String command, String... args) {
        Path home = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of(command));
        for (String set : List.of("output.runs_dir=" + home.resolve("runs"), "output.models_dir=" + home.resolve("models"),
                "database.url=h2:" + home.resolve("memory"), "training.rl_agent.num_envs=8",
                "training.rl_agent.num_steps=32", "training.rl_agent.num_minibatches=4",
                "training.rl_agent.total_timesteps=512", "evaluation.train_days=10", "evaluation.test_days=5",
                "evaluation.step_days=5")) {
            all.add("--set");
            all.add(set);
        }
        all.addAll(List.of(args));
        return CliRun.run(context, all.toArray(String[]::new));
    }

    @Test
    void eachSymbolGetsTheSameNumbersAtParallelismOneAndTwoAndAsItsOwnTrainOnTheSameMemory() throws IOException {
        CliRun one = run("p1", "train-universe", "--symbols", "BTC/USDT,ETH/USDT", "--source", "synthetic", "--days",
                "30", "--seed", "7", "--parallelism", "1", "--json");
        CliRun two = run("p2", "train-universe", "--symbols", "BTC/USDT,ETH/USDT", "--source", "synthetic", "--days",
                "30", "--seed", "7", "--parallelism", "2", "--json");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).as(two.err()).isZero();
        JsonNode a = JSON.readTree(one.out());
        JsonNode b = JSON.readTree(two.out());
        assertThat(a.get("parallelism").asInt()).isEqualTo(1);
        assertThat(b.get("parallelism").asInt()).isEqualTo(2);
        assertThat(a.get("symbols")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode sa = a.get("symbols").get(i);
            JsonNode sb = b.get("symbols").get(i);
            assertThat(sa.get("status").asText()).isEqualTo("ok");
            assertThat(sa.get("trades").asInt()).isPositive();
            assertThat(numbers(sa)).as(sa.get("symbol").asText()).isEqualTo(numbers(sb));
            Path runA = Path.of(sa.get("runFolder").asText());
            Path runB = Path.of(sb.get("runFolder").asText());
            assertThat(Files.readAllLines(runA.resolve("trades.csv"))).isEqualTo(Files.readAllLines(runB.resolve("trades.csv")));
            assertThat(memoryPart(runA)).isEqualTo(memoryPart(runB));
        }
        assertThat(a.get("symbols").get(0).get("totalReturn")).isNotEqualTo(a.get("symbols").get(1).get("totalReturn"));
        assertThat(a.get("aggregate")).isEqualTo(b.get("aggregate"));
        assertThat(a.get("library")).isEqualTo(b.get("library"));
        assertThat(a.get("library").get("trades").asInt()).isPositive();

        // At parallelism 1, ETH/USDT ran after BTC/USDT had stored its trades: it still sees only the memory of
        // before the universe, so it gets what train gives on a fresh memory, patterns and analysis included.
        CliRun alone = run("alone", "train", "--symbol", "ETH/USDT", "--source", "synthetic", "--days", "30", "--seed",
                "7", "--json");
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        JsonNode t = JSON.readTree(alone.out());
        JsonNode eth = a.get("symbols").get(1);
        assertThat(t.get("evaluation").get("results").get(0).get("metrics").get("totalReturn").asDouble())
                .isEqualTo(eth.get("totalReturn").asDouble());
        assertThat(memoryPart(Path.of(t.get("runFolder").asText())))
                .isEqualTo(memoryPart(Path.of(eth.get("runFolder").asText())));

        Path folder = Path.of(a.get("folder").asText());
        assertThat(folder.getFileName().toString()).startsWith("universe-");
        assertThat(JSON.readTree(folder.resolve("summary.json").toFile()).get("symbols")).hasSize(2);
        List<String> csv = Files.readAllLines(folder.resolve("symbols.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("symbol,status,exit_code,run_id,run_folder,seconds");
        assertThat(csv.get(2)).startsWith("ETH/USDT,ok,0,");
        assertThat(one.err()).contains("BTC/USDT: start", "ETH/USDT: ok, return", "ETA");
    }

    /** A symbol result without what may differ between runs (times, run ids and folders). */
    private static JsonNode numbers(JsonNode symbol) {
        ObjectNode copy = symbol.deepCopy();
        copy.remove(List.of("seconds", "runId", "runFolder"));
        return copy;
    }

    /** The trade memory part of a run's summary.json without the counts of the whole database. */
    private static JsonNode memoryPart(Path runFolder) throws IOException {
        ObjectNode memory = JSON.readTree(runFolder.resolve("summary.json").toFile()).get("memory").deepCopy();
        memory.remove(List.of("database", "stored", "spillFile"));
        return memory;
    }

    @Test
    void aFailingSymbolIsReportedWithItsErrorAndDoesNotSinkTheOthers() throws IOException {
        Path data = Files.createDirectories(dir.resolve("klines"));
        csv(data.resolve("AAAUSDT_15m.csv"), 30 * 96);
        csv(data.resolve("BBBUSDT_15m.csv"), 150);
        CliRun r = run("mixed", "train-universe", "--symbols", "AAA/USDT,BBB/USDT,CCC/USDT", "--source", "file:" + data,
                "--days", "25", "--set", "training.rl_agent.enabled=false", "--set", "data.min_bars=200", "--json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.SOME_FAILED);
        JsonNode s = JSON.readTree(r.out());
        JsonNode aaa = s.get("symbols").get(0);
        JsonNode bbb = s.get("symbols").get(1);
        JsonNode ccc = s.get("symbols").get(2);
        assertThat(aaa.get("status").asText()).isEqualTo("ok");
        assertThat(aaa.get("folds").asInt()).isPositive();
        assertThat(bbb.get("status").asText()).isEqualTo("failed");
        assertThat(bbb.get("exitCode").asInt()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(bbb.get("error").asText()).contains("BBB/USDT").contains("days").doesNotContain("\n");
        assertThat(bbb.get("totalReturn").isNull()).isTrue();
        assertThat(ccc.get("exitCode").asInt()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(ccc.get("error").asText()).contains("CCCUSDT_15m.csv");
        assertThat(s.get("aggregate").get("ok").asInt()).isEqualTo(1);
        assertThat(s.get("aggregate").get("failed").asInt()).isEqualTo(2);
        assertThat(s.get("aggregate").get("failedSymbols")).hasSize(2);
        assertThat(s.get("aggregate").get("meanReturn").asDouble()).isEqualTo(aaa.get("totalReturn").asDouble());
        assertThat(r.err().lines().filter(l -> l.contains("FAILED (exit 3)"))).hasSize(2);
        List<String> csv = Files.readAllLines(Path.of(s.get("folder").asText()).resolve("symbols.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(2)).startsWith("BBB/USDT,failed,3,");

        CliRun text = run("mixed-text", "train-universe", "--symbols", "AAA/USDT,CCC/USDT", "--source", "file:" + data,
                "--days", "25", "--set", "training.rl_agent.enabled=false", "--set", "data.min_bars=200");
        assertThat(text.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(text.out()).contains("symbols ok 1, failed 1 (CCC/USDT)").contains("CCC/USDT     failed exit 3: ");

        // every symbol failing for the same reason: that reason's exit code
        CliRun bad = run("bad", "train-universe", "--symbols", "BBB/USDT,CCC/USDT", "--source", "file:" + data, "--days",
                "25", "--set", "training.rl_agent.enabled=false");
        assertThat(bad.exitCode()).as(bad.err()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(bad.out()).contains("symbols ok 0, failed 2");
    }

    @Test
    void badInputIsAOneLineUsageError() {
        for (String[] args : List.of(new String[]{"--symbols", ","}, new String[]{"--symbols", " "},
                new String[]{"--symbols", "BTC/USDT", "--parallelism", "0"},
                new String[]{"--symbols", "BTC/USDT", "--parallelism", "-2"},
                new String[]{"--symbols", "BTC/USDT,btc/usdt"}, new String[]{"--symbols", "BTCUSDT"},
                new String[]{"--source", "synthetic"})) {
            CliRun r = run("usage", "train-universe", args);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.errorLines()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: ");
        }
        assertThat(run("usage", "train-universe", "--symbols", ",").err()).contains("--symbols names no symbol");
        assertThat(run("usage", "train-universe", "--symbols", "DOGE/USDT", "--parallelism", "0").err())
                .contains("--parallelism must be at least 1, got 0");
        assertThat(run("usage", "train-universe", "--symbols", "DOGE/USDT,doge/usdt").err()).contains("DOGE/USDT twice");
        assertThat(Files.exists(dir.resolve("usage").resolve("runs"))).as("nothing written").isFalse();
    }

    @Test
    void anUnreachableMemoryStopsTheUniverseBeforeAnySymbol() {
        CliRun r = run("pg", "train-universe", "--symbols", "BTC/USDT,ETH/USDT", "--source", "synthetic", "--db",
                "postgresql://nobody@127.0.0.1:1/none");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("unreachable").doesNotContain(": start");
    }

    /** A clean 15m CSV of n bars. */
    private static void csv(Path file, int n) throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("timestamp,open,high,low,close,volume");
        double price = 100;
        for (int i = 0; i < n; i++) {
            double next = price * (1 + 0.002 * Math.sin(i * 0.37) + 0.001 * Math.cos(i * 0.11));
            rows.add(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%.2f", T0.toEpochMilli() + i * 900_000L,
                    price, Math.max(price, next) * 1.001, Math.min(price, next) * 0.999, next, 10.0 + (i % 7)));
            price = next;
        }
        Files.write(file, rows);
    }
}
