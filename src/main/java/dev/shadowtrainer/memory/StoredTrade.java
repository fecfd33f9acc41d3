package dev.shadowtrainer.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of trade_memory: a resolved trade with the context it was taken in and its embedding. Every
 * number must be finite and the embedding {@link Embedding#DIMENSION} finite floats, so NaN never
 * reaches the database; the constructor refuses anything else.
 *
 * @param tradeKey natural key: the same trade stored again (a rerun) has the same key
 * @param kind     agent, shadow or live
 * @param size     notional in quote currency
 * @param features the entry features as a JSON object
 */
public record StoredTrade(String tradeKey, String runId, String exchange, String symbol, String timeframe, String kind,
                          Instant entryTime, Instant exitTime, double entryPrice, double exitPrice, double size,
                          double leverage, double fees, double pnl, double pnlPercent, String exitReason,
                          double mfePercent, double maePercent, String regimeAtEntry, double volatilityAtEntry,
                          String features, float[] embedding, int embeddingVersion, boolean win) {
    public StoredTrade {
        Objects.requireNonNull(tradeKey, "tradeKey is null");
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(exchange, "exchange is null");
        Objects.requireNonNull(symbol, "symbol is null");
        Objects.requireNonNull(timeframe, "timeframe is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(entryTime, "entryTime is null");
        Objects.requireNonNull(exitTime, "exitTime is null");
        Objects.requireNonNull(exitReason, "exitReason is null");
        Objects.requireNonNull(regimeAtEntry, "regimeAtEntry is null");
        Objects.requireNonNull(features, "features is null");
        Objects.requireNonNull(embedding, "embedding is null");
        if (!kind.equals("agent") && !kind.equals("shadow") && !kind.equals("live")) {
            throw new IllegalArgumentException("kind must be agent, shadow or live, got " + kind);
        }
        if (exitTime.isBefore(entryTime)) {
            throw new IllegalArgumentException("trade " + tradeKey + " exits before it enters");
        }
        double[] numbers = {entryPrice, exitPrice, size, leverage, fees, pnl, pnlPercent, mfePercent, maePercent,
            volatilityAtEntry};
        for (double v : numbers) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("trade " + tradeKey + " has a non-finite number; NaN and "
                        + "infinity are never stored");
            }
        }
        if (embedding.length != Embedding.DIMENSION) {
            throw new IllegalArgumentException("embedding of " + embedding.length + " floats, expected "
                    + Embedding.DIMENSION);
        }
        for (float v : embedding) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("trade " + tradeKey + " has a non-finite embedding value");
            }
        }
        embedding = embedding.clone();
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    /** The embedding without copying, for writers. */
    float[] embeddingView() {
        return embedding;
    }
}
