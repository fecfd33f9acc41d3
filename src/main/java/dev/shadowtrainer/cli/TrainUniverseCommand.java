package dev.shadowtrainer.cli;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.PolicyTrainer;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.pipeline.RulePolicyTrainer;
import dev.shadowtrainer.pipeline.TrainUniverse;
import dev.shadowtrainer.pipeline.UniverseSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train-universe}: {@code train} for many symbols, a few at a time, on one trade memory. */
@Command(name = "train-universe", mixinStandardHelpOptions = true,
        description = {"Run train for each of several symbols, --parallelism at a time, on one trade memory (the H2 "
                + "file of database.url, or --db): each symbol a full train run with its own runs/<run-id>/ and "
                + "models/<run-id>/, seeing the memory as it was when the universe began plus its own trades (so "
                + "its numbers do not depend on the parallelism); at the end the shared pattern library is refitted "
                + "once on every stored trade. A symbol that fails is reported with its error and the others go on. "
                + "Prints one line per symbol as it starts and finishes (with an ETA), then a table and the "
                + "aggregate; writes runs/universe-<id>/summary.json and symbols.csv.",
                "--source file:DIR reads DIR/<BASE><QUOTE>_<timeframe>.csv (or .json) for each symbol, e.g. "
                        + "BTCUSDT_15m.csv.",
                "Example: train-universe --symbols BTC/USDT,ETH/USDT,SOL/USDT --days 60 --timeframe 15m "
                        + "--source file:data/binance/"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every symbol trained",
                "2:usage: no symbols, a malformed or repeated symbol, --parallelism below 1, a bad config value",
                "3/4/1:every symbol failed, all for that reason (bad data / storage / internal)",
                "4:the trade memory is unreachable (before any symbol starts)",
                "6:some symbols failed (for mixed reasons, or beside symbols that trained); summary.json and the "
                        + "table say which and why"})
final class TrainUniverseCommand extends ConfiguredCommand {
    @Option(names = "--symbols", paramLabel = "PAIR", split = ",", required = true,
            description = "trading pairs, e.g. BTC/USDT,ETH/USDT (each overrides data.symbol for its run)")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--parallelism", paramLabel = "N",
            description = "symbols trained at once, each on its own thread (default: min(2, cores) = ${DEFAULT-VALUE})")
    int parallelism = defaultParallelism();

    @Option(names = "--days", paramLabel = "N",
            description = "days of history counted back from each symbol's newest candle (data.days)")
    Integer days;

    @Option(names = "--timeframe", paramLabel = "TF", description = "1m 5m 15m 1h 4h 1d (data.timeframe)")
    String timeframe;

    @Option(names = "--source", paramLabel = "SRC",
            description = "auto, cache, xchange, synthetic, or file:DIR holding <BASE><QUOTE>_<timeframe>.csv per "
                    + "symbol (data.source)")
    String source;

    @Option(names = "--exchange", paramLabel = "NAME", description = "exchange for xchange and the cache (data.exchange)")
    String exchange;

    @picocli.CommandLine.Mixin
    DatabaseOption database = new DatabaseOption();

    static int defaultParallelism() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    void addOverrides(Map<String, String> overrides) {
        put(overrides, "data.days", days == null ? null : days.toString());
        put(overrides, "data.timeframe", timeframe);
        put(overrides, "data.source", source);
        put(overrides, "data.exchange", exchange);
        database.addTo(overrides);
    }

    private static void put(Map<String, String> overrides, String key, String value) {
        if (value != null) {
            overrides.put(key, value);
        }
    }

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String s : symbols) {
            String name = s.strip();
            if (name.isEmpty()) {
                continue;
            }
            Symbol parsed;
            try {
                parsed = Symbol.parse(name);
            } catch (IllegalArgumentException e) {
                throw usage("--symbols: " + e.getMessage());
            }
            if (!seen.add(parsed.toString())) {
                throw usage("--symbols names " + parsed + " twice; give each symbol once");
            }
            names.add(parsed.toString());
        }
        if (names.isEmpty()) {
            throw usage("--symbols names no symbol; give one or more, e.g. --symbols BTC/USDT,ETH/USDT");
        }
        if (parallelism < 1) {
            throw usage("--parallelism must be at least 1, got " + parallelism);
        }
        List<TrainUniverse.Job> jobs = new ArrayList<>();
        for (String name : names) {
            jobs.add(new TrainUniverse.Job(name, config(Map.of("data.symbol", name))));
        }
        ProgressBar progress = ProgressBar.on(progress());
        TrainUniverse universe = new TrainUniverse(new CandleLoader(context().clock(), context().exchangeBaseUrl()),
                VersionProvider.version(), context().clock(), TrainUniverseCommand::trainer);
        UniverseSummary summary = universe.run(jobs, parallelism, progress, common.verbose);
        printSummary(summary, summary.lines());
        return summary.exitCode();
    }

    /** A fresh trainer per symbol: PPO, or the rule policy with training.rl_agent.enabled=false. */
    static PolicyTrainer trainer(ShadowConfig config, dev.shadowtrainer.pipeline.Progress progress) {
        return config.training().rlAgent().enabled()
                ? new PpoPolicyTrainer(config.training().rlAgent(), config.evaluation().initialEquity(), progress)
                : new RulePolicyTrainer();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
