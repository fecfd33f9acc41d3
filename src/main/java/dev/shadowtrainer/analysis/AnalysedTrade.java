package dev.shadowtrainer.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.PostExitRow;
import dev.shadowtrainer.memory.StoredTrade;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * What the analyzers need of one resolved trade: the stored trade's numbers and context, its regime at
 * exit (null when unknown), its post-exit row (null when there is none) and its pattern id (-1 when it
 * belongs to no pattern).
 *
 * @param kind              agent, shadow or live
 * @param bar               the length of one candle of the trade's timeframe
 * @param pnl               net of fees, quote currency
 * @param pnlPercent        pnl as a percentage of {@code size} (1.5 means 1.5 %)
 * @param fees              both legs, quote currency
 * @param size              notional, quote currency
 * @param mfePercent        best unrealised price move while open, percent of the entry price, &ge; 0
 * @param maePercent        worst unrealised price move while open, percent of the entry price, &le; 0
 * @param volatilityAtEntry sample standard deviation of the 20 one-bar log returns up to the entry's
 *                          decision bar (a fraction; 0 when it was unknown)
 * @param features          the entry's normalised features by name
 * @param win               pnl &gt; 0
 */
public record AnalysedTrade(String tradeKey, String kind, String symbol, Duration bar, Instant entryTime,
                            Instant exitTime, double entryPrice, double pnl, double pnlPercent, double fees,
                            double size, double leverage, String exitReason, double mfePercent, double maePercent,
                            String regimeAtEntry, String regimeAtExit, double volatilityAtEntry,
                            Map<String, Double> features, boolean win, int pattern, PostExitRow postExit) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public AnalysedTrade {
        Objects.requireNonNull(tradeKey, "tradeKey is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(symbol, "symbol is null");
        Objects.requireNonNull(bar, "bar is null");
        Objects.requireNonNull(entryTime, "entryTime is null");
        Objects.requireNonNull(exitTime, "exitTime is null");
        Objects.requireNonNull(exitReason, "exitReason is null");
        Objects.requireNonNull(regimeAtEntry, "regimeAtEntry is null");
        Objects.requireNonNull(features, "features is null");
        if (bar.isZero() || bar.isNegative()) {
            throw new IllegalArgumentException("trade " + tradeKey + ": bar length must be positive");
        }
        if (pattern < -1) {
            throw new IllegalArgumentException("trade " + tradeKey + ": pattern must be -1 (none) or >= 0, got "
                    + pattern);
        }
        double[] numbers = {entryPrice, pnl, pnlPercent, fees, size, leverage, mfePercent, maePercent,
            volatilityAtEntry};
        for (double v : numbers) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("trade " + tradeKey + " has a non-finite number");
            }
        }
        if (entryPrice <= 0 || size <= 0) {
            throw new IllegalArgumentException("trade " + tradeKey + ": entry price and size must be positive");
        }
        features = FeatureMap.of(features);
        if (postExit != null && !postExit.tradeKey().equals(tradeKey)) {
            throw new IllegalArgumentException("post-exit row of " + postExit.tradeKey() + " given with trade "
                    + tradeKey);
        }
    }

    /**
     * The trade as the analyzers see it: {@code stored}'s numbers with its features JSON parsed (values
     * that are not finite numbers left out), the bar length from its timeframe.
     */
    public static AnalysedTrade of(StoredTrade stored, String regimeAtExit, PostExitRow postExit, int pattern) {
        Objects.requireNonNull(stored, "stored is null");
        return new AnalysedTrade(stored.tradeKey(), stored.kind(), stored.symbol(),
                Timeframe.parse(stored.timeframe()).duration(), stored.entryTime(), stored.exitTime(),
                stored.entryPrice(), stored.pnl(), stored.pnlPercent(), stored.fees(), stored.size(),
                stored.leverage(), stored.exitReason(), stored.mfePercent(), stored.maePercent(),
                stored.regimeAtEntry(), regimeAtExit, stored.volatilityAtEntry(), features(stored), stored.win(),
                pattern, postExit);
    }

    private static Map<String, Double> features(StoredTrade stored) {
        JsonNode node;
        try {
            node = JSON.readTree(stored.features());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trade " + stored.tradeKey() + ": features are not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("trade " + stored.tradeKey() + ": features are not a JSON object");
        }
        Map<String, Double> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        return FeatureMap.of(out);
    }

    public boolean isAgent() {
        return kind.equals("agent");
    }

    public boolean isShadow() {
        return kind.equals("shadow");
    }

    /** Gross move in quote currency: pnl before fees. */
    public double grossPnl() {
        return pnl + fees;
    }

    /** How many bars the trade was open (at least 1: a trade opened and closed within one bar spans one). */
    public double durationBars() {
        double bars = (double) Duration.between(entryTime, exitTime).toMillis() / bar.toMillis();
        return Math.max(1.0, bars);
    }
}
