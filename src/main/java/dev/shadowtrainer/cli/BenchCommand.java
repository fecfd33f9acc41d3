package dev.shadowtrainer.cli;

import dev.shadowtrainer.bench.BenchReport;
import dev.shadowtrainer.bench.SimulatorBenchmark;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.ExecutionConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: bars per second of the simulator against ta4j on the same synthetic candles. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the simulator's speed: an SMA-cross policy over seeded synthetic 1m candles with "
                + "shadow trades off and on, against ta4j's BarSeriesManager running the same strategy on the same "
                + "candles, with warm-up; prints bars/second, the ratios and whether the targets are met.",
                "Example: bench --bars 525600 --json"})
final class BenchCommand extends ConfiguredCommand {
    @Option(names = "--bars", paramLabel = "N", defaultValue = "" + SimulatorBenchmark.YEAR_OF_MINUTES,
            description = "1m candles to generate (default: a year, ${DEFAULT-VALUE})")
    int bars;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "warm-up iterations, not counted (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "measured iterations; the median counts (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--fast", paramLabel = "N", defaultValue = "50",
            description = "fast SMA period in bars (default: ${DEFAULT-VALUE})")
    int fast;

    @Option(names = "--slow", paramLabel = "N", defaultValue = "200",
            description = "slow SMA period in bars (default: ${DEFAULT-VALUE})")
    int slow;

    @Override
    public Integer call() {
        ShadowConfig config = config();
        SimulatorBenchmark.Settings settings;
        try {
            settings = new SimulatorBenchmark.Settings(bars, fast, slow, warmup, iterations, config.seed(),
                    Symbol.parse(config.data().symbol()),
                    ExecutionConfig.from(config.training().shadowTrading(), Timeframe.M1),
                    config.training().rlAgent().stateDim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchReport report = new SimulatorBenchmark().run(settings, progress());
        printSummary(report, report.lines());
        return 0;
    }
}
