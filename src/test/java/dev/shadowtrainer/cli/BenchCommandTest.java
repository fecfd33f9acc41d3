package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.memory.TestPostgres;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} end to end on a small bar count and a tiny PPO setup: it runs, prints every field and does
 * the same work on both sides. Speed is measured by {@code scripts/bench}, not asserted here: it depends on
 * the machine.
 */
class BenchCommandTest {
    private static final String[] SMALL = {"bench", "--only", "simulator", "--bars", "20000", "--warmup", "1",
            "--iterations", "2"};
    /** 20 days of 15m bars, 8 environments x 32 steps, no warm-up and 0.2 s per case: seconds in all. */
    private static final String[] TINY_PPO = {"--ppo-days", "20", "--ppo-warmup", "0", "--ppo-seconds", "0.2",
            "--set", "training.rl_agent.num_envs=8", "--set", "training.rl_agent.num_steps=32"};

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    private static String[] with(String... more) {
        return concat(SMALL, more);
    }

    private static String[] concat(String[] first, String... more) {
        String[] args = new String[first.length + more.length];
        System.arraycopy(first, 0, args, 0, first.length);
        System.arraycopy(more, 0, args, first.length, more.length);
        return args;
    }

    private static String[] ppo(String... more) {
        return concat(concat(new String[] {"bench", "--only", "ppo"}, TINY_PPO), more);
    }

    @Test
    void printsSpeedRatiosTradeCountsAndTargets() {
        CliRun r = run(SMALL);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("20,000 synthetic 1m candles", "SMA cross 50/200", "1 warm-up + 2 measured",
                "(a) simulator, shadow trades off", "(b) simulator, shadow trades every bar",
                "(c) ta4j 0.17 BarSeriesManager", "bars/s", "speed (a) vs (c):", "target >= 20x",
                "shadow-trade cost (b)/(a):", "target <= 2x", "trade counts (a)", "comparable", "machine: ");
        assertThat(r.err()).contains("iteration 1 of 3 (warm-up)", "iteration 3 of 3");
    }

    @Test
    void jsonHasTheSameFieldsAndBothSidesDoTheSameWork() throws IOException {
        CliRun r = run(with("--json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.has("ppo")).as("--only simulator runs no PPO").isFalse();
        JsonNode s = root.get("simulator");
        assertThat(s.get("bars").asInt()).isEqualTo(20_000);
        assertThat(s.get("measuredIterations").asInt()).isEqualTo(2);
        for (String side : new String[] {"simulator", "simulatorWithShadows", "ta4j"}) {
            JsonNode c = s.get(side);
            assertThat(c.get("barsPerSecond").asDouble()).as(side).isPositive();
            assertThat(c.get("medianMillis").asDouble()).as(side).isPositive();
            assertThat(c.get("samplesMillis")).as(side).hasSize(2);
            assertThat(c.get("trades").asInt()).as(side).isPositive();
        }
        // Shadow trades do not change what the SMA policy does; ta4j closes about as many round trips.
        assertThat(s.get("simulatorWithShadows").get("trades")).isEqualTo(s.get("simulator").get("trades"));
        assertThat(s.get("tradeCountsComparable").asBoolean()).isTrue();
        assertThat(s.get("shadowTrades").asInt()).isBetween(19_000, 20_000);
        assertThat(s.get("speedupOverTa4j").asDouble()).isPositive();
        assertThat(s.get("shadowTradeCost").asDouble()).isPositive();
        assertThat(s.get("speedupTarget").asDouble()).isEqualTo(20.0);
        assertThat(s.get("shadowCostTarget").asDouble()).isEqualTo(2.0);
        assertThat(s.has("speedupTargetMet")).isTrue();
        assertThat(s.has("shadowCostTargetMet")).isTrue();
        assertThat(s.get("machine").get("processors").asInt()).isPositive();
    }

    @Test
    void tooFewBarsIsAOneLineUsageError() {
        CliRun r = run("bench", "--bars", "300");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--bars must be at least twice the slow period (400)");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void fastPeriodMustBeBelowSlow() {
        CliRun r = run("bench", "--fast", "200", "--slow", "50");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("1 <= fast < slow");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void ppoRunsOnTheTradingEnvironmentAndPrintsStepsPerSecondAndTheRatio() {
        CliRun r = run(ppo());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("bench ppo: trading environment on 1,920 synthetic 15m candles of BTC/USDT (seed 42)",
                "episodes of 672 bars, reward default", "observation 80, 6 actions, hidden 64,64",
                "num_envs 8 x num_steps 32 = batch 256", "0.0 s warm-up + 0.2 s measured per case",
                "rollouts vs naive: ", "targets: rollouts >= 50,000 SPS", "end to end >= 15,000 SPS",
                "rollouts/naive >= 10x", "memory look-up (k-NN over the latest 256 trades, k 10)",
                "rollouts of the agent", "replay, policy costing nothing").doesNotContain("ta4j");
        assertThat(sps(r.out(), "rollouts, 8 envs, batched forward")).isPositive();
        assertThat(sps(r.out(), "end to end, rollouts + PPO updates")).isPositive();
        assertThat(sps(r.out(), "naive loop, 1 env, 1 forward per step")).isPositive();
        assertThat(r.err()).contains("bench ppo: rollouts, 8 environments", "bench ppo: naive loop, 1 environment",
                "bench ppo: end to end, rollouts and updates").doesNotContain("iteration");
    }

    @Test
    void ppoJsonHasTheMeasuredStepsRatesAndTargets() throws IOException {
        CliRun r = run(ppo("--json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.has("simulator")).as("--only ppo runs no simulator bench").isFalse();
        JsonNode p = root.get("ppo");
        assertThat(p.get("bars").asInt()).isEqualTo(20 * 96);
        assertThat(p.get("timeframe").asText()).isEqualTo("15m");
        // the training range starts after the feature warm-up and runs to the last bar
        assertThat(p.get("from").asInt()).isBetween(1, 20 * 96 - 672);
        assertThat(p.get("to").asInt()).isEqualTo(20 * 96);
        assertThat(p.get("episodeBars").asInt()).isEqualTo(7 * 96);
        assertThat(p.get("observationSize").asInt()).isEqualTo(80);
        assertThat(p.get("actions").asInt()).isEqualTo(6);
        assertThat(p.get("numEnvs").asInt()).isEqualTo(8);
        assertThat(p.get("numSteps").asInt()).isEqualTo(32);
        assertThat(p.get("batchSize").asInt()).isEqualTo(256);
        // whole rollouts of 8 x 32 steps, whole updates of 256, naive rollouts of 1 x 32
        assertThat(p.get("rolloutSteps").asLong()).isPositive().matches(v -> v % 256 == 0);
        assertThat(p.get("endToEndSteps").asLong()).isPositive().matches(v -> v % 256 == 0);
        assertThat(p.get("naiveSteps").asLong()).isPositive().matches(v -> v % 32 == 0);
        double rollout = p.get("rolloutSps").asDouble();
        double naive = p.get("naiveSps").asDouble();
        assertThat(rollout).isPositive();
        assertThat(naive).isPositive();
        assertThat(p.get("endToEndSps").asDouble()).isPositive().isLessThan(rollout);
        assertThat(p.get("speedup").asDouble()).isCloseTo(rollout / naive, within(1e-9));
        assertThat(p.get("rolloutSpsTarget").asDouble()).isEqualTo(50_000.0);
        assertThat(p.get("endToEndSpsTarget").asDouble()).isEqualTo(15_000.0);
        assertThat(p.get("speedupTarget").asDouble()).isEqualTo(10.0);
        assertThat(p.get("rolloutTargetMet").asBoolean()).isEqualTo(rollout >= 50_000);
        assertThat(p.get("speedupTargetMet").asBoolean()).isEqualTo(rollout / naive >= 10);
        assertThat(p.has("endToEndTargetMet")).isTrue();
        JsonNode lookup = p.get("lookup");
        assertThat(lookup.get("indexSize").asInt()).isEqualTo(256);
        assertThat(lookup.get("neighbours").asInt()).isEqualTo(10);
        double with = lookup.get("simulationBarsPerSecond").asDouble();
        double without = lookup.get("simulationBarsPerSecondWithout").asDouble();
        assertThat(with).isPositive();
        assertThat(without).isPositive();
        assertThat(lookup.get("simulationShare").asDouble()).isCloseTo(1 - with / without, within(1e-9));
        assertThat(lookup.get("rolloutShare").asDouble()).isCloseTo(
                1 - lookup.get("rolloutSps").asDouble() / lookup.get("rolloutSpsWithout").asDouble(), within(1e-9));
        assertThat(lookup.get("shareTarget").asDouble()).isEqualTo(0.2);
        // timed inside one run: a share of the rollouts' time (what the target is judged on)
        assertThat(lookup.get("rolloutShareTimed").asDouble()).isGreaterThan(0).isLessThan(1);
        assertThat(p.get("machine").get("processors").asInt()).isPositive();
    }

    @Test
    void byDefaultBothPartsRunInOneProcessSimulatorFirst() throws IOException {
        String[] args = concat(new String[] {"bench", "--bars", "20000", "--warmup", "0", "--iterations", "1"},
                TINY_PPO);
        CliRun text = run(args);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("(c) ta4j 0.17 BarSeriesManager", "bench ppo: trading environment");
        assertThat(text.out().indexOf("(c) ta4j")).isLessThan(text.out().indexOf("bench ppo:"));
        assertThat(text.err().indexOf("bench: iteration 1 of 1")).isNotNegative()
                .isLessThan(text.err().indexOf("bench ppo: rollouts"));

        CliRun json = run(concat(args, "--json"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("simulator").get("simulator").get("barsPerSecond").asDouble()).isPositive();
        assertThat(root.get("ppo").get("rolloutSps").asDouble()).isPositive();
    }

    @Test
    void anUnknownPartIsAOneLineUsageError() {
        CliRun r = run("bench", "--only", "cartpole");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--only must be simulator, ppo, memory or universe, got 'cartpole'");
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void memoryRunsAloneOnPostgresAndItsJsonHasTheFigures() throws IOException {
        CliRun r = run("bench", "--only", "memory", "--db", TestPostgres.ADMIN, "--memory-rows", "2000",
                "--memory-queries", "20", "--memory-ef-search", "40", "--memory-ingest", "200", "--memory-insert", "50",
                "--memory-maintenance-work-mem", "64MB", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.has("simulator")).isFalse();
        assertThat(root.has("ppo")).isFalse();
        JsonNode m = root.get("memory");
        assertThat(m.get("rows").asInt()).isEqualTo(2_000);
        assertThat(m.get("queries").asInt()).isEqualTo(20);
        assertThat(m.get("k").asInt()).isEqualTo(10);
        JsonNode search = m.get("searches").get(0);
        assertThat(search.get("efSearch").asInt()).isEqualTo(40);
        assertThat(search.get("recallMean").asDouble()).isBetween(0.0, 1.0);
        assertThat(search.get("p50Millis").asDouble()).isPositive();
        // 2,000 loaded + 200 (deferred) + 0 (db index) + 0 (repeat) + 200 (synchronous_commit off) + 50 (into the
        // graphs as written) + 50 (insert path) + 200 (no index)
        assertThat(m.get("rowsInserted").asLong()).isEqualTo(2_700);
        assertThat(m.get("rowsStored").asLong()).isEqualTo(2_700);
        assertThat(m.get("ingest")).hasSize(7);
        assertThat(m.get("backlogRows").asLong()).isEqualTo(200);
        assertThat(m.get("load").get("tradesPerSecond").asDouble()).isPositive();
        assertThat(m.get("ingestTarget").asDouble()).isEqualTo(20_000.0);
        assertThat(m.get("p50TargetMillis").asDouble()).isEqualTo(2.0);
        assertThat(m.get("recallTarget").asDouble()).isEqualTo(0.95);
        assertThat(r.err()).contains("bench memory: loaded 2,000 of 2,000 trades");
    }

    @Test
    void memoryOnAnH2UrlIsAOneLineUsageError() {
        CliRun r = run("bench", "--only", "memory", "--db", "h2:mem:bench");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("the memory bench needs a PostgreSQL server");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void memoryOnAnUnreachableServerIsAOneLineStorageError() {
        CliRun r = run("bench", "--only", "memory", "--db", "postgresql://postgres@127.0.0.1:1/shadow",
                "--memory-rows", "200");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).contains("bench memory: cannot create a scratch database on "
                + "postgresql://postgres@127.0.0.1:1/shadow", "scripts/pg-setup");
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void memoryEfSearchBelowKIsAOneLineUsageError() {
        CliRun r = run("bench", "--only", "memory", "--memory-ef-search", "40,5");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--memory-ef-search values must be between 10 (k) and 1000");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void ppoTimesMustBePositive() {
        CliRun r = run("bench", "--only", "ppo", "--ppo-seconds", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--ppo-warmup must be >= 0 and --ppo-seconds > 0");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void tooFewPpoDaysForTheWarmUpIsAOneLineUsageError() {
        CliRun r = run("bench", "--only", "ppo", "--ppo-days", "2");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--ppo-days 2 gives 192 15m bars, too few for the", "feature warm-up");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void aStateDimTooSmallForTheObservationFailsBeforeAnythingRuns() {
        CliRun r = run("bench", "--set", "training.rl_agent.state_dim=8");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("training.rl_agent.state_dim is 8 but the observation needs")
                .doesNotContain("iteration");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    @Test
    void episodesOfOneBarAreAOneLineUsageError() {
        CliRun r = run("bench", "--only", "ppo", "--set", "training.rl_agent.episode_bars=1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("training.rl_agent.episode_bars' = 1 is too short");
        assertThat(r.errorLines()).isEqualTo(1);
    }

    /** The steps/second figure printed on the line that starts with {@code name}. */
    private static double sps(String out, String name) {
        String line = out.lines().filter(l -> l.trim().startsWith(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + name + "' in:\n" + out));
        Matcher m = Pattern.compile("([\\d,]+) SPS").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    /**
     * Two synthetic symbols of 20 days with a tiny PPO, at parallelism 1 and 2; no child JVM. The PPO budget is
     * the configured one, as without --universe-timesteps the bench trains what train-universe would.
     */
    private static final String[] TINY_UNIVERSE = {"bench", "--only", "universe", "--universe-symbols",
            "BTC/USDT,ETH/USDT", "--universe-days", "20", "--set", "training.rl_agent.total_timesteps=256", "--set",
            "training.rl_agent.num_envs=8", "--set", "training.rl_agent.num_steps=32", "--set",
            "training.rl_agent.num_minibatches=4"};

    @Test
    void universeMeasuresTheSpeedUpFromParallelismOneToTwoWithTheSameNumbers() throws IOException {
        CliRun r = run(concat(TINY_UNIVERSE, "--universe-memory-days", "0", "--json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode speed = new ObjectMapper().readTree(r.out()).get("universe").get("speed");
        assertThat(new ObjectMapper().readTree(r.out()).get("universe").has("memory")).isFalse();
        assertThat(speed.get("symbolsOk").asInt()).isEqualTo(2);
        assertThat(speed.get("identical").asBoolean()).isTrue();
        double one = speed.get("secondsParallelism1").asDouble();
        double two = speed.get("secondsParallelism2").asDouble();
        assertThat(speed.get("speedup").asDouble()).isCloseTo(one / two, within(1e-9));
        assertThat(speed.get("met").asBoolean()).isEqualTo(one / two >= 1.7);
        assertThat(speed.get("budget").asText()).contains("20 days of 15m candles from synthetic", "PPO 256 steps");
        assertThat(speed.get("cpuSecondsParallelism2").asDouble()).isPositive();
        assertThat(speed.get("machineSpeedupBefore").asDouble()).isBetween(0.2, 3.0);
        assertThat(r.err()).contains("warm-up", "BTC/USDT: start", "ETH/USDT: ok");

        java.util.List<String> lines = new dev.shadowtrainer.bench.UniverseBenchReport(2,
                new dev.shadowtrainer.bench.UniverseBenchReport.Speed(java.util.List.of("BTC/USDT"), "tiny", 1, 10, 8,
                        1.25, 1.7, false, true, 9.5, 14, 1.3, 1.1, java.util.List.of(10.0), java.util.List.of(8.0)),
                new dev.shadowtrainer.bench.UniverseBenchReport.Memory("a year", "-Xmx1g", 0, null, 100, 1200.4, 1536,
                        true, "x")).lines();
        assertThat(String.join("\n", lines)).contains("parallelism 1: 10.0 s, parallelism 2: 8.0 s -> speed-up 1.25x "
                + "(target >= 1.7x: NOT met)", "cores used (process CPU s / wall s): 0.95 at parallelism 1, 1.75 at 2",
                "per-symbol numbers identical at both: yes", "plain arithmetic, one thread to two: 1.30x before, "
                + "1.10x after", "peak resident (VmHWM) 1200 MiB in 100 s, exit 0 "
                + "(target <= 1536 MiB: met)", "JVM -Xmx1g");
    }

    @Test
    void universeMemoryReadsTheChildsPeakResidentSetAndItsError() throws IOException {
        // Two days cannot hold the child's 30 + 90-day folds: it stops with exit 3, which the report carries.
        CliRun r = run(concat(TINY_UNIVERSE, "--no-universe-speed", "--universe-memory-days", "2", "--json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode memory = new ObjectMapper().readTree(r.out()).get("universe").get("memory");
        assertThat(memory.get("exitCode").asInt()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(memory.get("error").asText()).startsWith("error: ");
        assertThat(memory.get("peakResidentMb").asDouble()).isBetween(30.0, 4096.0);
        assertThat(memory.get("met").asBoolean()).isFalse();
        assertThat(memory.get("budget").asText()).startsWith("2 days of synthetic 1m candles");
    }

    @Test
    void universeBadBudgetIsAUsageError() {
        CliRun r = run("bench", "--only", "universe", "--universe-days", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLines()).isEqualTo(1);
        CliRun s = run("bench", "--only", "universe", "--universe-symbols", "BTCUSDT");
        assertThat(s.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(s.err()).contains("--universe-symbols");
        CliRun t = run("bench", "--only", "universe", "--universe-timesteps", "0");
        assertThat(t.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(t.errorLines()).isEqualTo(1);
        assertThat(t.err()).contains("--universe-timesteps");
    }
}
