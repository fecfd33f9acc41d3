package dev.shadowtrainer.sim;

import java.util.Arrays;

/**
 * What a policy sees at a bar's close: the market up to that bar (through {@link #market()}), its own
 * position, and pattern-memory features. One instance is reused for every bar of a run, so a policy must
 * not keep it (or the array from {@link #vector()}) beyond the call.
 *
 * <p>The vector layout is: the normalised features of the bar, then {@value #POSITION_WIDTH} position
 * values (in position 0/1, size multiplier, unrealised pnl %, bars held / max hold, distance to stop %,
 * distance to target %, time left fraction, order pending 0/1), then the memory features, then zeros
 * up to the configured state size.
 */
public final class Observation {
    public static final int POSITION_WIDTH = 8;

    private final MarketView market;
    private final MemoryLookup memory;
    private final float[] vector;
    private final int featureWidth;
    private boolean vectorFresh;

    boolean inPosition;
    double sizeMultiplier;
    double unrealisedPnlPercent;
    int barsHeld;
    int maxHoldBars;
    double stopDistancePercent;
    double targetDistancePercent;
    boolean orderPending;

    Observation(MarketView market, MemoryLookup memory, int stateDim) {
        this.market = market;
        this.memory = memory;
        this.featureWidth = market.featureCount();
        int needed = width(featureWidth, memory);
        if (stateDim < needed) {
            throw new IllegalArgumentException("training.rl_agent.state_dim is " + stateDim + " but the observation needs "
                    + needed + " values (" + featureWidth + " features, " + POSITION_WIDTH + " position, "
                    + memory.width() + " memory); raise state_dim to at least " + needed);
        }
        this.vector = new float[stateDim];
    }

    /**
     * The observation a flat policy (no position, no order waiting) sees at the close of {@code bar}: what
     * the simulator builds at a decision bar, for predicting with a saved model outside a run. The caller
     * checks {@code market().tradeable()} first, as the simulator does (it decides only on tradeable bars).
     */
    public static Observation flatAt(MarketData data, MemoryLookup memory, int stateDim, int bar) {
        if (bar < 0 || bar >= data.size()) {
            throw new IllegalArgumentException("bar " + bar + " outside " + data.size() + " bars");
        }
        MarketView view = new MarketView(data);
        view.moveTo(bar);
        return new Observation(view, memory, stateDim);
    }

    /** Values the observation needs before padding. */
    public static int width(int features, MemoryLookup memory) {
        return features + POSITION_WIDTH + memory.width();
    }

    void invalidate() {
        vectorFresh = false;
    }

    public MarketView market() {
        return market;
    }

    public boolean inPosition() {
        return inPosition;
    }

    public boolean orderPending() {
        return orderPending;
    }

    public double unrealisedPnlPercent() {
        return unrealisedPnlPercent;
    }

    public int barsHeld() {
        return barsHeld;
    }

    /** The observation as a vector of state_dim floats, built on first use at each bar. */
    public float[] vector() {
        if (!vectorFresh) {
            fill();
            vectorFresh = true;
        }
        return vector;
    }

    /** A copy of the vector, for records that outlive the bar. */
    public float[] vectorCopy() {
        return vector().clone();
    }

    private void fill() {
        market.copyFeatures(vector, 0);
        int p = featureWidth;
        vector[p] = inPosition ? 1f : 0f;
        vector[p + 1] = (float) (inPosition ? sizeMultiplier : 0);
        vector[p + 2] = (float) (inPosition ? unrealisedPnlPercent : 0);
        vector[p + 3] = inPosition ? (float) barsHeld / maxHoldBars : 0f;
        vector[p + 4] = (float) (inPosition ? stopDistancePercent : 0);
        vector[p + 5] = (float) (inPosition ? targetDistancePercent : 0);
        vector[p + 6] = inPosition ? (float) Math.max(0, maxHoldBars - barsHeld) / maxHoldBars : 0f;
        vector[p + 7] = orderPending ? 1f : 0f;
        int m = p + POSITION_WIDTH;
        memory.describe(market, vector, m);
        Arrays.fill(vector, m + memory.width(), vector.length, 0f);
    }
}
