package dev.shadowtrainer.cli;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.TrainPipeline;
import dev.shadowtrainer.pipeline.TrainSummary;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code train}: the main job. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"The main job: load and validate candles, build past-only features and regimes, and "
                + "print a summary with the data-quality report.",
                "Example: train --symbol BTC/USDT --days 60 --source file:BTCUSDT_15m.csv"})
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    ShadowTrainer root;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    MarketOptions market;

    @Override
    public Integer call() {
        Map<String, String> overrides = common.overrides();
        market.addTo(overrides);
        ShadowConfig config = root.configure(common, overrides);
        CandleLoader loader = new CandleLoader(root.context().clock(), root.context().exchangeBaseUrl());
        TrainSummary summary = new TrainPipeline(loader, VersionProvider.version()).run(config);
        SummaryPrinter.print(spec.commandLine().getOut(), common.json, summary, summary.lines());
        return 0;
    }
}
