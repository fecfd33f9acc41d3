package dev.shadowtrainer.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a saved model decides at the close of the latest closed candle, flat (no position, no order).
 *
 * @param model          the model folder
 * @param source         where the candles came from
 * @param exchange       the candles' exchange
 * @param symbol         the pair
 * @param timeframe      the candle timeframe (the model's)
 * @param barOpen        open time of the candle decided on
 * @param barClose       its close time (when the decision is taken)
 * @param close          its close price
 * @param action         the greedy action (largest logit among the allowed)
 * @param probability    its probability under the softmax over the allowed actions
 * @param confidence     what the simulator compares with min_confidence_threshold: for an entry the summed
 *                       probability of the three entries, else the action's probability
 * @param probabilities  every action's probability over the allowed actions (0 when not allowed), in order
 * @param logits         the actor's raw outputs, in action order
 * @param value          the critic's value estimate
 * @param memoryTrades   past trades the memory look-up started from
 * @param observation    the observation vector (state_dim values)
 */
public record Prediction(String model, String source, String exchange, String symbol, String timeframe,
                         Instant barOpen, Instant barClose, double close, String action, double probability,
                         double confidence, Map<String, Double> probabilities, List<Float> logits, double value,
                         int memoryTrades, List<Float> observation) {
    /** The text summary of the predict command. */
    public List<String> lines() {
        StringBuilder all = new StringBuilder();
        probabilities.forEach((a, p) -> all.append(all.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.4f", a, p)));
        return List.of(
                String.format(Locale.ROOT, "predict %s %s %s (%s): candle %s closed at %s, close %s", model, symbol,
                        timeframe, source, barOpen, barClose, close),
                String.format(Locale.ROOT, "action     %s (probability %.4f, confidence %.4f)", action, probability,
                        confidence),
                "actions    " + all,
                String.format(Locale.ROOT, "value      %.6f; memory from %d earlier trades", value, memoryTrades));
    }
}
