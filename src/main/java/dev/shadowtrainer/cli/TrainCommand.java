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
                "Checkpoints go to runs/<run-id>/ every training.checkpoint_every PPO updates; Ctrl-C saves one "
                        + "and exits with code 130; --resume <run-id> continues such a run (same options) to the "
                        + "result an uninterrupted run gives.",
                "Example: train --symbol BTC/USDT --days 60 --source file:BTCUSDT_15m.csv"})
final class TrainCommand extends MarketCommand {
    @picocli.CommandLine.Mixin
    DatabaseOption database = new DatabaseOption();

    @picocli.CommandLine.Option(names = "--resume", paramLabel = "RUN-ID",
            description = "continue the interrupted run RUN-ID from its checkpoint, with the options, seed and data "
                    + "it started with")
    String resume;

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
        TrainSummary summary;
        try (CtrlC ctrlC = CtrlC.install(progress())) {
            TrainPipeline pipeline = new TrainPipeline(loader, VersionProvider.version(), context().clock(), trainer,
                    ctrlC);
            summary = resume == null ? pipeline.run(config, progress::note)
                    : pipeline.resume(config, resume, progress::note);
        }
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
