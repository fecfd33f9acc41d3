package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.market.AdjustableClock;
import dev.shadowtrainer.market.FakeBinanceServer;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.report.MetricsCsv;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The commands as a user runs them: exit codes, one-line errors, summaries. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    private CliRun run(String... args) {
        return CliRun.run(context, withRunsDir(args));
    }

    /**
     * Train runs write their folders under the test's temp dir, not the project's runs/ and models/, and
     * train a small PPO agent (2 updates of 8 x 32 steps per fold) unless the test sets its own values,
     * which come later on the command line and win.
     */
    private String[] withRunsDir(String... args) {
        if (args.length == 0 || !args[0].equals("train")) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add(args[0]);
        for (String set : List.of("output.runs_dir=" + dir.resolve("runs"), "output.models_dir=" + dir.resolve("models"),
                "database.url=h2:" + dir.resolve("memory"),
                "training.rl_agent.num_envs=8", "training.rl_agent.num_steps=32", "training.rl_agent.num_minibatches=4",
                "training.rl_agent.total_timesteps=512")) {
            out.add("--set");
            out.add(set);
        }
        out.addAll(List.of(args).subList(1, args.length));
        return out.toArray(String[]::new);
    }

    /** Walk-forward folds small enough for a month of data: train 10 days, test 5. */
    private static final String[] SHORT_FOLDS = {"--set", "evaluation.train_days=10", "--set",
            "evaluation.test_days=5", "--set", "evaluation.step_days=5"};

    private CliRun trainShort(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + SHORT_FOLDS.length);
        System.arraycopy(SHORT_FOLDS, 0, all, args.length, SHORT_FOLDS.length);
        return run(all);
    }

    private String cacheDir() {
        return "data.cache_dir=" + dir.resolve("cache");
    }

    /** A clean 15m CSV of n bars; {@code edit} may change rows before writing. */
    private Path csv(String name, int n, java.util.function.Consumer<List<String>> edit) throws IOException {
        List<String> rows = new ArrayList<>();
        double price = 100;
        for (int i = 0; i < n; i++) {
            double next = price * (1 + 0.002 * Math.sin(i * 0.37) + 0.001 * Math.cos(i * 0.11));
            rows.add(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%.2f", T0.toEpochMilli() + i * 900_000L,
                    price, Math.max(price, next) * 1.001, Math.min(price, next) * 0.999, next, 10.0 + (i % 7)));
            price = next;
        }
        edit.accept(rows);
        rows.add(0, "timestamp,open,high,low,close,volume");
        Path file = dir.resolve(name);
        Files.write(file, rows);
        return file;
    }

    private JsonNode json(CliRun run) throws IOException {
        return JSON.readTree(run.out());
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("train", "download", "candles", "Exit codes", "bad or insufficient market data",
                "storage unreachable");
    }

    @Test
    void versionComesFromThePom() {
        CliRun r = run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("shadow-trainer \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = run();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void unknownOptionIsAOneLineUsageError() {
        CliRun r = run("train", "--bogus");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--bogus").contains("train --help");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void trainOnRealDataPrintsQualityFeaturesAndRegimes() throws IOException {
        String file = "file:" + SharedData.binance2025("BTCUSDT_15m.csv");
        CliRun text = run("train", "--symbol", "BTC/USDT", "--days", "60", "--source", file, "--verbose");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("quality", "8640 rows read", "features 26 per bar", "regimes");

        CliRun r = run("train", "--symbol", "BTC/USDT", "--days", "60", "--source", file, "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode s = json(r);
        assertThat(s.get("bars").asInt()).isEqualTo(60 * 96);
        assertThat(s.get("quality").get("rawRows").asInt()).isEqualTo(8640);
        assertThat(s.get("features").get("count").asInt()).isEqualTo(26);
        // The 30 days before the window warm the indicators up, so every bar of the window is usable.
        assertThat(s.get("features").get("usableBars").asInt()).isEqualTo(60 * 96);
        assertThat(s.get("historyBars").asInt()).isPositive();
        assertThat(s.get("lastOpen").asText()).isEqualTo("2025-07-02T17:00:00Z");
        int regimeBars = 0;
        for (JsonNode count : s.get("atrAdxRegimes")) {
            regimeBars += count.asInt();
        }
        assertThat(regimeBars).isEqualTo(60 * 96);

        JsonNode e = s.get("evaluation");
        assertThat(e.get("folds").asInt()).isEqualTo(4);          // (60 days - 30 train - gap) / 7-day tests
        List<String> policies = new ArrayList<>();
        e.get("results").forEach(p -> policies.add(p.get("policy").asText()));
        assertThat(policies).containsExactly("ppo", "buy-and-hold", "no-trade", "random", "trend-rule", "meta-rl");
        JsonNode noTrade = e.get("results").get(2).get("metrics");
        assertThat(noTrade.get("finalEquity").asDouble()).isEqualTo(10_000);
        assertThat(noTrade.get("trades").asInt()).isZero();
        assertThat(e.get("shadowTrades").asInt()).isGreaterThan(2000);

        Path folder = Path.of(s.get("runFolder").asText());
        for (String f : List.of("summary.json", "trades.csv", "shadow_trades.csv", "equity.csv", "folds.csv",
                "metrics.csv", "report.html")) {
            assertThat(folder.resolve(f)).as(f).isRegularFile();
        }
        // The agent learns: a row per PPO update (2 per fold here) and the last fold's agent saved.
        List<String> metrics = Files.readAllLines(folder.resolve("metrics.csv"));
        assertThat(metrics).hasSize(1 + 4 * 2);
        assertThat(metrics.get(0)).isEqualTo(String.join(",", MetricsCsv.COLUMNS));
        assertThat(metrics.get(8)).startsWith("3,2,512,");
        Path model = dir.resolve("models").resolve(s.get("runId").asText());
        assertThat(s.get("modelFolder").asText()).isEqualTo(model.toString());
        assertThat(model.resolve("metadata.json")).isRegularFile();
        assertThat(text.out()).contains("model    " + dir.resolve("models"));
        // lookahead-check ran on the trained network over the last test window (7 days of 15m bars)
        JsonNode lookahead = s.get("lookahead");
        assertThat(lookahead.get("clean").asBoolean()).as(lookahead.toString()).isTrue();
        assertThat(lookahead.get("points").asInt()).isEqualTo(20);
        assertThat(lookahead.get("bars").asInt()).isEqualTo(7 * 96);
        assertThat(text.out()).contains("lookahead clean: the trained ppo at 20 decision points");
        assertThat(Files.readAllLines(folder.resolve("trades.csv")).get(0)).startsWith("trace_id,kind,entry_time");
        assertThat(Files.readAllLines(folder.resolve("equity.csv")).get(0))
                .contains("buy-and-hold", "no-trade", "random", "trend-rule");
        assertThat(Files.readAllLines(folder.resolve("folds.csv"))).hasSize(1 + 4 * 6);
        assertThat(JSON.readTree(folder.resolve("summary.json").toFile()).get("runId").asText())
                .isEqualTo(s.get("runId").asText());
    }

    @Test
    void trainsClosingSummaryIsShortUnlessVerbose() {
        CliRun text = trainShort("train", "--source", "synthetic", "--days", "30", "--seed", "7",
                "--set", "training.rl_agent.enabled=false");
        assertThat(text.exitCode()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        // header, window, the out-of-sample heading and table (6 policies), verdict, memory, files, details
        assertThat(lines).hasSizeLessThanOrEqualTo(15);
        assertThat(lines.get(0)).startsWith("train synthetic BTC/USDT 15m");
        assertThat(text.out()).containsPattern("\nverdict  rule-policy beats \\d of 5 on Sharpe after fees")
                .containsPattern("\nfiles    .*report\\.html\\)")
                .contains("details  --verbose, summary.json or report.html")
                .doesNotContain("quality ", "execution ", "sizing ");
    }

    @Test
    void trainOnSyntheticDataIsReproducible() throws IOException {
        CliRun a = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7");
        CliRun b = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7");
        assertThat(a.exitCode()).as(a.err()).isZero();
        JsonNode ja = json(a);
        JsonNode jb = json(b);
        assertThat(ja.get("atrAdxRegimes")).isEqualTo(jb.get("atrAdxRegimes"));
        assertThat(ja.get("trendRegimes")).isEqualTo(jb.get("trendRegimes"));
        assertThat(ja.get("source").asText()).isEqualTo("synthetic");
        assertThat(ja.get("policy").asText()).isEqualTo("ppo");
        assertThat(ja.get("evaluation")).isEqualTo(jb.get("evaluation"));
        assertThat(ja.get("evaluation").get("shadowTrades").asInt()).isPositive();
        // the same trades, the same training history (all but the wall-clock steps/s) and the same network
        Path runA = Path.of(ja.get("runFolder").asText());
        Path runB = Path.of(jb.get("runFolder").asText());
        assertThat(runA).isNotEqualTo(runB);
        assertThat(Files.readAllLines(runA.resolve("trades.csv"))).isEqualTo(Files.readAllLines(runB.resolve("trades.csv")));
        assertThat(withoutSps(runA.resolve("metrics.csv"))).isEqualTo(withoutSps(runB.resolve("metrics.csv")))
                .hasSizeGreaterThan(1);
        assertThat(ja.get("modelFolder").asText()).isEqualTo(dir.resolve("models").resolve(ja.get("runId").asText())
                .toString());
        ModelStore store = new ModelStore(dir.resolve("models"), Clock.systemUTC());
        INDArray pa = store.load(ja.get("runId").asText()).graph(PpoPolicyTrainer.NETWORK).params();
        INDArray pb = store.load(jb.get("runId").asText()).graph(PpoPolicyTrainer.NETWORK).params();
        assertThat(pa.length()).isPositive();
        assertThat(pa.toFloatVector()).containsExactly(pb.toFloatVector());
    }

    /** The out-of-sample trades of {@code policy} in a train summary. */
    private static int tradesOf(JsonNode summary, String policy) {
        for (JsonNode r : summary.get("evaluation").get("results")) {
            if (r.get("policy").asText().equals(policy)) {
                return r.get("metrics").get("trades").asInt();
            }
        }
        throw new AssertionError("no result for " + policy);
    }

    @Test
    void thePolicysEntriesAreSizedByTheV1AgentOrByAtrWhenRlIsOff() throws IOException {
        CliRun rl = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7");
        assertThat(rl.exitCode()).as(rl.err()).isZero();
        JsonNode sizing = json(rl).get("sizing");
        assertThat(sizing.get("sizer").asText()).isEqualTo("rl-v1");
        // the sizing agent sizes the entries of the policy and of meta-rl, each in its own runs
        int trades = tradesOf(json(rl), "ppo") + tradesOf(json(rl), "meta-rl");
        assertThat(tradesOf(json(rl), "ppo")).isPositive();
        assertThat(tradesOf(json(rl), "meta-rl")).isPositive();
        // one update per closed trade the agent sized: every trade of both when nothing fell back
        assertThat(sizing.get("agent").get("updates").asLong()).isPositive()
                .isEqualTo(sizing.get("learned").asLong());
        assertThat(sizing.get("fallbacks").asInt()).isZero();
        assertThat(sizing.get("learned").asInt()).isEqualTo(trades);
        assertThat(sizing.get("entriesSized").asInt()).isGreaterThanOrEqualTo(trades);
        Path runFolder = Path.of(json(rl).get("runFolder").asText());
        Path table = runFolder.resolve("position_sizing_q_table.json");
        assertThat(sizing.get("qTableFile").asText()).isEqualTo(table.toString());
        JsonNode saved = JSON.readTree(table.toFile());
        assertThat(saved.get("agent").asText()).isEqualTo("position_sizing_v1");
        assertThat(saved.get("metadata").get("total_updates").asLong()).isEqualTo(sizing.get("agent").get("updates")
                .asLong());
        Path modelCopy = Path.of(json(rl).get("modelFolder").asText()).resolve("position_sizing_q_table.json");
        assertThat(Files.readAllBytes(modelCopy)).isEqualTo(Files.readAllBytes(table));
        CliRun text = trainShort("train", "--source", "synthetic", "--days", "30", "--seed", "7", "--verbose",
                "--set", "training.rl_agent.enabled=false", "--set", "rl.enabled=false");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("sizing +atr: \\d+ entries sized, 0 fallbacks to atr\n");
        CliRun atr = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                "--set", "training.rl_agent.enabled=false", "--set", "rl.enabled=false");
        JsonNode atrSizing = json(atr).get("sizing");
        assertThat(atrSizing.get("sizer").asText()).isEqualTo("atr");
        assertThat(atrSizing.get("entriesSized").asInt()).isPositive();
        assertThat(atrSizing.get("agent").isNull()).isTrue();
        assertThat(Path.of(json(atr).get("runFolder").asText()).resolve("position_sizing_q_table.json"))
                .doesNotExist();
    }

    @Test
    void theV2SizingAgentSizesTheEntriesWhenChosenAndItsTableIsInspectable() throws IOException {
        CliRun rl = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                "--set", "rl.sizing_agent=v2");
        assertThat(rl.exitCode()).as(rl.err()).isZero();
        JsonNode s = json(rl);
        JsonNode sizing = s.get("sizing");
        assertThat(sizing.get("sizer").asText()).isEqualTo("rl-v2");
        int trades = tradesOf(s, "ppo") + tradesOf(s, "meta-rl");
        assertThat(trades).isPositive();
        // one TD update per closed trade the agent sized; nothing fell back, so that is every trade of the policy
        // and of meta-rl
        assertThat(sizing.get("fallbacks").asInt()).isZero();
        assertThat(sizing.get("learned").asInt()).isEqualTo(trades);
        assertThat(sizing.get("agent").get("updates").asLong()).isEqualTo(trades);
        Path table = Path.of(s.get("runFolder").asText()).resolve("position_sizing_q_table.json");
        assertThat(sizing.get("qTableFile").asText()).isEqualTo(table.toString());
        JsonNode saved = JSON.readTree(table.toFile());
        assertThat(saved.get("agent").asText()).isEqualTo("position_sizing_v2");
        // one episode per filled entry, each ending in one update; epsilon 0.1 x 0.995 per episode (preset v2)
        long episodes = saved.get("metadata").get("episodes").asLong();
        assertThat(episodes).isEqualTo(trades);
        assertThat(sizing.get("agent").get("epsilon").asDouble())
                .isCloseTo(Math.max(0.01, 0.1 * Math.pow(0.995, episodes)), org.assertj.core.data.Offset.offset(1e-12));
        Path modelCopy = Path.of(s.get("modelFolder").asText()).resolve("position_sizing_q_table.json");
        assertThat(Files.readAllBytes(modelCopy)).isEqualTo(Files.readAllBytes(table));

        CliRun stats = run("stats", "--run", s.get("runFolder").asText(), "--json");
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        JsonNode agents = json(stats).get("agents");
        assertThat(agents.get(1).get("agentType").asText()).isEqualTo("position_sizing_v2");
        assertThat(agents.get(1).get("actionSpace").asText()).isEqualTo("v2");
        assertThat(agents.get(1).get("actionSpaceSize").asInt()).isEqualTo(56);
        assertThat(agents.get(1).get("updates").asLong()).isEqualTo(trades);
        assertThat(agents.get(1).get("episodes").asLong()).isEqualTo(episodes);

        CliRun text = trainShort("train", "--source", "synthetic", "--days", "30", "--seed", "7", "--verbose",
                "--set", "training.rl_agent.enabled=false", "--set", "rl.sizing_agent=v2", "--set",
                "rl.preset=v2_domain");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("sizing +rl-v2: \\d+ entries sized, 0 fallbacks to atr; agent \\d+ "
                + "states, \\d+ updates");
    }

    @Test
    void anUnknownSizingAgentIsAUsageError() {
        CliRun r = run("train", "--source", "synthetic", "--set", "rl.sizing_agent=v3");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("rl.sizing_agent").contains("v1, v2");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void theMetaStrategyAgentIsEvaluatedLearnsOnlineAndItsTableIsInspectable() throws IOException {
        CliRun rl = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7");
        assertThat(rl.exitCode()).as(rl.err()).isZero();
        JsonNode s = json(rl);
        JsonNode results = s.get("evaluation").get("results");
        JsonNode metaResult = results.get(results.size() - 1);
        assertThat(metaResult.get("policy").asText()).isEqualTo("meta-rl");
        int trades = metaResult.get("metrics").get("trades").asInt();
        assertThat(trades).isPositive();
        JsonNode meta = s.get("meta");
        assertThat(meta.get("signalModels").toString())
                .isEqualTo("[\"trend-follow\",\"range\",\"breakout\",\"mean-reversion\",\"ppo\"]");
        // one TD update per closed trade, one episode per entry, epsilon decayed once per episode
        assertThat(meta.get("learned").asInt()).isEqualTo(trades);
        assertThat(meta.get("agent").get("q").get("updates").asLong()).isEqualTo(trades);
        long episodes = meta.get("agent").get("episodes").get("finished").asLong();
        assertThat(episodes).isEqualTo(meta.get("entries").asLong());
        assertThat(meta.get("agent").get("q").get("epsilon").asDouble())
                .isCloseTo(Math.max(0.01, 0.1 * Math.pow(0.995, episodes)), org.assertj.core.data.Offset.offset(1e-12));
        Path table = Path.of(s.get("runFolder").asText()).resolve("meta_strategy_q_table.json");
        assertThat(meta.get("qTableFile").asText()).isEqualTo(table.toString());
        assertThat(JSON.readTree(table.toFile()).get("metadata").get("total_updates").asLong()).isEqualTo(trades);
        // the PPO network is the fifth model of every strategy x weight: 4 x 5 x 3 = 60 actions
        JsonNode actions = JSON.readTree(table.toFile()).get("actions");
        assertThat(actions).hasSize(60);
        assertThat(actions.get(12).asText()).isEqualTo("TREND|ppo|WEIGHT_UP"); // (0 x 5 + 4) x 3 + 0
        Path model = Path.of(s.get("modelFolder").asText());
        assertThat(Files.readAllBytes(model.resolve("meta_strategy_q_table.json"))).isEqualTo(Files.readAllBytes(table));

        CliRun stats = run("stats", "--model", model.toString(), "--json");
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        JsonNode agents = json(stats).get("agents");
        assertThat(agents.get(0).get("agentType").asText()).isEqualTo("meta_strategy_v2");
        assertThat(agents.get(0).get("updates").asLong()).isEqualTo(trades);
        assertThat(agents.get(0).get("episodes").asLong()).isEqualTo(episodes);
        assertThat(agents.get(0).get("actionSpaceSize").asInt()).isEqualTo(60);
        assertThat(agents.get(1).get("agentType").asText()).isEqualTo("position_sizing_v1");
        CliRun statsText = run("stats", "--run", s.get("runFolder").asText());
        assertThat(statsText.exitCode()).as(statsText.err()).isZero();
        assertThat(statsText.out()).contains("meta_strategy_v2 (meta_strategy_q_table.json, v2, 60 actions): ",
                "position_sizing_v1 (position_sizing_q_table.json", "greedy in");

        CliRun text = trainShort("train", "--source", "synthetic", "--days", "30", "--seed", "7", "--verbose",
                "--set", "training.rl_agent.enabled=false");
        assertThat(text.exitCode()).as(text.err()).isZero();
        // the rule trainer has no network: meta-rl keeps the four rule models (nothing after mean-reversion)
        assertThat(text.out()).containsPattern("\n  meta-rl +[+-]\\d")
                .containsPattern("meta +meta-rl over trend-follow, range, breakout, mean-reversion: \\d+ entries");
        CliRun off = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                "--set", "training.rl_agent.enabled=false", "--set", "rl.enabled=false");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(json(off).get("meta").isNull()).isTrue();
        assertThat(json(off).get("evaluation").get("results").toString()).doesNotContain("meta-rl");
        assertThat(Path.of(json(off).get("runFolder").asText()).resolve("meta_strategy_q_table.json")).doesNotExist();
    }

    @Test
    void shadowTradesAreBookkeepingForAPolicyThatDoesNotLearnFromThem() throws IOException {
        // The rule policy ignores the memory features, so its trades must not change without shadow trades.
        // (The PPO agent sees the memory features, which need shadow trades, so it may trade differently.)
        CliRun on = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                "--set", "training.rl_agent.enabled=false");
        CliRun off = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                "--set", "training.rl_agent.enabled=false", "--set", "training.shadow_trading.enabled=false");
        JsonNode ja = json(on);
        JsonNode jo = json(off);
        assertThat(ja.get("policy").asText()).isEqualTo("rule-policy");
        assertThat(ja.get("evaluation").get("shadowTrades").asInt()).isPositive();
        assertThat(jo.get("evaluation").get("shadowTrades").asInt()).isZero();
        assertThat(jo.get("evaluation").get("results").get(0)).isEqualTo(ja.get("evaluation").get("results").get(0));
        assertThat(ja.hasNonNull("modelFolder")).as("the rule policy learns nothing, so nothing is saved").isFalse();
        assertThat(dir.resolve("models")).doesNotExist();
    }

    @Test
    void trainStoresTheRunsTradesInTheMemoryAndARerunAddsNoRows() throws IOException {
        CliRun a = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7");
        assertThat(a.exitCode()).as(a.err()).isZero();
        JsonNode m = json(a).get("memory");
        int offered = m.get("agentTrades").asInt() + m.get("shadowTrades").asInt();
        assertThat(m.get("shadowTrades").asInt()).isEqualTo(json(a).get("evaluation").get("shadowTrades").asInt());
        assertThat(m.get("added").asInt()).isEqualTo(offered).isPositive();
        assertThat(m.get("stored").asLong()).isEqualTo(offered);
        var memory = new dev.shadowtrainer.memory.TradeMemory(dev.shadowtrainer.memory.MemoryDatabase.open(
                dev.shadowtrainer.memory.MemoryUrl.parse("h2:" + dir.resolve("memory"))));
        assertThat(memory.postExitCount()).as("a post-exit row per stored trade").isEqualTo(offered);
        JsonNode patterns = m.get("patterns");
        assertThat(patterns.get("fittedOn").asInt()).as("refitted on every stored trade").isEqualTo(offered);
        assertThat(patterns.get("patterns").asInt()).isPositive();
        assertThat(patterns.get("patternsAtStart").asInt()).as("nothing was stored before").isZero();
        var library = new dev.shadowtrainer.patterns.PatternStore(dev.shadowtrainer.memory.MemoryDatabase.open(
                dev.shadowtrainer.memory.MemoryUrl.parse("h2:" + dir.resolve("memory"))));
        assertThat(library.count()).isEqualTo(patterns.get("patterns").asLong());
        JsonNode analysis = m.get("analysis");
        assertThat(analysis.get("trades").asInt()).as("every trade of the run analysed").isEqualTo(offered);
        assertThat(analysis.get("stored").asBoolean()).isTrue();
        int losses = 0;
        for (JsonNode n : analysis.get("lossesByReason")) {
            losses += n.asInt();
        }
        assertThat(losses).isEqualTo(analysis.get("losses").asInt()).isPositive();
        Path runFolder = Path.of(json(a).get("runFolder").asText());
        assertThat(runFolder.resolve("analysis.json")).isNotEmptyFile();
        CliRun report = run("analyze", "--run", json(a).get("runId").asText(), "--db", "h2:" + dir.resolve("memory"));
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains(json(a).get("runId").asText());
        Path model = Path.of(json(a).get("modelFolder").asText());
        assertThat(memory.registeredModel(model.getFileName().toString())).as("the saved model is registered")
                .contains(dev.shadowtrainer.model.Sha256.of(Files.readAllBytes(model.resolve("metadata.json"))));

        CliRun b = trainShort("train", "--source", "synthetic", "--days", "30", "--seed", "7");
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("memory   h2:" + dir.resolve("memory") + ": " + m.get("agentTrades").asInt()
                + " agent + " + m.get("shadowTrades").asInt() + " shadow trades, 0 new (" + offered + " stored in all)");
    }

    @Test
    void aLaterWindowStartsItsLookUpsFromTheStoredTradesThatExitedBeforeItOpened() throws IOException {
        CliRun month = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                "--set", "memory.index_size=100000", "--set", "memory.neighbours=10");
        assertThat(month.exitCode()).as(month.err()).isZero();
        assertThat(json(month).get("memory").get("preloaded").asInt()).as("an empty memory").isZero();
        // The last 12 days: the month's first test window (from day 10) lies partly before them.
        CliRun fortnight = run("train", "--source", "synthetic", "--days", "12", "--json", "--seed", "7",
                "--set", "memory.index_size=100000", "--set", "memory.neighbours=10", "--set",
                "evaluation.train_days=5", "--set", "evaluation.test_days=5", "--set", "evaluation.step_days=5");
        assertThat(fortnight.exitCode()).as(fortnight.err()).isZero();
        java.time.Instant opens = java.time.Instant.parse(json(fortnight).get("firstOpen").asText());
        long before = dev.shadowtrainer.memory.MemoryDatabase.open(dev.shadowtrainer.memory.MemoryUrl.parse("h2:"
                + dir.resolve("memory"))).jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM trade_memory WHERE exit_time < :t").bind("t",
                java.time.OffsetDateTime.ofInstant(opens, java.time.ZoneOffset.UTC)).mapTo(Long.class).one());
        assertThat(before).as("the month's first half stored trades").isPositive();
        assertThat(json(fortnight).get("memory").get("preloaded").asLong()).isEqualTo(before);
        assertThat(json(fortnight).get("memory").get("patterns").get("patternsAtStart").asInt())
                .as("a library fitted on the trades stored before the window").isPositive();
        assertThat(fortnight.out()).doesNotContain("Exception");
    }

    @Test
    void trainStoresItsTradesInPostgresWithDb() throws IOException {
        dev.shadowtrainer.memory.MemoryUrl pg = dev.shadowtrainer.memory.TestPostgres.create("train");
        try {
            CliRun r = trainShort("train", "--source", "synthetic", "--days", "30", "--json", "--seed", "7",
                    "--db", pg.display());
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode m = json(r).get("memory");
            assertThat(m.get("database").asText()).isEqualTo(pg.display());
            assertThat(m.get("added").asInt()).isPositive().isEqualTo(m.get("stored").asInt());
        } finally {
            dev.shadowtrainer.memory.TestPostgres.drop(pg);
        }
    }

    @Test
    void anUnreachableMemoryStopsTrainBeforeAnyWork() {
        CliRun r = trainShort("train", "--source", "synthetic", "--days", "30",
                "--db", "postgresql://trader:hunter2@127.0.0.1:1/shadow");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).contains("postgresql://trader:***@127.0.0.1:1/shadow is unreachable")
                .doesNotContain("hunter2").doesNotContain("featurising");
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    /** metrics.csv rows without the wall-clock sps column. */
    private static List<String> withoutSps(Path metrics) throws IOException {
        int sps = MetricsCsv.COLUMNS.indexOf("sps");
        return Files.readAllLines(metrics).stream().map(line -> {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(sps);
            return String.join(",", cells);
        }).toList();
    }

    @Test
    void episodesOfOneBarAreAConfigError() {
        CliRun r = trainShort("train", "--source", "synthetic", "--days", "30",
                "--set", "training.rl_agent.episode_bars=1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("training.rl_agent.episode_bars' = 1 is too short");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void finerCandlesDecideBarsThatTouchBothStopAndTarget() throws IOException {
        CliRun r = trainShort("train", "--symbol", "ADA/USDT", "--days", "29", "--json",
                "--source", "file:" + SharedData.binance2025("ADAUSDT_15m.csv"),
                "--set", "data.lower_source=file:" + SharedData.binance2025("ADAUSDT_1m.csv"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode x = json(r).get("evaluation").get("execution");
        assertThat(x.get("ambiguous_bars").asInt()).isPositive();
        assertThat(x.get("resolved_by_lower_timeframe").asInt()).isEqualTo(x.get("ambiguous_bars").asInt());
    }

    @Test
    void lowerTimeframeMustBeFiner() {
        CliRun r = trainShort("train", "--source", "synthetic", "--days", "30",
                "--set", "data.lower_source=file:x.csv", "--set", "data.lower_timeframe=1h");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("data.lower_timeframe").contains("finer");
    }

    @Test
    void missingFileIsBadData() {
        CliRun r = run("train", "--source", "file:" + dir.resolve("nope.csv"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.err()).startsWith("error: no such file").contains("nope.csv");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void emptyFileIsBadData() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        CliRun r = run("train", "--source", "file:" + empty);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.err()).contains("empty");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void wrongColumnsAreBadData() throws IOException {
        Path file = dir.resolve("cols.csv");
        Files.writeString(file, "time,price\n2025-01-01T00:00:00Z,1\n");
        CliRun r = run("train", "--source", "file:" + file);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("cols.csv");
    }

    @Test
    void garbageNumbersAreBadDataWithTheLine() throws IOException {
        Path file = csv("garbage.csv", 50, rows -> rows.set(3, rows.get(3).replaceFirst(",[^,]*$", ",abc")));
        CliRun r = run("train", "--source", "file:" + file);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.err()).contains("line 5").contains("abc");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void duplicateAndOutOfOrderRowsAreRepairedAndReported() throws IOException {
        Path file = csv("dirty.csv", 3000, rows -> {
            rows.add(100, rows.get(100));         // an exact duplicate
            String a = rows.get(200);
            rows.set(200, rows.get(201));          // two rows swapped
            rows.set(201, a);
        });
        CliRun r = trainShort("train", "--source", "file:" + file, "--days", "30", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode q = json(r).get("quality");
        assertThat(q.get("duplicateRowsMerged").asInt()).isEqualTo(1);
        assertThat(q.get("outOfOrderRows").asInt()).isEqualTo(1);
        assertThat(q.get("bars").asInt()).isEqualTo(3000);
    }

    @Test
    void aGapIsCountedFilledAndReported() throws IOException {
        Path file = csv("gap.csv", 3000, rows -> rows.subList(1000, 1010).clear());
        CliRun r = trainShort("train", "--source", "file:" + file, "--days", "30", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode q = json(r).get("quality");
        assertThat(q.get("gaps").asInt()).isEqualTo(1);
        assertThat(q.get("longestGapBars").asInt()).isEqualTo(10);
        assertThat(q.get("fillerBars").asInt()).isEqualTo(10);
    }

    @Test
    void tooFewDaysIsBadDataSayingHowMuchThereIs() {
        String file = "file:" + SharedData.binance2025("BTCUSDT_15m.csv");
        CliRun r = run("train", "--source", file, "--days", "200");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.err()).contains("90.0 days").contains("200 were requested").contains("--days");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void tooFewUsableBarsIsBadData() throws IOException {
        Path file = csv("short.csv", 300, rows -> { });
        CliRun r = run("train", "--source", "file:" + file, "--days", "3");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.err()).contains("usable bars").contains("data.min_bars");
    }

    @Test
    void unsupportedTimeframeIsAUsageError() {
        CliRun r = run("train", "--source", "synthetic", "--timeframe", "2m");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("data.timeframe").contains("1m, 5m, 15m, 1h, 4h, 1d");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void stateDimTooSmallForTheObservationIsAUsageError() {
        CliRun r = trainShort("train", "--source", "synthetic", "--days", "30",
                "--set", "training.rl_agent.state_dim=10");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("training.rl_agent.state_dim").contains("at least 38");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void malformedSymbolIsAUsageError() {
        CliRun r = run("train", "--source", "synthetic", "--symbol", "BTCUSDT");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("BASE/QUOTE");
    }

    @Test
    void outOfRangeConfigValueIsAUsageError() {
        CliRun r = run("train", "--source", "synthetic", "--set", "training.rl_agent.gamma=2");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("training.rl_agent.gamma").contains("out of range");
    }

    @Test
    void unknownEnvironmentVariableIsAUsageError() {
        CliRun r = CliRun.run(new AppContext(Map.of("SHADOW_TRAINING_GAMA", "1"), Clock.systemUTC(), null),
                "train", "--source", "synthetic");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("SHADOW_TRAINING_GAMA");
    }

    @Test
    void noNetworkAndNoCacheIsBadDataPointingToOfflineSources() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        AppContext offline = new AppContext(Map.of(), Clock.systemUTC(), "http://127.0.0.1:" + port);
        CliRun r = CliRun.run(offline, withRunsDir("train", "--set", cacheDir(), "--days", "10"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.err()).contains("--source synthetic").contains("--source file:PATH");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void unknownSymbolOnTheExchangeIsBadData() throws IOException {
        AdjustableClock clock = new AdjustableClock(T0.plus(Duration.ofDays(40)));
        try (FakeBinanceServer exchange = FakeBinanceServer.start(clock, T0)) {
            AppContext ctx = new AppContext(Map.of(), clock, exchange.baseUrl());
            CliRun r = CliRun.run(ctx, "download", "--symbol", "NOPE/USDT", "--days", "2", "--set", cacheDir());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
            assertThat(r.err()).contains("NOPE/USDT");
            assertThat(r.errorLines()).isEqualTo(2); // the "downloading" progress line and the error
        }
    }

    @Test
    void downloadFillsTheCacheThenFetchesOnlyWhatIsNewAndCandlesListsIt() throws IOException {
        AdjustableClock clock = new AdjustableClock(T0.plus(Duration.ofDays(40)));
        try (FakeBinanceServer exchange = FakeBinanceServer.start(clock, T0)) {
            AppContext ctx = new AppContext(Map.of(), clock, exchange.baseUrl());
            CliRun first = CliRun.run(ctx, "download", "--symbol", "BTC/USDT", "--days", "30", "--set", cacheDir(),
                    "--json");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(JSON.readTree(first.out()).get("added").asInt()).isEqualTo(30 * 96);
            assertThat(first.err()).contains("1000 of 2880 candles (34%)").contains("2880 of 2880 candles (100%)");
            int requestsAfterFirst = exchange.klineQueries().size();

            clock.advance(Duration.ofHours(2));
            CliRun second = CliRun.run(ctx, "download", "--symbol", "BTC/USDT", "--days", "30", "--set", cacheDir(),
                    "--json");
            assertThat(second.exitCode()).as(second.err()).isZero();
            JsonNode s = JSON.readTree(second.out());
            assertThat(s.get("added").asInt()).isEqualTo(8);
            assertThat(s.get("fetched").asInt()).isEqualTo(8);
            assertThat(exchange.klineQueries().size() - requestsAfterFirst).isEqualTo(1);

            CliRun list = CliRun.run(ctx, "candles", "--set", cacheDir());
            assertThat(list.exitCode()).isZero();
            assertThat(list.out()).contains("binance", "BTC/USDT", "15m", Integer.toString(30 * 96 + 8));

            // With the cache filled, the default source trains from it without asking the exchange.
            int before = exchange.klineQueries().size();
            CliRun train = CliRun.run(ctx, withRunsDir("train", "--days", "30", "--set", cacheDir(), "--json",
                    "--set", "evaluation.train_days=10", "--set", "evaluation.test_days=5", "--set",
                    "evaluation.step_days=5"));
            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(JSON.readTree(train.out()).get("source").asText()).isEqualTo("cache");
            assertThat(exchange.klineQueries().size()).isEqualTo(before);
        }
    }

    @Test
    void candlesOnAnEmptyCacheSaysHowToFillIt() {
        CliRun r = run("candles", "--set", cacheDir());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("no cached candles").contains("download");
    }
}
