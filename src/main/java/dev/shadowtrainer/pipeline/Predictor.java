package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.agent.env.TradingVectorEnv;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.QualityReport;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.memory.TradeMemory;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A saved PPO model's decision at the close of the latest closed candle, with the observation built as
 * training built it: the model's features normalised past-only over its normalisation window (the candles
 * are loaded with the warm-up and window as history before them), a flat position block (no position, no
 * order), and the memory block from the trade memory's trades that exited before the candle closed, looked
 * up with the model's memory.index_size and memory.neighbours (or, without a trade memory, what an empty
 * look-up gives). The decision is the greedy one of {@code NetworkPolicy}: the allowed action with the
 * largest logit. Deterministic: the same candles, trade memory and model give the same output.
 */
public final class Predictor {
    private final CandleLoader loader;

    public Predictor(CandleLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader is null");
    }

    /**
     * @param config    the command's config: data.* say which candles, database.url which trade memory
     * @param useMemory false to fill the memory block as an empty look-up does, without opening a database
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} when data.timeframe is not the model's,
     *                                {@link ExitCodes#BAD_DATA} when the model is not a PPO model this build
     *                                can feed (features, state_dim) or the latest candle is not tradeable
     */
    public Prediction predict(LoadedModel model, String graphName, ShadowConfig config, boolean useMemory) {
        TrainedModel trainedModel = TrainedModel.of(model, graphName, "predict");
        Timeframe trained = trainedModel.timeframe();
        if (!config.data().timeframe().equals(trained)) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "predict: model " + model.dir() + " was trained on "
                    + trained.label() + " candles but --timeframe is " + config.data().timeframe().label()
                    + "; drop --timeframe or pass " + trained.label());
        }
        int stateDim = trainedModel.stateDim();
        int indexSize = trainedModel.indexSize();
        int neighbours = trainedModel.neighbours();
        ActorCritic network = trainedModel.network();
        MarketPreparation preparation = trainedModel.preparation();

        LoadedSeries loaded = loader.load(config.data(), config.seed(), preparation.leadInBars());
        requireTimeframeOfData(loaded, trained);
        CandleSeries series = loaded.series();
        int t = series.size() - 1;
        MarketData market = preparation.apply(series);
        NearestTrades.Past past = NearestTrades.Past.NONE;
        if (useMemory) {
            TradeMemory memory = new TradeMemory(MemoryDatabase.open(MemoryUrl.parse(config.database().url())));
            past = RunMemory.past(memory, Instant.ofEpochMilli(series.closeTime(t)), indexSize, List.of());
        }
        NearestTrades lookup = new NearestTrades(market, indexSize, neighbours, past);
        Observation observation;
        try {
            observation = Observation.flatAt(market, lookup, stateDim, t);
        } catch (IllegalArgumentException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + ": " + e.getMessage(), e);
        }
        if (!observation.market().tradeable()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "predict: the latest closed candle "
                    + series.id().symbol() + " " + trained.label() + " " + series.lastOpen() + " from " + loaded.source()
                    + (series.isFiller(t) ? " is a gap filler" : " has features that are not warmed up (only "
                    + series.size() + " candles, " + preparation.leadInBars() + " needed before it)")
                    + ", and the model decides only on tradeable candles; load more history or wait for the next candle");
        }

        float[] vector = observation.vectorCopy();
        int n = Action.count();
        float[] logits = new float[n];
        float[] value = new float[1];
        network.forward(vector, 1, logits, value);
        boolean[] allowed = new boolean[n];
        TradingVectorEnv.allowedActions(observation, allowed, 0);
        int best = ActorCritic.argmaxAction(logits, 0, n, allowed);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        double entries = 0;
        for (Action a : Action.values()) {
            double p = ActorCritic.probability(logits, 0, n, allowed, a.ordinal());
            probabilities.put(a.name(), p);
            entries += a.isEntry() ? p : 0;
        }
        Action action = Action.ofOrdinal(best);
        double probability = probabilities.get(action.name());
        List<Float> logitList = new ArrayList<>(n);
        for (float l : logits) {
            logitList.add(l);
        }
        List<Float> vectorList = new ArrayList<>(vector.length);
        for (float v : vector) {
            vectorList.add(v);
        }
        return new Prediction(model.dir().toString(), loaded.source(), series.id().exchange(),
                series.id().symbol().toString(), trained.label(), Instant.ofEpochMilli(series.openTime(t)),
                Instant.ofEpochMilli(series.closeTime(t)), series.close(t), action.name(), probability,
                action.isEntry() ? entries : probability, probabilities, List.copyOf(logitList), value[0],
                past.size(), List.copyOf(vectorList));
    }

    /**
     * Candles of another timeframe pass data quality as a different market: finer ones leave most rows off
     * the model's grid (floored or quarantined), coarser ones leave most bars as fillers. Either is refused.
     */
    private static void requireTimeframeOfData(LoadedSeries loaded, Timeframe trained) {
        QualityReport q = loaded.quality();
        long offGrid = q.offGridFloored() + q.quarantined().stream().filter(r -> r.reason().contains("off-grid"))
                .count();
        String kind = 2 * offGrid > q.rawRows() ? "finer" : 2 * q.fillerBars() > q.bars() ? "coarser" : null;
        if (kind != null) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, String.format(Locale.ROOT, "predict: the candles "
                    + "from %s look %s than the model's %s (%d of %d rows off the %s grid, %d of %d bars filled in); "
                    + "give a source of %s candles", loaded.source(), kind, trained.label(), offGrid, q.rawRows(),
                    trained.label(), q.fillerBars(), q.bars(), trained.label()));
        }
    }
}
