package dev.shadowtrainer.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.config.ShadowConfig.NightlyConfig;
import dev.shadowtrainer.market.CandleCache;
import dev.shadowtrainer.market.CandleDownloader;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DownloadResult;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.RunRecord;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.TradeMemory;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.report.AtomicFile;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code nightly} job, under {@link NightlyLock}: (a) update the candles (download into the cache; offline it
 * warns and goes on with the cache), (b) import the live system's trades ({@link LiveTrades}) into the trade
 * memory and refit the pattern library on them, (c)+(d) retrain with the train pipeline on the last
 * nightly.train_days days before the held-out nightly.holdout_days (its walk-forward, memory, pattern refit and
 * analyzers run as in train), (e) test the new model (challenger) and the champion (models/current) with
 * {@link Backtest} on the held-out window, each with its own config, and check the challenger for lookahead,
 * (f) promote or reject it ({@link PromotionDecision}): promotion switches models/current atomically, rejection
 * moves the challenger to models/challengers/&lt;name&gt;/ with &lt;name&gt;.reason.json beside it; either way
 * one line goes to models/promotions.log.
 */
public final class NightlyJob {
    public static final String CHALLENGERS = "challengers";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Resolves the config: {@code under} below the user's config and flags, {@code over} above them. */
    public interface Configurer {
        ShadowConfig configure(Map<String, String> under, Map<String, String> over);
    }

    private final CandleLoader loader;
    private final String version;
    private final Clock clock;
    private final Configurer configurer;
    private final Function<ShadowConfig, PolicyTrainer> trainers;

    public NightlyJob(CandleLoader loader, String version, Clock clock, Configurer configurer,
                      Function<ShadowConfig, PolicyTrainer> trainers) {
        this.loader = Objects.requireNonNull(loader, "loader is null");
        this.version = Objects.requireNonNull(version, "version is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.configurer = Objects.requireNonNull(configurer, "configurer is null");
        this.trainers = Objects.requireNonNull(trainers, "trainers is null");
    }

    /**
     * @param liveTrades the live system's trades to import, or null
     */
    public NightlySummary run(Path liveTrades, Consumer<String> progress) {
        ShadowConfig base = configurer.configure(Map.of(), Map.of());
        Path models = Path.of(base.output().modelsDir());
        try (NightlyLock lock = NightlyLock.acquire(models.resolve(NightlyLock.FILE), clock.instant())) {
            return locked(base, models, liveTrades, progress);
        }
    }

    private NightlySummary locked(ShadowConfig base, Path models, Path liveFile, Consumer<String> progress) {
        Instant startedAt = clock.instant();
        NightlyConfig n = base.nightly();
        if (!base.training().rlAgent().enabled()) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "nightly trains and promotes the PPO agent but "
                    + "training.rl_agent.enabled is false; set it to true");
        }
        // A bad live-trades file stops the night before anything is done.
        List<LiveTrades.Row> liveRows = liveFile == null ? List.of() : LiveTrades.read(liveFile);

        Map<String, String> data = new LinkedHashMap<>();
        data.put("data.days", Integer.toString(n.trainDays() + n.holdoutDays()));
        String candles = updateCandles(base, n.trainDays() + n.holdoutDays(), data, progress);
        ShadowConfig config = configurer.configure(Map.of(), data);

        MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
        LoadedSeries full = loader.load(config.data(), config.seed(), preparation.leadInBars());
        CandleSeries series = full.series();
        int holdoutStart = series.startOfLastDays(n.holdoutDays());
        MarketData market = preparation.apply(series);

        int imported = 0;
        if (!liveRows.isEmpty()) {
            imported = importLive(config, liveFile, liveRows, market, progress);
        }

        progress.accept(String.format(Locale.ROOT, "retraining on %d days before the held-out %d days",
                n.trainDays(), n.holdoutDays()));
        TrainSummary trained = new TrainPipeline(loader, version, clock, trainers.apply(config), n.holdoutDays(),
                RunInterrupt.NEVER, null)
                .run(config, progress);
        if (trained.modelFolder() == null) {
            throw new ShadowTrainerException(ExitCodes.INTERNAL_ERROR, "the retrain saved no model; nothing to "
                    + "promote (run folder " + trained.runFolder() + ")");
        }
        ModelStore store = new ModelStore(models, clock);
        Path challengerDir = Path.of(trained.modelFolder());
        LoadedModel challenger = store.load(challengerDir);
        String challengerName = challenger.metadata().name();

        progress.accept("testing the challenger " + challengerName + " on the held-out window");
        Tested chal = test(challenger, data, series, holdoutStart, config.seed(), progress);
        ChampionPointer pointer = new ChampionPointer(models);
        Optional<String> championName = pointer.champion();
        Tested champ = null;
        String championProblem = null;
        if (championName.isPresent()) {
            progress.accept("testing the champion " + championName.get() + " on the same window");
            try {
                champ = test(store.load(models.resolve(championName.get())), data, series, holdoutStart,
                        config.seed(), progress);
            } catch (ShadowTrainerException e) {
                championProblem = e.getMessage();
            }
        }
        Boolean clean = null;
        String lookaheadNote;
        try {
            LookaheadReport report = lookahead(challenger, chal.config(), series, holdoutStart, n.lookaheadSamples(),
                    progress);
            clean = report.clean();
            lookaheadNote = report.clean() ? report.cutPoints().size() + " decision points clean"
                    : report.totalDifferences() + " differences at " + report.leakyCutPoints().size()
                    + " decision points";
        } catch (ShadowTrainerException e) {
            lookaheadNote = e.getMessage();
        }
        PromotionDecision decision = PromotionDecision.decide(clock.instant(), n, challengerName, chal.evaluated(),
                championName.orElse(null), champ == null ? null : champ.evaluated(), championProblem, clean,
                lookaheadNote);
        String challengerFolder;
        if (decision.promoted()) {
            pointer.switchTo(challengerName);
            challengerFolder = challengerDir.toString();
        } else {
            challengerFolder = reject(models, challengerDir, challengerName, decision).toString();
        }
        PromotionLog.append(models.resolve(PromotionLog.FILE), decision);
        indexBacklog(config, progress);
        return new NightlySummary(version, startedAt, series.id().symbol().toString(), series.id().timeframe().label(),
                candles, liveFile == null ? null : liveFile.toString(), liveRows.size(), imported, trained.runId(),
                trained.runFolder(), Instant.ofEpochMilli(series.openTime(holdoutStart)), series.lastOpen(),
                series.size() - holdoutStart, chal.outcome().policy().metrics(),
                champ == null ? null : champ.outcome().policy().metrics(), challengerFolder,
                pointer.champion().orElse(null), models.resolve(PromotionLog.FILE).toString(), lookaheadNote,
                decision);
    }

    /**
     * Last: the trades this night stored, which writes leave out of the HNSW indexes (migration V4), into
     * them, as {@code db index} does. A failure here is a warning: the trades are stored, and look-ups
     * search the ones not yet indexed exactly, so the next night or {@code db index} takes them in.
     */
    static void indexBacklog(ShadowConfig config, Consumer<String> progress) {
        try {
            TradeMemory memory = new TradeMemory(MemoryDatabase.open(MemoryUrl.parse(config.database().url())));
            long backlog = memory.backlog();
            if (backlog > 0) {
                progress.accept(String.format(Locale.ROOT, "indexing %,d trades of the trade memory (HNSW)", backlog));
                long t0 = System.nanoTime();
                long done = memory.indexBacklog(TradeMemory.INDEX_BATCH, n -> { });
                progress.accept(String.format(Locale.ROOT, "indexed %,d trades in %.1f s", done,
                        (System.nanoTime() - t0) / 1e9));
            }
        } catch (RuntimeException e) {
            progress.accept("warning: could not index the trade memory's new trades (" + e.getMessage()
                    + "); they stay searchable, run db index later");
        }
    }

    /** (a): new candles into the cache for the auto and xchange sources; offline, a warning and the cache. */
    String updateCandles(ShadowConfig config, int days, Map<String, String> data, Consumer<String> progress) {
        String source = config.data().source().toLowerCase(Locale.ROOT);
        if (!source.equals("auto") && !source.equals("xchange")) {
            return "source " + config.data().source() + " is not downloaded; used as it is";
        }
        SeriesId id = CandleLoader.seriesId(config.data());
        CandleCache cache = new CandleCache(Path.of(config.data().cacheDir()));
        int leadInDays = (int) Math.ceil(new MarketPreparation(config.features().normalizationWindow()).leadInBars()
                / id.timeframe().barsPerDay());
        try {
            DownloadResult result = new CandleDownloader(loader.exchange(id.exchange()), cache, clock)
                    .download(id, days + leadInDays);
            data.put("data.source", "cache");
            return "updated the cache: " + result.added() + " new candles of " + id;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            progress.accept("warning: could not update the candles (" + why + "); going on with the cache");
            data.put("data.source", "cache");
            return "offline: going on with the cached candles (" + why + ")";
        }
    }

    /** (b): the live trades as kind live in the trade memory (idempotent), then a pattern refit if any was new. */
    private int importLive(ShadowConfig config, Path file, List<LiveTrades.Row> rows, MarketData market,
                           Consumer<String> progress) {
        CandleSeries s = market.candles();
        String runId = "live-" + s.id().exchange() + "-" + s.id().symbol().compact().toLowerCase(Locale.ROOT) + "-"
                + s.id().timeframe().label();
        List<StoredTrade> records = LiveTrades.records(file, rows, market, runId);
        MemoryDatabase database = MemoryDatabase.open(MemoryUrl.parse(config.database().url()));
        TradeMemory memory = new TradeMemory(database);
        Instant now = clock.instant();
        int added;
        try {
            memory.saveRun(new RunRecord(runId, now, s.id().exchange(), s.id().symbol().toString(),
                    s.id().timeframe().label(), "live", config.seed(), "live", "{}"));
            added = memory.save(records);
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "could not store the live trades of " + file
                    + " in the trade memory " + memory.database() + " (" + e.getClass().getSimpleName()
                    + "); check that the database is up", e);
        }
        progress.accept("imported " + added + " new live trades of " + rows.size() + " in " + file);
        if (added > 0) {
            new RunPatterns(database, config).refit(now, java.util.List.of(), true, progress);
        }
        return added;
    }

    /** A model's held-out result, with the config it ran under. */
    private record Tested(ShadowConfig config, Backtest.Outcome outcome, PromotionDecision.Evaluated evaluated) {
    }

    private Tested test(LoadedModel model, Map<String, String> data, CandleSeries series, int from, long seed,
                        Consumer<String> progress) {
        ShadowConfig config = configurer.configure(BacktestJob.modelSettings(model.metadata()), data);
        MarketData market = new MarketPreparation(config.features().normalizationWindow()).apply(series);
        BacktestJob.requireCompatible(model, config, market);
        Backtest.Outcome outcome = new Backtest(config, market).run(Backtest.policy(model, model.metadata().name()),
                from, series.size(), seed, progress);
        var m = outcome.policy().metrics();
        double score = config.nightly().metric().equals("total_return") ? m.totalReturn() : m.sharpe();
        boolean finite = true;
        for (double e : outcome.policy().curve().equity()) {
            finite &= Double.isFinite(e);
        }
        return new Tested(config, outcome, new PromotionDecision.Evaluated(score, m.trades(), outcome.policyReturns(),
                finite));
    }

    /** The challenger through {@link LookaheadCheck} on the held-out window (with its warm-up history). */
    private static LookaheadReport lookahead(LoadedModel model, ShadowConfig config, CandleSeries series, int from,
                                             int samples, Consumer<String> progress) {
        progress.accept("checking the challenger for lookahead at " + samples + " decision points");
        return TrainedPolicyCheck.window(series, from, series.size(),
                new MarketPreparation(config.features().normalizationWindow()), model.metadata().name(),
                ActorCritic.of(model.graph(PpoPolicyTrainer.NETWORK)),
                ExecutionConfig.from(config.training().shadowTrading(), series.id().timeframe()),
                config.training().rlAgent().stateDim(), config.memory().indexSize(), config.memory().neighbours(),
                samples, config.evaluation().initialEquity(), config.seed());
    }

    /** Moves a rejected challenger to models/challengers/&lt;name&gt;/ and writes &lt;name&gt;.reason.json beside it. */
    private static Path reject(Path models, Path dir, String name, PromotionDecision decision) {
        Path challengers = models.resolve(CHALLENGERS);
        Path target = challengers.resolve(name);
        try {
            Files.createDirectories(challengers);
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot move the rejected challenger " + dir + " to "
                    + target + ": " + e + "; check the models folder");
        }
        AtomicFile.write(challengers.resolve(name + ".reason.json"), out -> JSON.writeValue(out, decision));
        return target;
    }
}
