package dev.shadowtrainer.sim;

import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import java.util.Objects;

/**
 * Everything the shadow market replays: the candles, their raw and normalised features, the ATR/ADX
 * regime of each bar, and optionally lower-timeframe candles used to decide which of stop and target a
 * bar touched first. Every array is computed causally (value at i from bars &le; i only).
 */
public record MarketData(CandleSeries candles, FeatureMatrix rawFeatures, FeatureMatrix features, byte[] regimes,
                         CandleSeries lowerTimeframe) {
    public MarketData {
        Objects.requireNonNull(candles, "candles is null");
        Objects.requireNonNull(rawFeatures, "rawFeatures is null");
        Objects.requireNonNull(features, "features is null");
        Objects.requireNonNull(regimes, "regimes is null");
        int n = candles.size();
        if (rawFeatures.size() != n || features.size() != n || regimes.length != n) {
            throw new IllegalArgumentException("features and regimes must have one row per candle (" + n + ")");
        }
        if (lowerTimeframe != null
                && lowerTimeframe.id().timeframe().millis() >= candles.id().timeframe().millis()) {
            throw new IllegalArgumentException("lower-timeframe candles must be finer than " + candles.id().timeframe());
        }
    }

    public int size() {
        return candles.size();
    }

    /** The same data with lower-timeframe candles for same-bar stop/target resolution. */
    public MarketData withLowerTimeframe(CandleSeries lower) {
        return new MarketData(candles, rawFeatures, features, regimes, lower);
    }
}
