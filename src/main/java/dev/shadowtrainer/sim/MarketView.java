package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.SeriesId;

/**
 * The only way a policy (or anything it consults) reaches candles and features during a run. It sits
 * at the bar whose close was just observed and hands out that bar and earlier ones, addressed by how
 * many bars ago; there is no way to name a later bar.
 */
public final class MarketView {
    private final MarketData data;
    private int bar;

    MarketView(MarketData data) {
        this.data = data;
    }

    void moveTo(int bar) {
        this.bar = bar;
    }

    private int index(int barsAgo) {
        if (barsAgo < 0) {
            throw new IllegalArgumentException("bars ago must be >= 0 (the future is not visible), got " + barsAgo);
        }
        int i = bar - barsAgo;
        if (i < 0) {
            throw new IndexOutOfBoundsException(barsAgo + " bars ago is before the first bar");
        }
        return i;
    }

    /** Index of the current bar in the series. */
    public int bar() {
        return bar;
    }

    /** Bars available now, the current one included. */
    public int history() {
        return bar + 1;
    }

    public SeriesId id() {
        return data.candles().id();
    }

    /** Open time of the current bar (epoch ms); its close time is one timeframe later. */
    public long time() {
        return data.candles().openTime(bar);
    }

    public double open(int barsAgo) {
        return data.candles().open(index(barsAgo));
    }

    public double high(int barsAgo) {
        return data.candles().high(index(barsAgo));
    }

    public double low(int barsAgo) {
        return data.candles().low(index(barsAgo));
    }

    public double close(int barsAgo) {
        return data.candles().close(index(barsAgo));
    }

    public double volume(int barsAgo) {
        return data.candles().volume(index(barsAgo));
    }

    public double close() {
        return data.candles().close(bar);
    }

    public int featureCount() {
        return data.features().featureCount();
    }

    /** Normalised feature {@code column} of the current bar. */
    public float feature(int column) {
        return data.features().value(bar, column);
    }

    public float feature(int column, int barsAgo) {
        return data.features().value(index(barsAgo), column);
    }

    /** Raw (not normalised) feature, e.g. ATR % for sizing. */
    public float rawFeature(int column, int barsAgo) {
        return data.rawFeatures().value(index(barsAgo), column);
    }

    public int featureColumn(String name) {
        return data.features().indexOf(name);
    }

    /** Whether the current bar's features are all meant to be used. */
    public boolean usable() {
        return data.features().isUsable(bar);
    }

    /** Whether a decision may be taken on this bar: usable features and a real (not gap-filler) candle. */
    public boolean tradeable() {
        return data.features().isUsable(bar) && !data.candles().isFiller(bar);
    }

    /** ATR/ADX regime ordinal of the current bar. */
    public byte regime() {
        return data.regimes()[bar];
    }

    /** Copies the current bar's normalised features into {@code target} at {@code offset}. */
    public void copyFeatures(float[] target, int offset) {
        data.features().copyRow(bar, target, offset);
    }
}
