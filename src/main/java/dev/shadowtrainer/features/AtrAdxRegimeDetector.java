package dev.shadowtrainer.features;

import java.util.Objects;

/**
 * Classifies each bar by volatility and trend.
 *
 * <ul>
 * <li>High volatility: ATR(14) is more than 2 % of the close.</li>
 * <li>Trending: ADX(14) above 25, or trend strength above 0.6, where trend strength is Kaufman's
 * efficiency ratio over 20 bars, |net change| / sum of |bar changes|, in [0, 1].</li>
 * <li>The two flags pick one of the four named regimes; {@link AtrAdxRegime#NEUTRAL} when any input
 * is undefined (NaN) or, in {@link #detect}, the bar is not usable in the raw feature matrix
 * (warm-up not over, or a filler bar in the look-back window).</li>
 * </ul>
 * Thresholds are strict: exactly 2 %, 25 or 0.6 does not count.
 */
public final class AtrAdxRegimeDetector {
    public static final double HIGH_VOLATILITY_ATR_PERCENT = 2.0;
    public static final double TRENDING_ADX = 25.0;
    public static final double TRENDING_EFFICIENCY = 0.6;

    /**
     * @param atrPercent      ATR as a percentage of the close (2.0 means 2 %)
     * @param adx             ADX on its usual 0..100 scale
     * @param efficiencyRatio Kaufman efficiency ratio in [0, 1]
     */
    public AtrAdxRegime classify(double atrPercent, double adx, double efficiencyRatio) {
        if (Double.isNaN(atrPercent) || Double.isNaN(adx) || Double.isNaN(efficiencyRatio)) {
            return AtrAdxRegime.NEUTRAL;
        }
        boolean highVolatility = atrPercent > HIGH_VOLATILITY_ATR_PERCENT;
        boolean trending = adx > TRENDING_ADX || efficiencyRatio > TRENDING_EFFICIENCY;
        if (trending) {
            return highVolatility ? AtrAdxRegime.HIGH_VOL_TRENDING : AtrAdxRegime.LOW_VOL_TRENDING;
        }
        return highVolatility ? AtrAdxRegime.HIGH_VOL_RANGING : AtrAdxRegime.LOW_VOL_RANGING;
    }

    /**
     * The regime ordinal of every bar of a raw matrix from {@link FeaturePipeline}, read from its
     * {@code atr_rel_14}, {@code adx_14} and {@code trend_strength_20} columns.
     */
    public byte[] detect(FeatureMatrix raw) {
        Objects.requireNonNull(raw, "raw is null");
        if (raw.isNormalised()) {
            throw new IllegalArgumentException("regimes need raw feature values, got a normalised matrix");
        }
        int atr = raw.indexOf(Feature.ATR_REL_14.columnName());
        int adx = raw.indexOf(Feature.ADX_14.columnName());
        int efficiency = raw.indexOf(Feature.TREND_STRENGTH_20.columnName());
        byte[] regimes = new byte[raw.size()];
        for (int i = 0; i < regimes.length; i++) {
            AtrAdxRegime regime = AtrAdxRegime.NEUTRAL;
            if (raw.isUsable(i)) {
                regime = classify(100.0 * raw.value(i, atr), 100.0 * raw.value(i, adx), raw.value(i, efficiency));
            }
            regimes[i] = (byte) regime.ordinal();
        }
        return regimes;
    }
}
