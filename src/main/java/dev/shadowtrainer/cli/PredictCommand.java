package dev.shadowtrainer.cli;

import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.pipeline.CandleLoader;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.pipeline.Prediction;
import dev.shadowtrainer.pipeline.Predictor;
import dev.shadowtrainer.pipeline.TrainedModel;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code predict}: a saved model's greedy action at the latest closed candle. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Loads the candles up to the latest closed one (the same sources as train), builds the "
                + "observation a saved model was trained on for that candle (its features normalised past-only, "
                + "flat position, the trade memory's earlier trades) and prints the model's greedy action, its "
                + "probability and every action's probability. --timeframe defaults to the model's and must match "
                + "it; --symbol defaults to the model's; --days (history after the warm-up) defaults to 1.",
                "Example: predict --model models/20250101T120000Z-btcusdt-15m --symbol BTC/USDT --source synthetic"})
final class PredictCommand extends MarketCommand {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model folder, e.g. models/<name>")
    Path model;

    @Option(names = "--no-memory", description = "fill the memory block as an empty trade memory would, without "
            + "opening the database")
    boolean noMemory;

    @Mixin
    DatabaseOption database = new DatabaseOption();

    private LoadedModel loaded;

    @Override
    void addOwnOverrides(Map<String, String> overrides) {
        database.addTo(overrides);
        if (market.timeframe == null) {
            overrides.put("data.timeframe", TrainedModel.timeframe(loaded).label());
        }
        if (market.symbol == null && loaded.metadata().candles() != null) {
            overrides.put("data.symbol", loaded.metadata().candles().symbol());
        }
        if (market.days == null) {
            overrides.put("data.days", "1");
        }
    }

    @Override
    public Integer call() {
        loaded = new ModelStore().load(model);
        Prediction prediction = new Predictor(new CandleLoader(context().clock(), context().exchangeBaseUrl()))
                .predict(loaded, PpoPolicyTrainer.NETWORK, config(), !noMemory);
        printSummary(prediction, prediction.lines());
        return 0;
    }
}
