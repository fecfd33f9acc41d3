package dev.shadowtrainer.cli;

import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.TrainPipeline;
import dev.shadowtrainer.pipeline.TrainSummary;
import picocli.CommandLine.Command;

/** {@code train}: the main job. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"The main job: load and validate candles, build past-only features and regimes, and "
                + "print a summary with the data-quality report.",
                "Example: train --symbol BTC/USDT --days 60 --source file:BTCUSDT_15m.csv"})
final class TrainCommand extends MarketCommand {
    @Override
    public Integer call() {
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        TrainSummary summary = new TrainPipeline(loader, VersionProvider.version()).run(config());
        printSummary(summary, summary.lines());
        return 0;
    }
}
