package dev.shadowtrainer.patterns;

import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.StoredTrade;
import java.time.Instant;
import java.util.Objects;

/**
 * What the pattern library needs of one resolved trade: when its outcome became known, the embedding
 * of its entry decision and the outcome.
 *
 * @param exitTime    the trade's outcome is known from this time on
 * @param pnlPercent  pnl after costs in percent of the notional
 * @param mfePercent  best unrealised move while open, percent of the entry price (&ge; 0)
 * @param maePercent  worst unrealised move while open, percent of the entry price (&le; 0)
 */
public record PatternSample(Instant exitTime, float[] embedding, int embeddingVersion, double pnlPercent,
                            double mfePercent, double maePercent, boolean win) {
    public PatternSample {
        Objects.requireNonNull(exitTime, "exitTime is null");
        Objects.requireNonNull(embedding, "embedding is null");
        if (embedding.length != Embedding.DIMENSION) {
            throw new IllegalArgumentException("embedding of " + embedding.length + " floats, expected "
                    + Embedding.DIMENSION);
        }
        if (!Double.isFinite(pnlPercent) || !Double.isFinite(mfePercent) || !Double.isFinite(maePercent)) {
            throw new IllegalArgumentException("a pattern sample needs finite pnl, MFE and MAE");
        }
        embedding = embedding.clone();
    }

    public static PatternSample of(StoredTrade trade) {
        return new PatternSample(trade.exitTime(), trade.embedding(), trade.embeddingVersion(), trade.pnlPercent(),
                trade.mfePercent(), trade.maePercent(), trade.win());
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    float embedding(int i) {
        return embedding[i];
    }
}
