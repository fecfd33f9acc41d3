package dev.shadowtrainer.cli;

import dev.shadowtrainer.agent.rules.TrendRulePolicy;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.LoadedSeries;
import dev.shadowtrainer.pipeline.LookaheadCheck;
import dev.shadowtrainer.pipeline.LookaheadReport;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.pipeline.TrainedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MemoryLookup;
import java.util.Map;
import java.util.function.Function;
import dev.shadowtrainer.sim.ExecutionConfig;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code lookahead-check}: reruns the pipeline on cut and garbage-extended series and reports any leak. */
@Command(name = "lookahead-check", mixinStandardHelpOptions = true,
        description = {"Check the whole pipeline (features, normalisation, regimes, simulator, policy, shadow-trade "
                + "memory) for lookahead: run on the full series, then for sampled decision points t rerun on the "
                + "series cut after t and with every bar after t replaced by a random walk, and compare everything "
                + "up to t bit for bit. Prints each difference with its name and bar.",
                "Without --days it checks all the data the source holds.",
                "Example: lookahead-check --symbol BTC/USDT --source file:BTCUSDT_15m.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no lookahead found",
                "1:internal error (a bug: rerun with --verbose and report the stack trace)",
                "2:usage: unknown option, bad flag or config value",
                "3:lookahead found (LOOKAHEAD lines on stdout), or bad or insufficient market data (one error "
                        + "line on stderr)",
                "4:storage unreachable or failing"})
final class LookaheadCheckCommand extends MarketCommand {
    /** Lookahead found: the issue asks for 3, which the data errors of every command share (stderr tells them apart). */
    static final int LOOKAHEAD_FOUND = 3;
    @Option(names = "--model", paramLabel = "DIR",
            description = "a saved model folder (models/<name>) whose PPO network is checked instead of the rule "
                    + "policy, with the features, normalisation and memory look-up it was trained with; --symbol and "
                    + "--timeframe default to the model's")
    Path model;

    private TrainedModel trained;

    @Override
    void addOwnOverrides(Map<String, String> overrides) {
        if (model == null) {
            return;
        }
        trained = TrainedModel.of(new ModelStore().load(model), PpoPolicyTrainer.NETWORK, "lookahead-check");
        if (market.timeframe == null) {
            overrides.put("data.timeframe", trained.timeframe().label());
        }
        if (market.symbol == null && trained.model().metadata().candles() != null) {
            overrides.put("data.symbol", trained.model().metadata().candles().symbol());
        }
    }

    @Option(names = "--samples", paramLabel = "N", defaultValue = "" + LookaheadCheck.DEFAULT_SAMPLES,
            description = "decision points to check, each against a cut and a garbage future (default: ${DEFAULT-VALUE})")
    int samples;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new ParameterException(spec.commandLine(), "--samples must be at least 1, got " + samples);
        }
        ShadowConfig config = config();
        if (trained != null && !config.data().timeframe().equals(trained.timeframe())) {
            throw new ParameterException(spec.commandLine(), "--model " + model + " was trained on "
                    + trained.timeframe().label() + " candles but --timeframe is " + config.data().timeframe().label()
                    + "; drop --timeframe or pass " + trained.timeframe().label());
        }
        MarketPreparation preparation = trained != null ? trained.preparation()
                : new MarketPreparation(config.features().normalizationWindow());
        int stateDim = trained != null ? trained.stateDim() : config.training().rlAgent().stateDim();
        int indexSize = trained != null ? trained.indexSize() : config.memory().indexSize();
        int neighbours = trained != null ? trained.neighbours() : config.memory().neighbours();
        preparation.requireStateDim(stateDim, NearestTrades.WIDTH);
        CandleLoader loader = new CandleLoader(context().clock(), context().exchangeBaseUrl());
        // Without --days the check covers all the data there is, as its purpose is the whole series.
        LoadedSeries loaded = market.days == null
                ? loader.loadAvailable(config.data(), config.seed(), preparation.leadInBars())
                : loader.load(config.data(), config.seed(), preparation.leadInBars());
        ExecutionConfig execution = ExecutionConfig.from(config.training().shadowTrading(),
                loaded.series().id().timeframe());
        progress().printf(Locale.ROOT, "lookahead-check: %d runs (1 full, %d cut, %d garbage) over %d bars%n",
                1 + 2 * samples, samples, samples, loaded.windowBars());
        progress().flush();
        Function<MarketData, MemoryLookup> memories =
                data -> new NearestTrades(data, indexSize, neighbours, NearestTrades.Past.NONE);
        LookaheadCheck check = trained != null
                ? LookaheadCheck.ofNetwork(preparation, PpoPolicyTrainer.NAME, trained.network(), memories, execution,
                        stateDim)
                : new LookaheadCheck(preparation, data -> new TrendRulePolicy(), memories, execution, stateDim);
        LookaheadReport report = check.run(loaded.series(), loaded.windowStart(), samples,
                config.evaluation().initialEquity(), config.seed());
        printSummary(report, report.lines());
        return report.clean() ? 0 : LOOKAHEAD_FOUND;
    }
}
