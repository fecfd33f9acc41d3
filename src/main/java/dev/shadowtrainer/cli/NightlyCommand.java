package dev.shadowtrainer.cli;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.NightlyJob;
import dev.shadowtrainer.pipeline.NightlySummary;
import dev.shadowtrainer.pipeline.PolicyTrainer;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code nightly}: update, import, retrain, and promote the new model only if it is clearly better. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"The nightly job (run it from cron, see scripts/nightly): update the candles (offline: warn and "
                + "use the cache), import the live system's trades (--live-trades), retrain on the last "
                + "nightly.train_days days before the held-out nightly.holdout_days, test the new model (challenger) "
                + "and the champion (models/current) on the held-out window, and promote the challenger only if it "
                + "passes the sanity gates and beats the champion by nightly.min_improvement with p < "
                + "nightly.significance; every decision is one line of models/promotions.log.",
                "Only one nightly runs at a time (lock: models/nightly.lock); a second one exits with code 5.",
                "Example: nightly --symbol BTC/USDT --live-trades live/2025-06-30.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done: the challenger was promoted or rejected (see the summary and models/promotions.log)",
                "1:internal error (a bug: rerun with --verbose and report the stack trace)",
                "2:usage: unknown option, bad flag or config value",
                "3:bad or insufficient market data, or a bad --live-trades file (nothing imported)",
                "4:storage unreachable or failing",
                "5:another nightly holds the lock; this one did nothing"})
final class NightlyCommand extends MarketCommand {
    @picocli.CommandLine.Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(names = "--live-trades", paramLabel = "FILE",
            description = "the live system's closed trades to import as kind live: CSV with a header, or a JSON "
                    + "array (.json); columns trade_id, symbol, entry_time, exit_time, entry_price, exit_price, size, "
                    + "fees, optional leverage and exit_reason (see the README)")
    Path liveTrades;

    @Override
    void addOwnOverrides(Map<String, String> overrides) {
        database.addTo(overrides);
    }

    @Override
    public Integer call() {
        if (market.days != null) {
            throw new ParameterException(spec.commandLine(), "nightly takes its days from nightly.train_days and "
                    + "nightly.holdout_days; leave out --days (use --set nightly.train_days=N)");
        }
        Map<String, String> user = common.overrides();
        addOverrides(user);
        NightlyJob.Configurer configurer = (under, over) -> {
            Map<String, String> merged = new LinkedHashMap<>(under);
            merged.putAll(user);
            merged.putAll(over);
            return root.configure(common, merged);
        };
        ProgressBar progress = ProgressBar.on(progress());
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        NightlySummary summary = new NightlyJob(loader, VersionProvider.version(), context().clock(), configurer,
                config -> (PolicyTrainer) new PpoPolicyTrainer(config.training().rlAgent(),
                        config.evaluation().initialEquity(), progress))
                .run(liveTrades, progress::note);
        printSummary(summary, summary.lines());
        return ExitCodes.OK;
    }
}
