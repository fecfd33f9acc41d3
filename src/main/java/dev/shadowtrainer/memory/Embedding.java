package dev.shadowtrainer.memory;

import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MarketView;
import java.util.Objects;

/**
 * The embedding of a trade, version {@value #VERSION}: {@value #DIMENSION} floats made only from what
 * was known at the entry decision, so similar set-ups are near in cosine distance.
 *
 * <ul>
 *   <li>0 .. 26: the past-only normalised features of the entry decision bar (z-scores), in the
 *       feature pipeline's order, each clipped to [-{@value #CLIP}, {@value #CLIP}]; NaN or infinite
 *       values become 0, missing features (a market with fewer than 27) are 0;</li>
 *   <li>27 .. 31: the ATR/ADX regime of that bar, one-hot, so no embedding is ever all zeros.</li>
 * </ul>
 *
 * Deterministic: the same market and bar give the same floats bit for bit. A change to this layout is a
 * new version; stored embeddings carry theirs and look-ups compare only equal versions.
 */
public final class Embedding {
    public static final int VERSION = 1;
    public static final int DIMENSION = 32;
    static final int FEATURE_SLOTS = DIMENSION - AtrAdxRegime.values().length;
    static final float CLIP = 5f;

    private Embedding() {
    }

    /** The embedding of a decision taken at the close of {@code bar}. */
    public static float[] of(MarketData market, int bar) {
        float[] e = new float[DIMENSION];
        write(market, bar, e);
        return e;
    }

    /** {@link #of(MarketData, int)} written into {@code target} of {@value #DIMENSION} floats. */
    static void write(MarketData market, int bar, float[] target) {
        Objects.requireNonNull(market, "market is null");
        if (bar < 0 || bar >= market.size()) {
            throw new IllegalArgumentException("bar " + bar + " outside 0.." + (market.size() - 1));
        }
        java.util.Arrays.fill(target, 0f);
        int features = Math.min(FEATURE_SLOTS, market.features().featureCount());
        for (int f = 0; f < features; f++) {
            target[f] = clip(market.features().value(bar, f));
        }
        target[FEATURE_SLOTS + regime(market.regimes()[bar])] = 1f;
    }

    /**
     * The embedding of a decision taken now, at the view's current bar, written into {@code target}
     * (no allocation, for the simulation's hot path); the same floats as {@link #of(MarketData, int)} for
     * that bar.
     */
    public static void into(MarketView view, float[] target) {
        if (target.length != DIMENSION) {
            throw new IllegalArgumentException("target of " + target.length + " floats, expected " + DIMENSION);
        }
        java.util.Arrays.fill(target, 0f);
        int features = Math.min(FEATURE_SLOTS, view.featureCount());
        for (int f = 0; f < features; f++) {
            target[f] = clip(view.feature(f));
        }
        target[FEATURE_SLOTS + regime(view.regime())] = 1f;
    }

    private static float clip(float v) {
        return Float.isFinite(v) ? Math.max(-CLIP, Math.min(CLIP, v)) : 0f;
    }

    private static int regime(byte ordinal) {
        return ordinal >= 0 && ordinal < AtrAdxRegime.values().length ? ordinal : AtrAdxRegime.NEUTRAL.ordinal();
    }
}
