package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.config.ConfigKey;
import dev.shadowtrainer.config.ConfigSchema;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.config.ShadowConfig.DataConfig;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.market.SyntheticCandleSource;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelMetadata;
import dev.shadowtrainer.report.RunFolder;
import dev.shadowtrainer.report.SummaryJson;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Policy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code backtest} job: a saved model on a chosen window of any candles, beside the baselines, with the
 * model's own config (execution, features, state size), written to runs/&lt;run-id&gt;/ like a train run.
 * The candles before the window are loaded too (as train's lead-in), so features and normalisation are
 * warm when it opens and nothing after a bar reaches it.
 */
public final class BacktestJob {
    /** Config sections a model carries into a backtest; the data source, its length, outputs and storage stay the user's. */
    private static final Set<String> USER_KEYS = Set.of("data.source", "data.days", "data.cache_dir", "data.min_bars",
            "data.lower_source");
    private static final List<String> USER_SECTIONS = List.of("output.", "database.", "nightly.");

    private final CandleLoader loader;
    private final String version;
    private final Clock clock;

    public BacktestJob(CandleLoader loader, String version, Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader is null");
        this.version = Objects.requireNonNull(version, "version is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * A window of time: bars opening in [from, to); {@code to} null means up to the newest candle.
     */
    public record Window(Instant from, Instant to) {
        public Window {
            Objects.requireNonNull(from, "from is null");
            if (to != null && !from.isBefore(to)) {
                throw new ShadowTrainerException(ExitCodes.USAGE, "the window starts at " + from
                        + ", not before its end " + to + "; pass --from before --to");
            }
        }
    }

    /**
     * The model's config values, as config overrides (lowest of the command line's): everything that shapes
     * its decisions and their execution. The data source, data.days, outputs and storage are left to the user.
     */
    public static Map<String, String> modelSettings(ModelMetadata metadata) {
        ConfigSchema schema = new ConfigSchema();
        Map<String, String> out = new LinkedHashMap<>();
        metadata.config().forEach((key, value) -> {
            if (USER_KEYS.contains(key) || USER_SECTIONS.stream().anyMatch(key::startsWith) || value == null
                    || value.value() == null) {
                return;
            }
            schema.key(key).ifPresent(k -> out.put(key, text(k, value.value())));
        });
        return out;
    }

    private static String text(ConfigKey key, Object value) {
        if (key.type() == ConfigKey.Type.INTEGER && value instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(value);
    }

    /** Candles prepared for a model, and the bars of the window in them. */
    public record Prepared(LoadedSeries loaded, MarketData market, int from, int to) {
    }

    /**
     * Loads and prepares the candles for {@code window} (null: the last data.days days), with history before it.
     */
    public Prepared prepare(ShadowConfig config, Window window, Consumer<String> progress) {
        MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
        int leadIn = preparation.leadInBars();
        LoadedSeries loaded;
        int from;
        int to;
        if (window == null) {
            loaded = loader.load(config.data(), config.seed(), leadIn);
            from = loaded.windowStart();
            to = loaded.series().size();
        } else {
            DataConfig d = config.data();
            Instant reference = d.source().equalsIgnoreCase("synthetic") ? SyntheticCandleSource.DEFAULT_ANCHOR
                    : clock.instant();
            long days = Math.max(1, (long) Math.ceil((reference.toEpochMilli() - window.from().toEpochMilli())
                    / 86_400_000.0));
            DataConfig covering = new DataConfig(d.source(), d.exchange(), d.symbol(), d.timeframe(),
                    (int) Math.min(36_500, days), d.cacheDir(), d.minBars(), d.lowerSource(), d.lowerTimeframe());
            loaded = loader.loadAvailable(covering, config.seed(), leadIn);
            CandleSeries s = loaded.series();
            from = s.startOfTime(window.from().toEpochMilli());
            to = window.to() == null ? s.size() : s.startOfTime(window.to().toEpochMilli());
            if (from >= s.size()) {
                throw new DataException(String.format(Locale.ROOT, "%s: the data ends at %s, before --from %s; "
                        + "pick an earlier window or update the data", loaded.source(), s.lastOpen(), window.from()));
            }
            if (from == 0) {
                throw new DataException(String.format(Locale.ROOT, "%s: the data starts at %s, no history before "
                        + "--from %s to warm the features up (they need %d bars); pick a later --from or supply "
                        + "earlier data", loaded.source(), s.firstOpen(), window.from(), leadIn));
            }
            if (to <= from) {
                throw new DataException(String.format(Locale.ROOT, "%s: no bars between --from %s and --to %s; "
                        + "widen the window", loaded.source(), window.from(), window.to()));
            }
            if (from < leadIn) {
                progress.accept(String.format(Locale.ROOT, "only %d bars of history before the window (features "
                        + "need %d); bars whose features are not warm yet are not traded", from, leadIn));
            }
            // The bars after the window are never needed: cut them, so no later candle is even loaded into the run.
            loaded = new LoadedSeries(loaded.source(), s.slice(0, to), from, loaded.quality(), loaded.requestedDays());
        }
        MarketData market = preparation.apply(loaded.series());
        CandleSeries lower = loader.loadLower(config.data(), loaded.series());
        if (lower != null) {
            market = market.withLowerTimeframe(lower);
        }
        return new Prepared(loaded, market, from, to);
    }

    /**
     * Checks that {@code model} can run on {@code series}' candles under {@code config}: same timeframe as it
     * was trained on, and the observation this build makes has the layout the model's metadata records.
     */
    public static void requireCompatible(LoadedModel model, ShadowConfig config, MarketData market) {
        CandleSeries series = market.candles();
        TrainedModel trained = TrainedModel.of(model, PpoPolicyTrainer.NETWORK, "backtest");
        if (!trained.timeframe().equals(series.id().timeframe())) {
            throw new DataException("model " + model.dir() + " was trained on " + trained.timeframe().label()
                    + " candles but the data is " + series.id().timeframe().label() + "; pass --timeframe "
                    + trained.timeframe().label() + " or use a model trained on " + series.id().timeframe().label());
        }
        int stateDim = config.training().rlAgent().stateDim();
        int window = config.features().normalizationWindow();
        if (stateDim != trained.stateDim() || window != trained.normalizationWindow()) {
            throw new DataException("model " + model.dir() + " takes observations of " + trained.stateDim()
                    + " values normalised over " + trained.normalizationWindow() + " bars but the config asks for "
                    + stateDim + " over " + window + "; leave training.rl_agent.state_dim and "
                    + "features.normalization_window as the model has them");
        }
    }

    /** Runs {@code model} on {@code window} and writes runs/&lt;run-id&gt;/; the summary also goes to summary.json. */
    public BacktestSummary run(ShadowConfig config, LoadedModel model, Window window, Consumer<String> progress) {
        Instant startedAt = clock.instant();
        Prepared p = prepare(config, window, progress);
        CandleSeries series = p.loaded().series();
        requireCompatible(model, config, p.market());
        Policy policy = Backtest.policy(model, modelName(model));
        Backtest backtest = new Backtest(config, p.market());
        backtest.requireWindow(p.from(), p.to());
        Backtest.Outcome outcome = backtest.run(policy, p.from(), p.to(), config.seed(),
                progress);
        RunFolder run = RunFolder.create(Path.of(config.output().runsDir()), startedAt, series.id().symbol(),
                series.id().timeframe());
        backtest.writeOutputs(outcome, run.path());
        BacktestSummary summary = BacktestSummary.of(version, run, modelName(model), model.dir().toString(),
                p.loaded(), outcome, config);
        new SummaryJson().write(run.summaryJson(), summary);
        return summary;
    }

    static String modelName(LoadedModel model) {
        return model.metadata().name();
    }
}
