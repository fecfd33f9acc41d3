package dev.shadowtrainer.cli;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.pipeline.BacktestJob;
import dev.shadowtrainer.pipeline.BacktestSummary;
import dev.shadowtrainer.pipeline.CandleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code backtest}: a saved model on any window of any candles, beside the baselines. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Run a saved model (models/<run-id>/) on a window of candles in the shadow market, with the "
                + "model's own execution, feature and state config, beside the baselines (buy-and-hold, no-trade, "
                + "random, trend-rule) on the same window; writes runs/<run-id>/ (summary.json, trades.csv, "
                + "shadow_trades.csv, equity.csv). Bars before --from only warm the features up.",
                "Without --from it tests the last --days (data.days) days. Symbol, exchange and timeframe default to "
                        + "the model's.",
                "Example: backtest --model models/20251121T140501Z-btcusdt-15m --source file:BTCUSDT_15m.csv "
                        + "--from 2025-03-01 --to 2025-03-31"})
final class BacktestCommand extends MarketCommand {
    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "the model folder, e.g. models/<run-id> (a bare name is looked up in output.models_dir)")
    Path model;

    @Option(names = "--from", paramLabel = "DATE",
            description = "first day of the window, YYYY-MM-DD (UTC), or an instant such as 2025-03-01T12:00:00Z")
    String from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "last day of the window, YYYY-MM-DD (inclusive), or an instant (exclusive); default: the "
                    + "newest candle")
    String to;

    private LoadedModel loaded;

    @Override
    void addOwnOverrides(Map<String, String> overrides) {
        // The model's config first, so every flag and --set of the user wins over it.
        Map<String, String> merged = new LinkedHashMap<>(BacktestJob.modelSettings(loaded.metadata()));
        merged.putAll(overrides);
        overrides.clear();
        overrides.putAll(merged);
    }

    @Override
    public Integer call() {
        if (from == null && to != null) {
            throw new ParameterException(spec.commandLine(), "--to needs --from; give both or use --days");
        }
        if (from != null && market.days != null) {
            throw new ParameterException(spec.commandLine(), "--days and --from/--to both choose the window; give one");
        }
        Instant start = from == null ? null : instant("--from", from, false);
        Instant end = to == null ? null : instant("--to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " is not before --to " + to
                    + "; swap them or widen the window");
        }
        loaded = new ModelStore().load(resolve(model));
        ShadowConfig config = config();
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        ProgressBar progress = ProgressBar.on(progress());
        BacktestSummary summary = new BacktestJob(loader, VersionProvider.version(), context().clock())
                .run(config, loaded, start == null ? null : new BacktestJob.Window(start, end), progress::note);
        printSummary(summary, summary.lines());
        return ExitCodes.OK;
    }

    /** {@code --model} as given, or a bare name under output.models_dir (before the config is known: models/). */
    private Path resolve(Path given) {
        if (Files.isDirectory(given) || given.getNameCount() > 1 || given.isAbsolute()) {
            return given;
        }
        String modelsDir = common.set.getOrDefault("output.models_dir", ModelStore.DEFAULT_ROOT.toString());
        Path under = Path.of(modelsDir).resolve(given);
        if (!Files.isDirectory(under)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model folder " + given + " does not exist (nor "
                    + under + "); pass the folder of a saved model, e.g. models/<run-id>");
        }
        return under;
    }

    private Instant instant(String flag, String text, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), flag + " " + text + " is not a date YYYY-MM-DD or an "
                    + "instant such as 2025-03-01T12:00:00Z");
        }
    }
}
