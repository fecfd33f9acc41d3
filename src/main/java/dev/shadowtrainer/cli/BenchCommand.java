package dev.shadowtrainer.cli;

import dev.shadowtrainer.bench.BenchReport;
import dev.shadowtrainer.bench.BenchSummary;
import dev.shadowtrainer.bench.MemoryBenchReport;
import dev.shadowtrainer.bench.MemoryBenchmark;
import dev.shadowtrainer.bench.PpoBenchReport;
import dev.shadowtrainer.bench.PpoBenchmark;
import dev.shadowtrainer.bench.PpoTradingBenchmark;
import dev.shadowtrainer.bench.SimulatorBenchmark;
import dev.shadowtrainer.bench.UniverseBenchReport;
import dev.shadowtrainer.bench.UniverseBenchmark;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.TrainUniverse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.sim.ExecutionConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: bars per second of the simulator against ta4j on the same synthetic candles, then
 * environment steps per second of the PPO learner on the trading environment, in one process.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure speed, with warm-up, in one process: (1) the simulator: an SMA-cross policy over "
                + "seeded synthetic 1m candles with shadow trades off and on, against ta4j's BarSeriesManager "
                + "running the same strategy on the same candles, as bars/second and ratios; (2) PPO on the trading "
                + "environment (seeded synthetic candles of data.symbol and data.timeframe, training.rl_agent "
                + "settings): environment steps/second of batched rollouts alone, of training end to end with "
                + "updates, and of the naive loop (one environment, one forward pass per step) on the same network, "
                + "with the ratio; (3) only with --only memory (it takes minutes): the trade memory on PostgreSQL + "
                + "pgvector in a scratch database made on the --db server and dropped at the end: bulk load, HNSW "
                + "index build, time-filtered k-NN latency and recall@10 against exact search at each ef_search, "
                + "and trades/second of the COPY write path and of batched INSERTs with and without the index; (4) only with --only universe (minutes): train-universe "
                + "on --universe-symbols at parallelism 1 and then 2 (speed-up, cores used, the machine's own ceiling, "
                + "identical numbers) and the peak resident memory (VmHWM) of train on --universe-memory-days of "
                + "synthetic 1m candles in a child JVM. Prints whether each target is met.",
                "Example: bench --only ppo --json",
                "Example: bench --only memory --memory-rows 100000"})
final class BenchCommand extends ConfiguredCommand {
    static final String SIMULATOR = "simulator";
    static final String PPO = "ppo";
    static final String MEMORY = "memory";
    static final String UNIVERSE = "universe";
    /** The eight symbols of the shared Binance 2025 klines, the universe speed-up's default. */
    static final String EIGHT = "ADA/USDT,BNB/USDT,BTC/USDT,DOGE/USDT,DOT/USDT,ETH/USDT,SOL/USDT,XRP/USDT";
    static final String DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/shadow";

    @Option(names = "--only", paramLabel = "PART",
            description = "run only one part: " + SIMULATOR + ", " + PPO + ", " + MEMORY + " or " + UNIVERSE
                    + " (default: simulator then ppo; memory and universe run only when asked for, they take minutes)")
    String only;

    @Option(names = "--universe-symbols", paramLabel = "PAIR[,PAIR...]", defaultValue = EIGHT,
            description = "universe: the symbols trained at parallelism 1 and then 2 (default: ${DEFAULT-VALUE})")
    String universeSymbols;

    @Option(names = "--universe-source", paramLabel = "SRC", defaultValue = "synthetic",
            description = "universe: their candles, e.g. file:DIR with <BASE><QUOTE>_<timeframe>.csv per symbol "
                    + "(default: ${DEFAULT-VALUE})")
    String universeSource;

    @Option(names = "--universe-days", paramLabel = "N", defaultValue = "28",
            description = "universe: days per symbol, in folds of 10 training and 5 test days (default: ${DEFAULT-VALUE})")
    int universeDays;

    @Option(names = "--universe-timeframe", paramLabel = "TF", defaultValue = "15m",
            description = "universe: candle timeframe (default: ${DEFAULT-VALUE})")
    String universeTimeframe;

    @Option(names = "--universe-timesteps", paramLabel = "N",
            description = "universe: PPO environment steps per fold (default: training.rl_agent.total_timesteps, what "
                    + "train-universe trains; 100000 in the base config)")
    Integer universeTimesteps;

    @Option(names = "--universe-memory-days", paramLabel = "N", defaultValue = "365",
            description = "universe: days of synthetic 1m candles for the peak-memory run in a child JVM; 0 skips it "
                    + "(default: ${DEFAULT-VALUE})")
    int universeMemoryDays;

    @Option(names = "--universe-speed", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "universe: measure the parallelism speed-up (--no-universe-speed skips it)")
    boolean universeSpeed;

    @Option(names = "--db", paramLabel = "URL", defaultValue = DEFAULT_SERVER,
            description = "memory: the PostgreSQL server (any database on it, pgvector installed) to make the "
                    + "scratch database on (default: ${DEFAULT-VALUE})")
    String db;

    @Option(names = "--memory-rows", paramLabel = "N", defaultValue = "1000000",
            description = "memory: synthetic trades loaded before the look-ups (default: ${DEFAULT-VALUE})")
    int memoryRows;

    @Option(names = "--memory-queries", paramLabel = "N", defaultValue = "200",
            description = "memory: k-NN look-ups per ef_search (default: ${DEFAULT-VALUE})")
    int memoryQueries;

    @Option(names = "--memory-ef-search", paramLabel = "N[,N...]", split = ",", defaultValue = "40,64,100",
            description = "memory: hnsw.ef_search values to try (default: ${DEFAULT-VALUE})")
    int[] memoryEfSearch;

    @Option(names = "--memory-ingest", paramLabel = "N", defaultValue = "20000",
            description = "memory: new trades per COPY-path write case (default: ${DEFAULT-VALUE})")
    int memoryIngest;

    @Option(names = "--memory-insert", paramLabel = "N", defaultValue = "5000",
            description = "memory: new trades for the batched INSERT ... ON CONFLICT case (default: ${DEFAULT-VALUE})")
    int memoryInsert;

    @Option(names = "--memory-load-batch", paramLabel = "N", defaultValue = "50000",
            description = "memory: trades per transaction of the bulk load (default: ${DEFAULT-VALUE})")
    int memoryLoadBatch;

    @Option(names = "--memory-maintenance-work-mem", paramLabel = "SIZE", defaultValue = "1GB",
            description = "memory: maintenance_work_mem of the index build's session (default: ${DEFAULT-VALUE})")
    String memoryMaintenanceWorkMem;

    @Option(names = "--bars", paramLabel = "N", defaultValue = "" + SimulatorBenchmark.YEAR_OF_MINUTES,
            description = "simulator: 1m candles to generate (default: a year, ${DEFAULT-VALUE})")
    int bars;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "simulator: warm-up iterations, not counted (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "simulator: measured iterations; the median counts (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--fast", paramLabel = "N", defaultValue = "50",
            description = "simulator: fast SMA period in bars (default: ${DEFAULT-VALUE})")
    int fast;

    @Option(names = "--slow", paramLabel = "N", defaultValue = "200",
            description = "simulator: slow SMA period in bars (default: ${DEFAULT-VALUE})")
    int slow;

    @Option(names = "--ppo-days", paramLabel = "N", defaultValue = "" + PpoTradingBenchmark.DEFAULT_DAYS,
            description = "PPO: days of synthetic candles (default: ${DEFAULT-VALUE})")
    int ppoDays;

    @Option(names = "--ppo-warmup", paramLabel = "SECONDS", defaultValue = "3",
            description = "PPO: warm-up time per case, not counted (default: ${DEFAULT-VALUE})")
    double ppoWarmup;

    @Option(names = "--ppo-seconds", paramLabel = "SECONDS", defaultValue = "5",
            description = "PPO: minimum measured time per case (default: ${DEFAULT-VALUE})")
    double ppoSeconds;

    @Option(names = "--memory-hnsw-m", paramLabel = "N", defaultValue = "16",
            description = "memory: m of the HNSW index built in the scratch database (default: ${DEFAULT-VALUE}, as "
                    + "migration V1)")
    int memoryHnswM;

    @Option(names = "--memory-hnsw-ef-construction", paramLabel = "N", defaultValue = "64",
            description = "memory: ef_construction of that index (default: ${DEFAULT-VALUE}, as migration V1)")
    int memoryHnswEfConstruction;

    @Override
    public Integer call() {
        if (only != null && !only.equals(SIMULATOR) && !only.equals(PPO) && !only.equals(MEMORY)
                && !only.equals(UNIVERSE)) {
            throw usage("--only must be " + SIMULATOR + ", " + PPO + ", " + MEMORY + " or " + UNIVERSE + ", got '"
                    + only + "'");
        }
        if (!(ppoWarmup >= 0) || !(ppoSeconds > 0) || Double.isInfinite(ppoWarmup) || Double.isInfinite(ppoSeconds)) {
            throw usage("--ppo-warmup must be >= 0 and --ppo-seconds > 0 (finite seconds), got " + ppoWarmup + " and "
                    + ppoSeconds);
        }
        ShadowConfig config = config();
        if (UNIVERSE.equals(only)) {
            return universe(config);
        }
        if (MEMORY.equals(only)) {
            MemoryBenchmark.Settings memorySettings;
            try {
                memorySettings = new MemoryBenchmark.Settings(MemoryUrl.parse(db), memoryRows, memoryQueries,
                        memoryEfSearch, memoryIngest, memoryInsert, memoryLoadBatch, config.seed(),
                        memoryMaintenanceWorkMem, memoryHnswM, memoryHnswEfConstruction);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            MemoryBenchReport memory = new MemoryBenchmark().run(memorySettings, progress());
            BenchSummary summary = new BenchSummary(null, null, memory, null);
            printSummary(summary, summary.lines());
            return 0;
        }
        SimulatorBenchmark.Settings simulatorSettings;
        PpoTradingBenchmark.Settings ppoSettings;
        try {
            simulatorSettings = new SimulatorBenchmark.Settings(bars, fast, slow, warmup, iterations, config.seed(),
                    Symbol.parse(config.data().symbol()),
                    ExecutionConfig.from(config.training().shadowTrading(), Timeframe.M1),
                    config.training().rlAgent().stateDim());
            ppoSettings = new PpoTradingBenchmark.Settings(config, ppoDays,
                    new PpoBenchmark.Settings(ppoWarmup, ppoSeconds));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        BenchReport simulator = PPO.equals(only) ? null : new SimulatorBenchmark().run(simulatorSettings, progress());
        PpoBenchReport ppo = SIMULATOR.equals(only) ? null : new PpoTradingBenchmark().run(ppoSettings, progress());
        BenchSummary summary = new BenchSummary(simulator, ppo, null, null);
        printSummary(summary, summary.lines());
        return 0;
    }

    /** --only universe: train-universe at parallelism 1 and 2, and the peak memory of a year of 1m candles. */
    private Integer universe(ShadowConfig config) {
        List<String> symbols = new ArrayList<>();
        for (String s : universeSymbols.split(",")) {
            if (!s.isBlank()) {
                try {
                    symbols.add(Symbol.parse(s.strip()).toString());
                } catch (IllegalArgumentException e) {
                    throw usage("--universe-symbols: " + e.getMessage());
                }
            }
        }
        long universeTimesteps = this.universeTimesteps != null ? this.universeTimesteps
                : config.training().rlAgent().totalTimesteps();
        if (symbols.isEmpty() || universeDays < 1 || universeTimesteps < 1 || universeMemoryDays < 0) {
            throw usage("--universe-symbols needs a symbol, --universe-days and --universe-timesteps must be >= 1 "
                    + "and --universe-memory-days >= 0");
        }
        Map<String, String> budget = new LinkedHashMap<>();
        budget.put("data.days", Integer.toString(universeDays));
        budget.put("data.timeframe", universeTimeframe);
        budget.put("data.source", universeSource);
        budget.put("evaluation.train_days", "10");
        budget.put("evaluation.test_days", "5");
        budget.put("evaluation.step_days", "5");
        budget.put("training.rl_agent.total_timesteps", Long.toString(universeTimesteps));
        String words = String.format(Locale.ROOT, "%d days of %s candles from %s, folds of 10 training + 5 test days, "
                + "PPO %d steps per fold, seed %d", universeDays, universeTimeframe, universeSource, universeTimesteps,
                config.seed());
        java.util.function.Function<Path, List<TrainUniverse.Job>> jobs = home -> {
            List<TrainUniverse.Job> out = new ArrayList<>();
            for (String symbol : symbols) {
                Map<String, String> extra = new LinkedHashMap<>(budget);
                extra.put("data.symbol", symbol);
                extra.put("output.runs_dir", home.resolve("runs").toString());
                extra.put("output.models_dir", home.resolve("models").toString());
                extra.put("database.url", "h2:" + home.resolve("memory"));
                out.add(new TrainUniverse.Job(symbol, config(extra)));
            }
            return out;
        };
        // The child runs a year of 1m candles in folds of 30 training and 90 test days (4 folds), PPO 8192 steps
        // each, with the JVM flags this process was started with (the launcher's, SHADOW_JAVA_OPTS included).
        List<String> jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("-XX:")).toList();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("shadow-bench-universe");
        } catch (java.io.IOException e) {
            throw new dev.shadowtrainer.ShadowTrainerException(dev.shadowtrainer.ExitCodes.STORAGE,
                    "cannot make a scratch folder for the universe bench: " + e.getMessage());
        }
        Path child = scratch.resolve("memory");
        List<String> childArgs = List.of("train", "--source", "synthetic", "--timeframe", "1m", "--days",
                Integer.toString(Math.max(1, universeMemoryDays)), "--seed", Long.toString(config.seed()),
                "--db", "h2:" + child.resolve("memory"), "--set", "output.runs_dir=" + child.resolve("runs"),
                "--set", "output.models_dir=" + child.resolve("models"), "--set", "evaluation.train_days=30",
                "--set", "evaluation.test_days=90", "--set", "evaluation.step_days=90",
                "--set", "training.rl_agent.total_timesteps=8192");
        String childWords = universeMemoryDays + " days of synthetic 1m candles (folds of 30 training + 90 test days, "
                + "PPO 8192 steps per fold)";
        TrainUniverse universe = new TrainUniverse(new CandleLoader(context().clock(), context().exchangeBaseUrl()),
                VersionProvider.version(), context().clock(), TrainUniverseCommand::trainer);
        try {
            UniverseBenchReport report = new UniverseBenchmark(universe).run(new UniverseBenchmark.Settings(jobs, words,
                    childArgs, jvm, childWords, universeSpeed, universeMemoryDays > 0), scratch,
                    ProgressBar.on(progress()));
            BenchSummary summary = new BenchSummary(null, null, null, report);
            printSummary(summary, summary.lines());
            return 0;
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a scratch folder left in the temp directory costs nothing but space
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
