package dev.shadowtrainer.cli;

import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.RulePolicyTrainer;
import dev.shadowtrainer.pipeline.TrainPipeline;
import dev.shadowtrainer.pipeline.TrainSummary;
import picocli.CommandLine.Command;

/** {@code train}: the main job. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"The main job: load and validate candles, build past-only features, evaluate the policy "
                + "walk-forward in the shadow market beside the baselines, and write runs/<run-id>/.",
                "Example: train --symbol BTC/USDT --days 60 --source file:BTCUSDT_15m.csv"})
final class TrainCommand extends MarketCommand {
    @Override
    public Integer call() {
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        TrainSummary summary = new TrainPipeline(loader, VersionProvider.version(), context().clock(),
                new RulePolicyTrainer()).run(config(), ProgressBar.on(progress())::note);
        printSummary(summary, summary.lines());
        return 0;
    }
}
