package dev.shadowtrainer.features;

import dev.shadowtrainer.market.CandleSeries;
import java.util.Objects;

/**
 * Classifies each bar by how far price moved over the last n bars against how far it typically
 * moves in n bars.
 *
 * <p>Definitions at bar i, with lookback n (default 20):
 * <ul>
 * <li>trend strength = |close_i / close_{i-n} - 1|</li>
 * <li>volatility = sample standard deviation (n - 1) of the n one-bar simple returns ending at i,
 * times sqrt(n): the typical n-bar move</li>
 * </ul>
 * Rules, first match wins:
 * <ol>
 * <li>BREAKOUT: trend &gt; 0.03 and volatility &gt; 0.02 (a strong kind of trend, so checked
 * before TREND: every breakout would also satisfy TREND)</li>
 * <li>TREND: trend &gt; 0.02 and volatility &gt; 0.015</li>
 * <li>MEAN_REVERSION: trend &lt; 0.015 and 0.01 &lt;= volatility &lt;= 0.015</li>
 * <li>RANGE: trend &lt; 0.01 and volatility &lt; 0.01 (disjoint from MEAN_REVERSION by volatility)</li>
 * <li>NEUTRAL: nothing matched, an input is NaN, i &lt; n, or a filler bar lies in
 * {@code [i - n, i]}</li>
 * </ol>
 */
public final class TrendRegimeDetector {
    public static final int DEFAULT_LOOKBACK = 20;
    public static final double BREAKOUT_TREND = 0.03;
    public static final double BREAKOUT_VOLATILITY = 0.02;
    public static final double TREND_TREND = 0.02;
    public static final double TREND_VOLATILITY = 0.015;
    public static final double MEAN_REVERSION_TREND = 0.015;
    public static final double MEAN_REVERSION_VOLATILITY_LOW = 0.01;
    public static final double MEAN_REVERSION_VOLATILITY_HIGH = 0.015;
    public static final double RANGE_TREND = 0.01;
    public static final double RANGE_VOLATILITY = 0.01;

    private final int lookback;

    public TrendRegimeDetector() {
        this(DEFAULT_LOOKBACK);
    }

    public TrendRegimeDetector(int lookback) {
        if (lookback < 2) {
            throw new IllegalArgumentException("lookback must be at least 2 bars, got " + lookback);
        }
        this.lookback = lookback;
    }

    public int lookback() {
        return lookback;
    }

    /** Bars before which every regime is NEUTRAL. */
    public int warmup() {
        return lookback;
    }

    public TrendRegime classify(double trendStrength, double volatility) {
        if (Double.isNaN(trendStrength) || Double.isNaN(volatility)) {
            return TrendRegime.NEUTRAL;
        }
        if (trendStrength > BREAKOUT_TREND && volatility > BREAKOUT_VOLATILITY) {
            return TrendRegime.BREAKOUT;
        }
        if (trendStrength > TREND_TREND && volatility > TREND_VOLATILITY) {
            return TrendRegime.TREND;
        }
        if (trendStrength < MEAN_REVERSION_TREND
                && volatility >= MEAN_REVERSION_VOLATILITY_LOW && volatility <= MEAN_REVERSION_VOLATILITY_HIGH) {
            return TrendRegime.MEAN_REVERSION;
        }
        if (trendStrength < RANGE_TREND && volatility < RANGE_VOLATILITY) {
            return TrendRegime.RANGE;
        }
        return TrendRegime.NEUTRAL;
    }

    /** The regime ordinal of every bar; the value at bar i uses bars {@code [i - n, i]} only. */
    public byte[] detect(CandleSeries candles) {
        Objects.requireNonNull(candles, "candles is null");
        double[] closes = candles.closes();
        byte[] regimes = new byte[closes.length];
        double sqrtLookback = Math.sqrt(lookback);
        int lastFiller = -1;
        for (int i = 0; i < closes.length; i++) {
            if (candles.isFiller(i)) {
                lastFiller = i;
            }
            TrendRegime regime = TrendRegime.NEUTRAL;
            if (i >= lookback && lastFiller < i - lookback) {
                double trend = Math.abs(closes[i] / closes[i - lookback] - 1.0);
                double volatility = ReturnVolatility.ofPrices(closes, i - lookback, i + 1) * sqrtLookback;
                regime = classify(trend, volatility);
            }
            regimes[i] = (byte) regime.ordinal();
        }
        return regimes;
    }
}
