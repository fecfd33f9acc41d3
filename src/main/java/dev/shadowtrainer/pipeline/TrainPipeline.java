package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.agent.env.NetworkSignalModel;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.features.RegimeCounts;
import dev.shadowtrainer.features.TrendRegime;
import dev.shadowtrainer.features.TrendRegimeDetector;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.patterns.PatternBlacklist;
import dev.shadowtrainer.patterns.PatternLibrary;
import dev.shadowtrainer.memory.TradeMemory;
import dev.shadowtrainer.model.CandlesInfo;
import dev.shadowtrainer.model.ModelArtifacts;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.report.EquityCsv;
import dev.shadowtrainer.report.MetricsCsv;
import dev.shadowtrainer.sim.PerformanceMetrics;
import org.deeplearning4j.nn.graph.ComputationGraph;
import dev.shadowtrainer.report.FoldsCsv;
import dev.shadowtrainer.report.RunFolder;
import dev.shadowtrainer.report.RunReport;
import dev.shadowtrainer.report.SummaryJson;
import dev.shadowtrainer.report.TradesCsv;
import dev.shadowtrainer.rl.MetaStrategyPolicy;
import dev.shadowtrainer.rl.PositionSizingAgentV1;
import dev.shadowtrainer.rl.QTableFile;
import dev.shadowtrainer.rl.LearningSizer;
import dev.shadowtrainer.rl.SizingActions;
import dev.shadowtrainer.rl.SizingAgentSizer;
import dev.shadowtrainer.rl.SizingAgentV2Sizer;
import dev.shadowtrainer.rl.TabularAgent;
import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EquityCurve;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.ExitVerdict;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.FoldResult;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.PerformanceCalculator;
import dev.shadowtrainer.sim.PostExitTracker;
import dev.shadowtrainer.sim.ShadowTrades;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.Trade;
import dev.shadowtrainer.sim.WalkForwardConfig;
import dev.shadowtrainer.sim.WalkForwardPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code train} job: load and validate candles, featurise with past-only statistics, then evaluate
 * walk-forward: per fold the policy trainer sees the training window only, and the policy and the
 * baselines are simulated on the test window that follows (after the purge and embargo gap). Writes
 * runs/&lt;run-id&gt;/ with summary.json, trades.csv, shadow_trades.csv, equity.csv, folds.csv and report.html.
 *
 * <p>Checkpoints ({@link RunCheckpoint}, runs/&lt;run-id&gt;/checkpoint.bin) are saved every
 * training.checkpoint_every PPO updates and when the {@link RunInterrupt} asks the run to stop (which then
 * ends with {@link RunInterruptedException}); {@link #resume} continues such a run in its folder to the
 * result an uninterrupted run gives, and refuses one whose config, seed, data or version differ. A run
 * that finishes deletes its checkpoint.
 *
 * <p>History before the requested window (when the source has it) is loaded as a lead-in so the
 * indicators and the normalisation are warmed up when the window opens; it lies wholly in the past.
 */
public final class TrainPipeline {
    public static final String SHADOW_TRADES_CSV = "shadow_trades.csv";
    public static final String METRICS_CSV = "metrics.csv";
    /** The sizing agent's (v1 or v2) Q-table, in the run folder and (with a saved model) the model folder. */
    public static final String SIZING_Q_TABLE = "position_sizing_q_table.json";

    private final CandleLoader loader;
    private final String version;
    private final Clock clock;
    private final PolicyTrainer trainer;
    private final int holdoutDays;
    private final RunInterrupt interrupt;
    /** The trade memory shared with sibling runs of train-universe; null for a run on its own. */
    private final SharedMemory shared;

    public TrainPipeline(CandleLoader loader, String version, Clock clock, PolicyTrainer trainer) {
        this(loader, version, clock, trainer, 0, RunInterrupt.NEVER, null);
    }

    /** @param interrupt asks the run to save a checkpoint and stop (Ctrl-C) */
    public TrainPipeline(CandleLoader loader, String version, Clock clock, PolicyTrainer trainer,
                         RunInterrupt interrupt) {
        this(loader, version, clock, trainer, 0, interrupt, null);
    }

    /**
     * A run on a trade memory shared with sibling runs ({@code train-universe}): it hides their trades from
     * its reads, serialises its writes with theirs and leaves the shared pattern library to the universe's
     * final refit (see {@link SharedMemory}); {@code shared} null is a run on its own, as {@code train}.
     */
    public TrainPipeline(CandleLoader loader, String version, Clock clock, PolicyTrainer trainer,
                         SharedMemory shared) {
        this(loader, version, clock, trainer, 0, RunInterrupt.NEVER, shared);
    }

    /**
     * @param holdoutDays the newest days of the loaded data.days left out of the run entirely (nightly tests the
     *                    models on them afterwards); 0 for none
     * @param interrupt   asks the run to save a checkpoint and stop (Ctrl-C)
     * @param shared      the trade memory shared with sibling runs, or null
     */
    public TrainPipeline(CandleLoader loader, String version, Clock clock, PolicyTrainer trainer, int holdoutDays,
                         RunInterrupt interrupt, SharedMemory shared) {
        if (holdoutDays < 0) {
            throw new IllegalArgumentException("holdoutDays must not be negative, got " + holdoutDays);
        }
        this.holdoutDays = holdoutDays;
        this.loader = Objects.requireNonNull(loader, "loader is null");
        this.version = Objects.requireNonNull(version, "version is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.trainer = Objects.requireNonNull(trainer, "trainer is null");
        this.interrupt = Objects.requireNonNull(interrupt, "interrupt is null");
        this.shared = shared;
    }

    public TrainSummary run(ShadowConfig config, Consumer<String> progress) {
        return run(config, null, progress);
    }

    /**
     * Continues the interrupted run {@code runId} from its checkpoint, in its folder, with the same config,
     * seed and data (checked against the checkpoint's fingerprint).
     */
    public TrainSummary resume(ShadowConfig config, String runId, Consumer<String> progress) {
        return run(config, Objects.requireNonNull(runId, "runId is null"), progress);
    }

    private TrainSummary run(ShadowConfig config, String resumeId, Consumer<String> progress) {
        Instant startedAt = clock.instant();
        RunFolder resumed = resumeId == null ? null : RunFolder.open(Path.of(config.output().runsDir()), resumeId);
        RunCheckpoint checkpoint = resumed == null ? null
                : RunCheckpoint.read(resumed.file(RunCheckpoint.FILE), resumeId);
        Map<String, Long> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        MarketPreparation preparation = new MarketPreparation(config.features().normalizationWindow());
        preparation.requireStateDim(config.training().rlAgent().stateDim(), NearestTrades.WIDTH);
        // The trade memory first: an unreachable database stops the run before any work (exit 4).
        MemoryDatabase memoryDatabase = shared != null ? shared.database()
                : MemoryDatabase.open(MemoryUrl.parse(config.database().url()));
        TradeMemory tradeMemory = new TradeMemory(memoryDatabase);
        LoadedSeries loaded = holdOut(loader.load(config.data(), config.seed(), preparation.leadInBars()));
        CandleSeries series = loaded.series();
        int from = loaded.windowStart();
        long t1 = System.nanoTime();
        timings.put("load", (t1 - t0) / 1_000_000);

        progress.accept("featurising " + series.size() + " bars");
        MarketData market = preparation.apply(series);
        CandleSeries lower = loader.loadLower(config.data(), series);
        if (lower != null) {
            market = market.withLowerTimeframe(lower);
        }
        int usable = 0;
        for (int i = from; i < series.size(); i++) {
            usable += market.features().isUsable(i) ? 1 : 0;
        }
        if (usable < config.data().minBars()) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s %s %s: only %d usable bars in the %d-day window (%d bars, %d filler, %d bars of history "
                            + "before it, %d-bar warm-up) but data.min_bars is %d; raise --days or lower data.min_bars",
                    loaded.source(), series.id().symbol(), series.id().timeframe(), usable, loaded.requestedDays(),
                    loaded.windowBars(), series.fillerCount(from, series.size()), from, market.features().warmup(),
                    config.data().minBars()));
        }
        byte[] atrAdx = Arrays.copyOfRange(market.regimes(), from, series.size());
        byte[] trendAll = new TrendRegimeDetector().detect(series);
        byte[] trend = Arrays.copyOfRange(trendAll, from, series.size());
        long t2 = System.nanoTime();
        timings.put("features", (t2 - t1) / 1_000_000);

        ExecutionConfig execution = ExecutionConfig.from(config.training().shadowTrading(), series.id().timeframe());
        ShadowConfig.EvaluationConfig e = config.evaluation();
        List<Fold> folds = WalkForwardPlan.folds(from, series.size(), series.id().timeframe(),
                new WalkForwardConfig(e.trainDays(), e.testDays(), e.stepDays(), e.purgeBars(), e.embargoBars()));
        int stateDim = config.training().rlAgent().stateDim();
        // The in-process look-up index starts from the stored trades that exited before the window opened.
        NearestTrades.Past past = read(null, hidden -> RunMemory.past(tradeMemory,
                Instant.ofEpochMilli(series.openTime(from)), config.memory().indexSize(), hidden));
        progress.accept("the trade memory look-up index starts from " + past.size() + " earlier trades");
        Map<String, String> fingerprint = fingerprint(config, series, past.size());
        if (checkpoint != null) {
            String difference = checkpoint.difference(fingerprint);
            if (difference != null) {
                int code = difference.startsWith(RunCheckpoint.CANDLES) ? ExitCodes.BAD_DATA : ExitCodes.USAGE;
                throw new ShadowTrainerException(code, "cannot resume run " + resumeId + ": " + difference
                        + "; resume it with the config, seed and data it started with, or start a new run");
            }
        }
        NearestTrades lookup = new NearestTrades(market, config.memory().indexSize(), config.memory().neighbours(),
                past);
        RunPatterns patterns = new RunPatterns(memoryDatabase, config);
        PatternLibrary patternsBefore = read(null, hidden -> patterns.before(Instant.ofEpochMilli(series.openTime(from)),
                hidden));
        // The policy's entries meet the blacklist of patterns fitted on trades stored before the window.
        PatternBlacklist blacklist = new PatternBlacklist(patternsBefore, config.memory().vectorSimilarityThreshold());
        Simulator simulator = new Simulator(market, execution, stateDim, new EventBus(), lookup, blacklist,
                config.training().shadowTrading().enabled());
        // The policy's entries in the test windows are sized by the sizing agent of rl.sizing_agent (v1, or v2 in
        // the rl.preset grid; one per run, learning across the folds in time order) or, with rl.enabled false, by
        // ATR; training and baselines keep the configured sizes.
        // The run folder before the walk-forward, so the tabular agents save their Q-tables to it every
        // rl.save_every updates while they learn (and a run cut short keeps what they had learned).
        RunFolder run = resumed != null ? resumed : RunFolder.create(Path.of(config.output().runsDir()), startedAt,
                series.id().symbol(), series.id().timeframe());
        if (resumed != null) {
            // The agents would start from these tables; the resumed walk-forward learns them again from scratch.
            deleteIfExists(run.file(SIZING_Q_TABLE));
            deleteIfExists(run.file(TabularAgent.META_STRATEGY_FILE));
            progress.accept(String.format(Locale.ROOT, "resuming run %s at fold %d%s", run.runId(),
                    checkpoint.fold() + 1, checkpoint.inProgress() == null ? ""
                            : " after update " + checkpoint.inProgress().update()));
        }
        AtrPositionSizer atrSizer = new AtrPositionSizer(config.rl().atrTargetPercent());
        EventBus testBus = new EventBus();
        LearningSizer agentSizer = config.rl().enabled()
                ? sizingAgent(config, atrSizer, testBus, run.file(SIZING_Q_TABLE)) : null;
        Simulator testSimulator = new Simulator(market, execution, stateDim, testBus, lookup, blacklist,
                config.training().shadowTrading().enabled(), agentSizer != null ? agentSizer : atrSizer);
        Simulator baselines = new Simulator(market, execution, stateDim, new EventBus(), lookup.fresh(),
                EntryFilter.NONE, false);
        PerformanceCalculator calculator = new PerformanceCalculator(series.id().timeframe(),
                config.evaluation().trials());
        WalkForwardEvaluation evaluator = new WalkForwardEvaluation(simulator, testSimulator, baselines,
                execution, calculator, config.evaluation().initialEquity(), config.seed());
        // The v2 meta-strategy agent trades the test windows through the four rule signal models and, when the
        // policy is the PPO network, that fold's network (given each fold's before its test window; its simulator
        // has the same state_dim and memory look-up kind, so the same observation layout), on its own simulator
        // and bus, one agent per run learning across the folds in time order (rl.enabled false: not run).
        MetaStrategyPolicy meta = null;
        if (config.rl().enabled()) {
            TabularAgent.Settings v2 = TabularAgent.Settings.preset(config.rl().preset(), config.seed());
            EventBus metaBus = new EventBus();
            NetworkSignalModel ppo = trainer instanceof PpoPolicyTrainer ? new NetworkSignalModel() : null;
            meta = MetaStrategyPolicy.create(config.rl().preset(), new TabularAgent.Settings(v2.alpha(), v2.gamma(),
                    v2.epsilon(), v2.epsilonDecay(), v2.epsilonFloor(), config.rl().saveEvery(), v2.seed()),
                    run.file(TabularAgent.META_STRATEGY_FILE), trendAll, config.evaluation().initialEquity(), ppo == null ? List.of() : List.of(ppo))
                    .subscribeTo(metaBus);
            // The sizing agent sizes meta-rl's entries too and learns from them on meta-rl's bus: the meta agent
            // picks what to trade, the sizing agent how much (the runs take turns, so one agent serves both).
            evaluator.withOnlinePolicy(new Simulator(market, execution, stateDim, metaBus, lookup.fresh(),
                    EntryFilter.NONE, false, agentSizer.subscribeTo(metaBus)), meta,
                    ppo == null ? trained -> { } : ppo::use);
        }
        Checkpoints checkpoints = new Checkpoints(run.file(RunCheckpoint.FILE), run.runId(), fingerprint,
                config.training().checkpointEvery(), interrupt, checkpoint);
        trainer.checkpointing(checkpoints);
        WalkForwardEvaluation.Outcome outcome = evaluator.run(folds, stoppingBeforeFolds(trainer, checkpoints),
                progress);
        checkpoints.afterWalkForward(folds.size());
        if (meta != null) {
            meta.releaseBars(); // the last test window's signal bars: not needed by the end of the run
        }
        long t3 = System.nanoTime();
        timings.put("walk-forward", (t3 - t2) / 1_000_000);

        EvaluationSummary evaluation = summarise(config, outcome);
        TrainSummary summary = new TrainSummary(version, run.runId(), run.path().toString(), config.seed(),
                loaded.source(), series.id().exchange(), series.id().symbol().toString(), series.id().timeframe().label(),
                loaded.requestedDays(), Instant.ofEpochMilli(series.openTime(from)), series.lastOpen(),
                loaded.windowBars(), series.fillerCount(from, series.size()), from, QualitySummary.of(loaded.quality()),
                new TrainSummary.FeatureSummary(market.features().featureCount(), market.features().names(),
                        market.features().warmup(), usable, config.features().normalizationWindow()),
                names(RegimeCounts.of(AtrAdxRegime.class, atrAdx)), names(RegimeCounts.of(TrendRegime.class, trend)),
                trainer.name(), evaluation, timings, config.effectiveValues(), null, null,
                sizing(run, agentSizer, atrSizer), meta(run, meta), null);
        writeOutputs(run, summary, outcome, series);
        MarketData traded = market;
        RunMemory.Stored offered = write(run.runId(), () -> RunMemory.store(tradeMemory, config, run, startedAt,
                loaded, traded, trainer.name(), outcome, past.size(), progress));
        TrainSummary.MemorySummary stored = offered.summary();
        if (stored.spilled() == 0) {
            progress.accept("refitting the pattern library and analysing the run's trades");
            // On its own the run saves the refitted library for the next run; in a universe the library is
            // refitted once on every symbol's trades at the end (SharedMemory), this one serves the analysis.
            RunPatterns.Fitted after = read(run.runId(), hidden -> patterns.refit(
                    Instant.ofEpochMilli(series.openTime(series.size() - 1)), hidden, shared == null, progress));
            stored = stored.withPatterns(RunPatterns.summary(patternsBefore, after)).withAnalysis(
                    RunAnalyses.analyse(memoryDatabase, run.runId(), offered, after == null ? null : after.library(),
                            config.memory().minPatternOccurrences(), run.path(), progress,
                            store -> write(run.runId(), store)));
        }
        summary = summary.withMemory(stored);
        new SummaryJson().write(run.summaryJson(), summary);
        MetricsCsv.write(run.file(METRICS_CSV), trainer.metrics());
        Map<String, ComputationGraph> model = trainer.model();
        if (model.containsKey(PpoPolicyTrainer.NETWORK) && !outcome.folds().isEmpty()) {
            progress.accept("lookahead-check of the trained policy");
            summary = summary.withLookahead(TrainedPolicyCheck.run(series, outcome.folds().get(outcome.folds().size() - 1),
                    preparation, dev.shadowtrainer.agent.ppo.ActorCritic.of(model.get(PpoPolicyTrainer.NETWORK)),
                    execution, stateDim, config.memory().indexSize(), config.memory().neighbours(),
                    LookaheadCheck.DEFAULT_SAMPLES, config.evaluation().initialEquity(), config.seed()));
            new SummaryJson().write(run.summaryJson(), summary);
        }
        if (!model.isEmpty()) {
            progress.accept("saving the trained model");
            Path folder = saveModel(config, run.runId(), model, preparation, loaded, outcome.policy(), lookup,
                    agentSizer == null ? null : run.file(SIZING_Q_TABLE),
                    meta == null ? null : run.file(TabularAgent.META_STRATEGY_FILE));
            summary = summary.withModelFolder(folder.toString());
            if (summary.memory().spilled() == 0) { // else the run is not in the memory for the row to refer to
                write(run.runId(), () -> {
                    RunMemory.registerModel(tradeMemory, run.runId(), folder, clock.instant(), progress);
                    return null;
                });
            }
            new SummaryJson().write(run.summaryJson(), summary);
        }
        RunReport.write(run.path()); // report.html from the run folder's final files
        timings.put("outputs", (System.nanoTime() - t3) / 1_000_000);
        deleteIfExists(run.file(RunCheckpoint.FILE)); // finished: nothing left to resume
        return summary;
    }

    /** The loaded candles without the newest holdoutDays days, which this run then never sees. */
    private LoadedSeries holdOut(LoadedSeries loaded) {
        if (holdoutDays == 0) {
            return loaded;
        }
        CandleSeries s = loaded.series();
        int cut = s.startOfLastDays(holdoutDays);
        if (cut <= loaded.windowStart()) {
            throw new DataException(String.format(Locale.ROOT, "%s %s: holding out the last %d days leaves nothing of "
                    + "the %d-day window to train on; raise data.days or lower the held-out days", s.id().symbol(),
                    s.id().timeframe(), holdoutDays, loaded.requestedDays()));
        }
        return new LoadedSeries(loaded.source(), s.slice(0, cut), loaded.windowStart(), loaded.quality(),
                Math.max(1, loaded.requestedDays() - holdoutDays));
    }

    /**
     * What a checkpoint must match to be resumed: every config value (but training.checkpoint_every, which
     * changes no result), the candles, the stored trades the look-up index starts from, and the version.
     */
    private Map<String, String> fingerprint(ShadowConfig config, CandleSeries series, int pastTrades) {
        Map<String, String> f = new LinkedHashMap<>();
        config.effectiveValues().forEach((k, v) -> f.put(k, String.valueOf(v)));
        f.remove("training.checkpoint_every");
        f.put(RunCheckpoint.CANDLES, dev.shadowtrainer.model.CandleFingerprint.sha256(series));
        f.put(RunCheckpoint.PAST_TRADES, Integer.toString(pastTrades));
        f.put(RunCheckpoint.VERSION, version);
        return f;
    }

    /** {@code trainer}, with the run stopping before a fold when asked to (a checkpoint saved first). */
    private static PolicyTrainer stoppingBeforeFolds(PolicyTrainer trainer, Checkpoints checkpoints) {
        return new PolicyTrainer() {
            @Override
            public String name() {
                return trainer.name();
            }

            @Override
            public void begin(List<Fold> planned) {
                trainer.begin(planned);
            }

            @Override
            public dev.shadowtrainer.sim.Policy train(Simulator simulator, Fold fold, long seed) {
                checkpoints.beforeFold(fold.index());
                return trainer.train(simulator, fold, seed);
            }
        };
    }

    private static void deleteIfExists(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot delete " + file + " (" + e.getMessage()
                    + "); check the run folder's permissions");
        }
    }

    /** A read of the trade memory; through the share (hiding sibling runs but {@code self}) when there is one. */
    private <T> T read(String self, java.util.function.Function<java.util.Collection<String>, T> query) {
        return shared == null ? query.apply(List.of()) : shared.read(self, query);
    }

    /** A write to the trade memory by run {@code runId}; serialised with the siblings' when shared. */
    private <T> T write(String runId, java.util.function.Supplier<T> work) {
        return shared == null ? work.get() : shared.write(runId, work);
    }

    /** models/&lt;run-id&gt;/: the networks, the observation spec and the provenance of this run. */
    private Path saveModel(ShadowConfig config, String runId, Map<String, ComputationGraph> graphs,
                           MarketPreparation preparation, LoadedSeries loaded, PolicyRecord policy,
                           NearestTrades lookup, Path sizingTable, Path metaTable) {
        ModelStore store = new ModelStore(Path.of(config.output().modelsDir()), clock);
        ModelArtifacts.Builder artifacts = ModelArtifacts.builder().config(config)
                .features(ObservationSpec.of(preparation, lookup, config.training().rlAgent().stateDim()))
                .normalisation(preparation.normalisationSpec())
                .candles(CandlesInfo.of(loaded.source(), loaded.series())).seed(config.seed());
        graphs.forEach(artifacts::graph);
        if (sizingTable != null) {
            artifacts.file(SIZING_Q_TABLE, readAll(sizingTable));
        }
        if (metaTable != null) {
            artifacts.file(TabularAgent.META_STRATEGY_FILE, readAll(metaTable));
        }
        PerformanceMetrics m = policy.metrics();
        artifacts.metric("oos_total_return", m.totalReturn()).metric("oos_max_drawdown", m.maxDrawdown())
                .metric("oos_trades", m.trades()).metric("oos_fees", m.feesPaid());
        artifacts.metric("oos_sharpe", m.sharpe());
        m.winRate().ifPresent(v -> artifacts.metric("oos_win_rate", v));
        m.profitFactor().ifPresent(v -> artifacts.metric("oos_profit_factor", v));
        store.save(runId, artifacts.build());
        return store.dir(runId);
    }

    /** The sizing agent rl.sizing_agent names, learning from the events of {@code bus}. */
    private static LearningSizer sizingAgent(ShadowConfig config, AtrPositionSizer atrSizer, EventBus bus,
                                             Path file) {
        return switch (config.rl().sizingAgent()) {
            case "v1" -> {
                PositionSizingAgentV1.Settings d = PositionSizingAgentV1.Settings.defaults(config.seed());
                yield new SizingAgentSizer(new PositionSizingAgentV1(new PositionSizingAgentV1.Settings(d.alpha(),
                        d.epsilon(), config.rl().saveEvery(), d.keptOutcomes(), d.seed()), file), atrSizer)
                        .subscribeTo(bus);
            }
            case "v2" -> {
                TabularAgent.Settings d = TabularAgent.Settings.preset(config.rl().preset(), config.seed());
                yield new SizingAgentV2Sizer(TabularAgent.positionSizingV2(SizingActions.preset(config.rl().preset()),
                        new TabularAgent.Settings(d.alpha(), d.gamma(), d.epsilon(), d.epsilonDecay(),
                                d.epsilonFloor(), config.rl().saveEvery(), d.seed()), file), atrSizer).subscribeTo(bus);
            }
            default -> throw new ShadowTrainerException(ExitCodes.USAGE, "rl.sizing_agent '"
                    + config.rl().sizingAgent() + "' is not a sizing agent; use v1 or v2");
        };
    }

    /** The sizing part of the summary; writes the agent's Q-table to the run folder when there is one. */
    private static TrainSummary.SizingSummary sizing(RunFolder run, LearningSizer agent, AtrPositionSizer atr) {
        if (agent == null) {
            return new TrainSummary.SizingSummary(atr.name(), atr.entriesSized(), 0, 0, null, null, null);
        }
        Path table = run.file(SIZING_Q_TABLE);
        QTableFile.save(table, agent.snapshot());
        return new TrainSummary.SizingSummary(agent.name(), agent.entriesSized(), agent.fallbacks(), agent.learned(),
                agent.qStats(), table.toString(), agent.lastFailure());
    }

    /** The meta agent's part of the summary (null when not run); writes its Q-table to the run folder. */
    private static TrainSummary.MetaSummary meta(RunFolder run, MetaStrategyPolicy meta) {
        if (meta == null) {
            return null;
        }
        Path table = run.file(TabularAgent.META_STRATEGY_FILE);
        QTableFile.save(table, meta.agent().snapshot());
        return new TrainSummary.MetaSummary(meta.name(), meta.agent().space().signalModels(), meta.entries(),
                meta.learned(), meta.abandoned(), meta.meanReward(), meta.agent().stats(), table.toString());
    }

    private static byte[] readAll(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new dev.shadowtrainer.ShadowTrainerException(dev.shadowtrainer.ExitCodes.STORAGE,
                    "cannot read " + file + " to save it with the model (" + e.getMessage()
                            + "); check the run folder is readable");
        }
    }

    private static EvaluationSummary summarise(ShadowConfig config, WalkForwardEvaluation.Outcome outcome) {
        List<EvaluationSummary.PolicyResult> results = new ArrayList<>();
        for (PolicyRecord r : outcome.records()) {
            results.add(new EvaluationSummary.PolicyResult(r.policy(), r.metrics()));
        }
        int shadows = 0;
        int shadowWins = 0;
        Map<String, Integer> policyVerdicts = emptyVerdicts();
        Map<String, Integer> shadowVerdicts = emptyVerdicts();
        Map<String, Integer> execution = new LinkedHashMap<>();
        for (SimulationResult r : outcome.policyRuns()) {
            ShadowTrades s = r.shadowTrades();
            shadows += s.size();
            for (int i = 0; i < s.size(); i++) {
                shadowWins += s.isWin(i) ? 1 : 0;
            }
            count(r.agentPostExit(), policyVerdicts);
            count(r.shadowPostExit(), shadowVerdicts);
            execution.merge("invalid_actions", r.counts().invalidActions(), Integer::sum);
            execution.merge("low_confidence_skips", r.counts().lowConfidenceSkips(), Integer::sum);
            execution.merge("ambiguous_bars", r.counts().ambiguousBars(), Integer::sum);
            execution.merge("resolved_by_lower_timeframe", r.counts().resolvedByLowerTimeframe(), Integer::sum);
            execution.merge("liquidations", r.counts().liquidations(), Integer::sum);
            execution.merge("win_rate_breaker_trips", r.counts().winRateTrips(), Integer::sum);
            execution.merge("daily_loss_breaker_trips", r.counts().dailyLossTrips(), Integer::sum);
            execution.merge("entries_blocked_by_breakers", r.counts().breakerBlockedEntries(), Integer::sum);
            execution.merge("entries_blocked_by_filter", r.counts().filterBlockedEntries(), Integer::sum);
            execution.merge("maker_entries_expired", r.counts().makerExpired(), Integer::sum);
        }
        Map<String, Map<String, Integer>> verdicts = new LinkedHashMap<>();
        verdicts.put("policy", policyVerdicts);
        verdicts.put("shadow", shadowVerdicts);
        ShadowConfig.EvaluationConfig e = config.evaluation();
        return new EvaluationSummary(outcome.folds().size(), e.trainDays(), e.testDays(), e.purgeBars(),
                e.embargoBars(), e.initialEquity(), results, shadows, shadows == 0 ? 0 : (double) shadowWins / shadows,
                verdicts, execution);
    }

    private static Map<String, Integer> emptyVerdicts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (ExitVerdict v : ExitVerdict.values()) {
            m.put(v.name(), 0);
        }
        return m;
    }

    private static void count(PostExitTracker tracker, Map<String, Integer> into) {
        for (int i = 0; i < tracker.size(); i++) {
            into.merge(tracker.verdict(i).name(), 1, Integer::sum);
        }
    }

    private static void writeOutputs(RunFolder run, TrainSummary summary, WalkForwardEvaluation.Outcome outcome,
                                     CandleSeries series) {
        PolicyRecord policy = outcome.policy();
        TradesCsv.write(run.tradesCsv(), policy.trades(), TrainPipeline::regimeName);
        List<Trade> shadows = new ArrayList<>();
        for (SimulationResult r : outcome.policyRuns()) {
            ShadowTrades s = r.shadowTrades();
            for (int i = 0; i < s.size(); i++) {
                shadows.add(s.trade(i, 1.0, series.openTime(s.entryBar(i)), series.openTime(s.exitBar(i))));
            }
        }
        TradesCsv.write(run.file(SHADOW_TRADES_CSV), shadows, TrainPipeline::regimeName);
        Map<String, EquityCurve> baselines = new LinkedHashMap<>();
        List<FoldResult> folds = new ArrayList<>();
        for (PolicyRecord r : outcome.records()) {
            if (r != policy) {
                baselines.put(r.policy(), r.curve());
            }
            folds.addAll(r.folds());
        }
        EquityCsv.write(run.equityCsv(), policy.curve(), baselines);
        FoldsCsv.write(run.foldsCsv(), folds, series);
        new SummaryJson().write(run.summaryJson(), summary);
    }

    private static String regimeName(int ordinal) {
        return AtrAdxRegime.ofOrdinal((byte) ordinal).name();
    }

    private static <E extends Enum<E>> Map<String, Integer> names(Map<E, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }
}
