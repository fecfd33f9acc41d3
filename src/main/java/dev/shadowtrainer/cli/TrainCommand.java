package dev.shadowtrainer.cli;

import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.pipeline.PolicyTrainer;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.pipeline.RulePolicyTrainer;
import dev.shadowtrainer.pipeline.TrainPipeline;
import dev.shadowtrainer.pipeline.TrainSummary;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code train}: the main job. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"The main job: load and validate candles, build past-only features, train the PPO agent "
                + "on each fold's training window (with training.rl_agent.enabled=false: the rule policy), evaluate "
                + "it out of sample in the shadow market beside the baselines, write runs/<run-id>/ and save the "
                + "agent under models/<run-id>/.",
                "Example: train --symbol BTC/USDT --days 60 --source file:BTCUSDT_15m.csv"})
final class TrainCommand extends MarketCommand {
    @picocli.CommandLine.Mixin
    DatabaseOption database = new DatabaseOption();

    @Override
    void addOwnOverrides(Map<String, String> overrides) {
        database.addTo(overrides);
    }

    @Override
    public Integer call() {
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        ShadowConfig config = config();
        ProgressBar progress = ProgressBar.on(progress());
        PolicyTrainer trainer = config.training().rlAgent().enabled()
                ? new PpoPolicyTrainer(config.training().rlAgent(), config.evaluation().initialEquity(), progress)
                : new RulePolicyTrainer();
        TrainSummary summary = new TrainPipeline(loader, VersionProvider.version(), context().clock(), trainer)
                .run(config, progress::note);
        printSummary(summary, common.verbose ? summary.lines() : summary.shortLines());
        if (summary.memory() != null && summary.memory().spilled() > 0) {
            progress().println("train: the trade memory " + summary.memory().database() + " was lost mid-run; "
                    + summary.memory().spilled() + " trades are in " + summary.memory().spillFile()
                    + "; load them with: shadow-trainer db import " + summary.memory().spillFile());
            progress().flush();
            return ExitCodes.STORAGE;
        }
        if (summary.lookahead() != null && summary.lookahead().notRun() == null && !summary.lookahead().clean()) {
            progress().println("train: the trained policy's decisions changed with the future ("
                    + summary.lookahead().differences() + " values); do not trust or deploy " + summary.modelFolder()
                    + "; find the leak with: shadow-trainer lookahead-check");
            progress().flush();
            return ExitCodes.BAD_DATA;
        }
        return 0;
    }
}
