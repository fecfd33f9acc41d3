package dev.shadowtrainer.sim;

import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;

/**
 * The only way a policy (or anything it consults) reaches candles and features during a run. It sits
 * at the bar whose close was just observed and hands out that bar and earlier ones, addressed by how
 * many bars ago; there is no way to name a later bar.
 */
public final class MarketView {
    private final byte[] regimes;
    // Held directly so that a policy's reads in the hot loop are one hop shorter.
    private final CandleSeries candles;
    private final FeatureMatrix features;
    private final FeatureMatrix rawFeatures;
    private int bar;

    MarketView(MarketData data) {
        this.regimes = data.regimes();
        this.candles = data.candles();
        this.features = data.features();
        this.rawFeatures = data.rawFeatures();
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
        return candles.id();
    }

    /** Open time of the current bar (epoch ms); its close time is one timeframe later. */
    public long time() {
        return candles.openTime(bar);
    }

    public double open(int barsAgo) {
        return candles.open(index(barsAgo));
    }

    public double high(int barsAgo) {
        return candles.high(index(barsAgo));
    }

    public double low(int barsAgo) {
        return candles.low(index(barsAgo));
    }

    public double close(int barsAgo) {
        return candles.close(index(barsAgo));
    }

    public double volume(int barsAgo) {
        return candles.volume(index(barsAgo));
    }

    public double close() {
        return candles.close(bar);
    }

    public int featureCount() {
        return features.featureCount();
    }

    /** Normalised feature {@code column} of the current bar. */
    public float feature(int column) {
        return features.value(bar, column);
    }

    public float feature(int column, int barsAgo) {
        return features.value(index(barsAgo), column);
    }

    /** Raw (not normalised) feature, e.g. ATR % for sizing. */
    public float rawFeature(int column, int barsAgo) {
        return rawFeatures.value(index(barsAgo), column);
    }

    public int featureColumn(String name) {
        return features.indexOf(name);
    }

    /** Whether the current bar's features are all meant to be used. */
    public boolean usable() {
        return features.isUsable(bar);
    }

    /** Whether a decision may be taken on this bar: usable features and a real (not gap-filler) candle. */
    public boolean tradeable() {
        return features.isUsable(bar) && !candles.isFiller(bar);
    }

    /** ATR/ADX regime ordinal of the current bar. */
    public byte regime() {
        return regimes[bar];
    }

    /** Copies the current bar's normalised features into {@code target} at {@code offset}. */
    public void copyFeatures(float[] target, int offset) {
        features.copyRow(bar, target, offset);
    }
}
