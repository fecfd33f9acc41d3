package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backtest on a model trained in the test: deterministic, the same trades as train's last test fold on that
 * fold's window, and one-line errors with their exit codes for bad input.
 */
class BacktestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AppContext CONTEXT = new AppContext(Map.of(), Clock.systemUTC(), null);

    @TempDir
    static Path dir;
    static String source;
    static Path trainRun;
    static Path model;

    /** A small PPO model on 30 days of real 15m candles; ATR sizing (rl.enabled=false) as backtest uses. */
    @BeforeAll
    static void train() throws IOException {
        source = "file:" + SharedData.binance2025("BTCUSDT_15m.csv");
        CliRun r = CliRun.run(CONTEXT, "train", "--symbol", "BTC/USDT", "--days", "30", "--source", source, "--json",
                "--set", "output.runs_dir=" + dir.resolve("runs"), "--set", "output.models_dir=" + dir.resolve("models"),
                "--set", "database.url=h2:" + dir.resolve("memory"), "--set", "rl.enabled=false",
                "--set", "training.rl_agent.num_envs=8", "--set", "training.rl_agent.num_steps=32",
                "--set", "training.rl_agent.num_minibatches=4", "--set", "training.rl_agent.total_timesteps=512",
                "--set", "training.shadow_trading.min_confidence_threshold=0.2",
                "--set", "evaluation.train_days=10", "--set", "evaluation.test_days=5", "--set", "evaluation.step_days=5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = JSON.readTree(r.out());
        trainRun = Path.of(s.get("runFolder").asText());
        JsonNode folder = s.get("modelFolder");
        model = Path.of(folder.asText());
    }

    private static CliRun backtest(String... args) {
        List<String> all = new ArrayList<>(List.of("backtest", "--model", model.toString(), "--source", source,
                "--set", "output.runs_dir=" + dir.resolve("backtests"), "--set", "data.min_bars=100"));
        all.addAll(Arrays.asList(args));
        return CliRun.run(CONTEXT, all.toArray(String[]::new));
    }

    /** Rows of a CSV without its header, each cut to the named columns. */
    private static List<String> rows(Path csv, List<String> columns) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            List<String> picked = new ArrayList<>();
            for (String c : columns) {
                picked.add(cells[header.indexOf(c)]);
            }
            out.add(String.join(",", picked));
        }
        return out;
    }

    private static String[] lastFoldWindow() throws IOException {
        List<String> lines = Files.readAllLines(trainRun.resolve("folds.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        String[] last = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[header.indexOf("policy")].equals("ppo")) {
                last = cells;
            }
        }
        assertThat(last).as("train's folds.csv has ppo folds").isNotNull();
        return new String[] {last[header.indexOf("test_start")], last[header.indexOf("test_end")]};
    }

    @Test
    void onTrainsLastTestFoldItTradesAsTrainDidAndRepeatsItself() throws IOException {
        String[] window = lastFoldWindow();
        CliRun first = backtest("--from", window[0], "--to", window[1], "--json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun second = backtest("--from", window[0], "--to", window[1], "--json");
        assertThat(second.exitCode()).as(second.err()).isZero();

        JsonNode a = JSON.readTree(first.out());
        JsonNode b = JSON.readTree(second.out());
        assertThat(a.get("results")).isEqualTo(b.get("results"));
        assertThat(a.get("results").get(0).get("policy").asText()).isEqualTo(model.getFileName().toString());
        List<String> policies = new ArrayList<>();
        a.get("results").forEach(r -> policies.add(r.get("policy").asText()));
        assertThat(policies).contains("buy-and-hold", "no-trade", "random", "trend-rule");
        Path runA = Path.of(a.get("runFolder").asText());
        Path runB = Path.of(b.get("runFolder").asText());
        assertThat(runA).isNotEqualTo(runB);
        assertThat(Files.readAllLines(runA.resolve("trades.csv"))).isEqualTo(Files.readAllLines(runB.resolve("trades.csv")));
        assertThat(Files.readAllLines(runA.resolve("equity.csv"))).isEqualTo(Files.readAllLines(runB.resolve("equity.csv")));
        assertThat(runA.resolve("summary.json")).exists();
        assertThat(Files.readAllLines(runA.resolve("shadow_trades.csv")).size()).as("shadow trades of the window")
                .isGreaterThan(1);

        // The same window as train's last test fold, with the network train saved (the last fold's): the same trades.
        List<String> columns = List.of("entry_time", "exit_time", "entry_price", "exit_price", "notional", "fees",
                "pnl", "exit_reason");
        long from = java.time.Instant.parse(window[0]).toEpochMilli();
        List<String> trained = new ArrayList<>();
        for (String row : rows(trainRun.resolve("trades.csv"), columns)) {
            if (java.time.Instant.parse(row.split(",")[0]).toEpochMilli() >= from) {
                trained.add(row);
            }
        }
        List<String> backtested = rows(runA.resolve("trades.csv"), columns);
        assertThat(trained).as("train's last fold traded, so the comparison means something").isNotEmpty();
        assertThat(backtested).isEqualTo(trained);
        assertThat(a.get("results").get(0).get("metrics").get("trades").asInt()).isEqualTo(trained.size());
    }

    @Test
    void printsTheResultBesideTheBaselinesAndWhereTheFilesAre() {
        CliRun r = backtest("--days", "7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("backtest of model", "buy-and-hold", "trend-rule", "result: model Sharpe",
                "files: ", "trades.csv");
    }

    @Test
    void aMissingModelIsOneLineAndExit3() {
        CliRun r = CliRun.run(CONTEXT, "backtest", "--model", dir.resolve("models/nope").toString(), "--source", source);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("nope", "does not exist");
    }

    @Test
    void aTimeframeOtherThanTheModelsIsOneLineAndExit3() {
        CliRun r = backtest("--timeframe", "1h", "--days", "7");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("trained on 15m", "1h");
    }

    @Test
    void fromAfterToIsAUsageError() {
        CliRun r = backtest("--from", "2025-03-10", "--to", "2025-03-01");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("--from 2025-03-10 is not before --to 2025-03-01");
    }

    @Test
    void aWindowWithTooFewBarsIsOneLineAndExit3() {
        CliRun r = backtest("--from", "2025-06-20", "--to", "2025-06-20", "--set", "data.min_bars=500");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("usable bars", "data.min_bars is 500");
    }

    @Test
    void anObservationSizeOtherThanTheModelsIsOneLineAndExit3() {
        CliRun r = backtest("--days", "7", "--set", "training.rl_agent.state_dim=96");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("takes observations of 80 values", "the config asks for 96");
    }

    @Test
    void toWithoutFromAndDaysWithFromAreUsageErrors() {
        CliRun noFrom = backtest("--to", "2025-06-20");
        assertThat(noFrom.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFrom.err()).contains("--to needs --from");
        CliRun both = backtest("--days", "7", "--from", "2025-06-20");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.errorLines()).isEqualTo(1);
        assertThat(both.err()).contains("give one");
        CliRun garbled = backtest("--from", "June 20");
        assertThat(garbled.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(garbled.err()).contains("--from June 20 is not a date YYYY-MM-DD");
    }

    @Test
    void aWindowBeforeTheDataIsOneLineAndExit3() {
        CliRun r = backtest("--from", "2019-01-01", "--to", "2019-02-01");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("no history before --from");
    }
}
