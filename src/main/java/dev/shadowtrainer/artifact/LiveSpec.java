package dev.shadowtrainer.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelMetadata;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE}: everything a live trader outside the JVM needs to build the observation a saved model
 * was trained on and to read its outputs (the format is described in README, "Exported models"). Made
 * from the model's metadata only, so it states what training recorded, not what this build would do.
 *
 * @param format          always {@value #FORMAT}
 * @param formatVersion   {@value #FORMAT_VERSION}; a reader refuses versions it does not know
 * @param model           the model's name
 * @param productVersion  shadow-trainer's version that saved the model
 * @param market          exchange, symbol and timeframe the model was trained on
 * @param stateDim        length of the observation vector
 * @param input           the ONNX input: name, element type and shape
 * @param outputs         the ONNX outputs: name to meaning
 * @param actions         the action names in output order (logit i is actions[i])
 * @param actionMasks     which actions are allowed in each account state (flat, in_position, order_pending)
 * @param decision        how the policy turns logits into an action and a confidence
 * @param blocks          offset and length of the features, position, memory and padding blocks
 * @param features        the features in observation order, each with its warm-up in bars
 * @param warmupBars      the largest feature warm-up
 * @param leadInBars      bars of history needed before a bar for its observation to be exact:
 *                        warm-up plus the normalisation window
 * @param normalisation   how features are normalised (method, window, min_samples, clip)
 * @param position        the position block's slots
 * @param memory          the memory block's slots and settings
 * @param minConfidence   the confidence below which the simulator skipped an entry, when recorded
 */
public record LiveSpec(String format, int formatVersion, String model, String productVersion, Market market,
                       int stateDim, Tensor input, Map<String, String> outputs, List<String> actions,
                       Map<String, List<String>> actionMasks, String decision, Map<String, Block> blocks,
                       List<Feature> features, int warmupBars, int leadInBars, JsonNode normalisation,
                       List<Slot> position, Memory memory, Double minConfidence) {
    public static final String FILE = "observation_spec.json";
    public static final String FORMAT = "shadow-trainer-observation-spec";
    public static final int FORMAT_VERSION = 1;

    public record Market(String exchange, String symbol, String timeframe) {
    }

    public record Tensor(String name, String elementType, List<Object> shape) {
    }

    public record Block(int offset, int length) {
    }

    public record Feature(int index, String name, int warmupBars) {
    }

    public record Slot(int index, String name, String meaning) {
    }

    /**
     * @param whenEmpty what the block holds when no past trade is known (a trader without a trade memory
     *                  can send this)
     */
    public record Memory(List<Slot> slots, Integer indexSize, Integer neighbours, String meaning,
                         List<Float> whenEmpty) {
    }

    /** The flags {@code TradingVectorEnv.allowedActions} sets, by account state; the simulator ignores the rest. */
    static Map<String, List<String>> masks() {
        Map<String, List<String>> masks = new LinkedHashMap<>();
        masks.put("flat", List.of(Action.ENTER_LONG_SMALL.name(), Action.ENTER_LONG_NORMAL.name(),
                Action.ENTER_LONG_LARGE.name(), Action.DO_NOTHING.name()));
        masks.put("in_position", List.of(Action.HOLD.name(), Action.EXIT.name()));
        masks.put("order_pending", List.of(Action.EXIT.name(), Action.DO_NOTHING.name()));
        return masks;
    }

    /**
     * The spec of a loaded model.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when the metadata has no observation spec
     */
    public static LiveSpec of(LoadedModel model) {
        ModelMetadata m = model.metadata();
        JsonNode spec = m.features();
        JsonNode slots = spec.path("slots");
        if (!spec.path("state_dim").isInt() || !slots.isArray() || !spec.path("features").isArray()) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " has no observation spec "
                    + "(features.state_dim, slots) in its metadata.json; save it again with train");
        }
        int stateDim = spec.get("state_dim").intValue();
        List<Feature> features = new ArrayList<>();
        int warmup = 0;
        for (JsonNode f : spec.get("features")) {
            features.add(new Feature(features.size(), f.path("name").asText(), f.path("warmup_bars").asInt()));
            warmup = Math.max(warmup, f.path("warmup_bars").asInt());
        }
        int featureCount = features.size();
        int memoryWidth = slots.size() - featureCount - Observation.POSITION_WIDTH;
        if (memoryWidth < 0 || featureCount + Observation.POSITION_WIDTH + memoryWidth > stateDim) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "model " + model.dir() + " lists " + slots.size()
                    + " observation slots for " + featureCount + " features in a state of " + stateDim
                    + "; its metadata.json is inconsistent: save it again with train");
        }
        List<Slot> position = new ArrayList<>();
        List<Slot> memorySlots = new ArrayList<>();
        for (int i = featureCount; i < slots.size(); i++) {
            JsonNode s = slots.get(i);
            Slot slot = new Slot(s.path("index").asInt(), s.path("name").asText(), s.path("meaning").asText());
            (i < featureCount + Observation.POSITION_WIDTH ? position : memorySlots).add(slot);
        }
        Map<String, Block> blocks = new LinkedHashMap<>();
        blocks.put("features", new Block(0, featureCount));
        blocks.put("position", new Block(featureCount, Observation.POSITION_WIDTH));
        blocks.put("memory", new Block(featureCount + Observation.POSITION_WIDTH, memoryWidth));
        int used = featureCount + Observation.POSITION_WIDTH + memoryWidth;
        blocks.put("padding", new Block(used, stateDim - used));

        JsonNode normalisation = m.normalisation().isNull() ? spec.path("normalisation") : m.normalisation();
        int window = normalisation.path("window").asInt(0);
        Memory memory = new Memory(memorySlots, configInt(m, "memory.index_size"), configInt(m, "memory.neighbours"),
                "the k nearest (cosine) past trades, among the latest index_size that exited at or before the bar, to "
                        + "the bar's entry embedding: their win rate, mean pnl %, count / k and mean similarity",
                memoryWidth == 4 ? List.of(0.5f, 0f, 0f, 0f) : null);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(OnnxPolicy.LOGITS, "float32 [batch, " + Action.count() + "]: the actor's score per action");
        outputs.put(OnnxPolicy.PROBABILITIES, "float32 [batch, " + Action.count()
                + "]: softmax of the logits over all actions (unmasked)");
        outputs.put(OnnxPolicy.VALUE, "float32 [batch, 1]: the critic's value estimate");
        List<String> actions = new ArrayList<>();
        for (Action a : Action.values()) {
            actions.add(a.name());
        }
        Object timeframe = configValue(m, "data.timeframe");
        return new LiveSpec(FORMAT, FORMAT_VERSION, m.name(), m.productVersion(),
                new Market(m.candles() == null ? null : m.candles().exchange(),
                        m.candles() == null ? null : m.candles().symbol(),
                        m.candles() != null ? m.candles().timeframe() : timeframe == null ? null : timeframe.toString()),
                stateDim, new Tensor(OnnxPolicy.INPUT, "float32", List.of("batch", stateDim)), outputs, actions,
                masks(), "the allowed action (see action_masks) with the largest logit, lowest index on ties; its "
                        + "probability is the softmax over the allowed actions only; when it is an entry, the confidence "
                        + "is the summed masked probability of the three entries and the entry is skipped below "
                        + "min_confidence", blocks, features, warmup, warmup + window, normalisation, position,
                memory, configDouble(m, "training.shadow_trading.min_confidence_threshold"));
    }

    private static Object configValue(ModelMetadata m, String key) {
        ModelMetadata.ConfigValue v = m.config().get(key);
        return v == null ? null : v.value();
    }

    private static Integer configInt(ModelMetadata m, String key) {
        return configValue(m, key) instanceof Number n ? n.intValue() : null;
    }

    private static Double configDouble(ModelMetadata m, String key) {
        return configValue(m, key) instanceof Number n ? n.doubleValue() : null;
    }
}
