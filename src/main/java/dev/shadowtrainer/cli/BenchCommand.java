package dev.shadowtrainer.cli;

import dev.shadowtrainer.bench.BenchReport;
import dev.shadowtrainer.bench.BenchSummary;
import dev.shadowtrainer.bench.MemoryBenchReport;
import dev.shadowtrainer.bench.MemoryBenchmark;
import dev.shadowtrainer.bench.PpoBenchReport;
import dev.shadowtrainer.bench.PpoBenchmark;
import dev.shadowtrainer.bench.PpoTradingBenchmark;
import dev.shadowtrainer.bench.SimulatorBenchmark;
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
                + "and trades/second of the COPY write path and of batched INSERTs with and without the index. Prints whether "
                + "each target is met.",
                "Example: bench --only ppo --json",
                "Example: bench --only memory --memory-rows 100000"})
final class BenchCommand extends ConfiguredCommand {
    static final String SIMULATOR = "simulator";
    static final String PPO = "ppo";
    static final String MEMORY = "memory";
    static final String DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/shadow";

    @Option(names = "--only", paramLabel = "PART",
            description = "run only one part: " + SIMULATOR + ", " + PPO + " or " + MEMORY + " (default: simulator "
                    + "then ppo; memory runs only when asked for, it takes minutes)")
    String only;

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

    @Option(names = "--memory-ef-search", paramLabel = "N[,N...]", split = ",", defaultValue = "40,100,200",
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
        if (only != null && !only.equals(SIMULATOR) && !only.equals(PPO) && !only.equals(MEMORY)) {
            throw usage("--only must be " + SIMULATOR + ", " + PPO + " or " + MEMORY + ", got '" + only + "'");
        }
        if (!(ppoWarmup >= 0) || !(ppoSeconds > 0) || Double.isInfinite(ppoWarmup) || Double.isInfinite(ppoSeconds)) {
            throw usage("--ppo-warmup must be >= 0 and --ppo-seconds > 0 (finite seconds), got " + ppoWarmup + " and "
                    + ppoSeconds);
        }
        ShadowConfig config = config();
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
            BenchSummary summary = new BenchSummary(null, null, memory);
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
        BenchSummary summary = new BenchSummary(simulator, ppo, null);
        printSummary(summary, summary.lines());
        return 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
