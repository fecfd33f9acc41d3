package dev.shadowtrainer.rl;

/**
 * The position-sizing agent v2's state: signal confidence, portfolio exposure, trailing win rate (20 trades),
 * volatility and equity-curve slope. {@link #key()} discretises it: {@link ConfidenceBucket} (5) &times;
 * {@link ExposureBucket} (4) &times; {@link PerformanceBucket} (3) &times; {@link VolatilityBucket} (3) &times;
 * {@link SlopeBucket} (3) = {@value #COUNT} keys, e.g. {@code high|light|good|normal|rising}.
 */
public record SizingStateV2(double confidence, double exposure, double winRate, double volatility,
                            double equitySlope) {
    public static final int COUNT = 5 * 4 * 3 * 3 * 3;

    public String key() {
        return ConfidenceBucket.of(confidence).key() + "|" + ExposureBucket.of(exposure).key() + "|"
                + PerformanceBucket.of(winRate).key() + "|" + VolatilityBucket.of(volatility).key() + "|"
                + SlopeBucket.of(equitySlope).key();
    }
}
