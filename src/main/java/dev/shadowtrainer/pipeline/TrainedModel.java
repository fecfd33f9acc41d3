package dev.shadowtrainer.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelMetadata;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A saved PPO model made ready to act in this build: its actor-critic network and the settings its
 * observation was built with (timeframe, state_dim, normalisation window, memory look-up size), each read from
 * its metadata.json and checked against the network and against the features this build computes. Anything
 * that would make the observation differ from the one the model was trained on is refused with one line
 * (exit 3), so {@code predict}, {@code lookahead-check --model} and the backtests never feed a model garbage.
 *
 * @param command the command using the model, named in error messages
 */
public record TrainedModel(LoadedModel model, ActorCritic network, Timeframe timeframe, int stateDim,
                           int normalizationWindow, int indexSize, int neighbours, String command) {
    public TrainedModel {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(network, "network is null");
    }

    /**
     * @param graphName the network's name in the model (PpoPolicyTrainer.NETWORK)
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when the model is not a PPO model this build
     *                                can feed
     */
    public static TrainedModel of(LoadedModel model, String graphName, String command) {
        Timeframe timeframe = timeframe(model);
        int stateDim = configInt(model, "training.rl_agent.state_dim");
        int window = configInt(model, "features.normalization_window");
        ActorCritic network = network(model, graphName, command);
        if (network.observationSize() != stateDim || network.actionCount() != Action.count()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + ": the network reads "
                    + network.observationSize() + " values and scores " + network.actionCount() + " actions but the "
                    + "model records state_dim " + stateDim + " and this build has " + Action.count()
                    + " actions; train the model again");
        }
        TrainedModel trained = new TrainedModel(model, network, timeframe, stateDim, window,
                configInt(model, "memory.index_size"), configInt(model, "memory.neighbours"), command);
        trained.requireSameFeatures(trained.preparation());
        return trained;
    }

    /** The timeframe the model was trained on (its data.timeframe). */
    public static Timeframe timeframe(LoadedModel model) {
        Object value = configValue(model, "data.timeframe");
        try {
            return Timeframe.parse(value.toString());
        } catch (RuntimeException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " records data.timeframe '"
                    + value + "', which is not a timeframe; its metadata.json is damaged: train it again", e);
        }
    }

    /** Features and normalisation as the model was trained with. */
    public MarketPreparation preparation() {
        return new MarketPreparation(normalizationWindow);
    }

    private static ActorCritic network(LoadedModel model, String graphName, String command) {
        try {
            return ActorCritic.of(model.graph(graphName));
        } catch (IllegalArgumentException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + ": graph '" + graphName
                    + "' is not the PPO actor-critic (" + e.getMessage() + "); " + command + " needs a model trained "
                    + "with training.rl_agent.enabled=true", e);
        }
    }

    /** The model's features, in order, must be the ones this build computes. */
    private void requireSameFeatures(MarketPreparation preparation) {
        List<String> recorded = new ArrayList<>();
        JsonNode features = model.metadata().features().path("features");
        for (JsonNode f : features) {
            recorded.add(f.path("name").asText());
        }
        List<String> computed = preparation.featureColumns().stream().map(FeatureColumn::name).toList();
        List<Integer> recordedWarmups = new ArrayList<>();
        features.forEach(f -> recordedWarmups.add(f.path("warmup_bars").asInt(-1)));
        List<Integer> warmups = preparation.featureColumns().stream().map(FeatureColumn::warmup).toList();
        String again = "; " + command + " with the version that trained it or train again";
        if (!recorded.equals(computed) || !recordedWarmups.equals(warmups)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " was trained on features "
                    + recorded + " (warm-ups " + recordedWarmups + ") but this shadow-trainer computes " + computed
                    + " (warm-ups " + warmups + ")" + again);
        }
        JsonNode normalisation = model.metadata().normalisation();
        ObservationSpec.Normalisation now = preparation.normalisationSpec();
        if (normalisation.path("window").asInt() != now.window()
                || normalisation.path("min_samples").asInt() != now.minSamples()
                || normalisation.path("clip").asDouble() != now.clip()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " records the normalisation "
                    + "window " + normalisation.path("window") + ", min_samples " + normalisation.path("min_samples")
                    + ", clip " + normalisation.path("clip") + " but this shadow-trainer normalises with window "
                    + now.window() + ", min_samples " + now.minSamples() + ", clip " + now.clip() + again);
        }
        int slots = model.metadata().features().path("slots").size();
        int built = computed.size() + Observation.POSITION_WIDTH + NearestTrades.WIDTH;
        if (slots != built) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " lists " + slots
                    + " observation slots but this shadow-trainer builds " + built + again);
        }
    }

    private static Object configValue(LoadedModel model, String key) {
        ModelMetadata.ConfigValue v = model.metadata().config().get(key);
        if (v == null || v.value() == null) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " records no " + key
                    + " in its metadata.json; it was not saved by train: train it again");
        }
        return v.value();
    }

    private static int configInt(LoadedModel model, String key) {
        Object value = configValue(model, key);
        if (!(value instanceof Number number)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " records " + key + " = '"
                    + value + "', not a number; its metadata.json is damaged: train it again");
        }
        return number.intValue();
    }
}
