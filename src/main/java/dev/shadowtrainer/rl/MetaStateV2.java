package dev.shadowtrainer.rl;

import dev.shadowtrainer.features.TrendRegime;
import java.util.Locale;
import java.util.Objects;

/**
 * The meta-strategy agent's state: regime, volatility, market pressure, signal confidence, trailing win rate (20
 * trades) and account health. {@link #key()} discretises it: regime (5, {@link TrendRegime}) &times;
 * {@link VolatilityBucket} (3) &times; {@link PressureBucket} (3) &times; {@link ConfidenceBucket} (5) &times;
 * {@link PerformanceBucket} (3) &times; {@link AccountHealth} (4) = {@value #COUNT} keys, e.g.
 * {@code trend|normal|buying|high|good|healthy}.
 */
public record MetaStateV2(TrendRegime regime, double volatility, double marketPressure, double confidence,
                          double winRate, AccountHealth accountHealth) {
    public static final int COUNT = 5 * 3 * 3 * 5 * 3 * 4;

    public MetaStateV2 {
        Objects.requireNonNull(regime, "regime is null");
        Objects.requireNonNull(accountHealth, "accountHealth is null");
    }

    public String key() {
        return regime.name().toLowerCase(Locale.ROOT) + "|" + VolatilityBucket.of(volatility).key() + "|"
                + PressureBucket.of(marketPressure).key() + "|" + ConfidenceBucket.of(confidence).key() + "|"
                + PerformanceBucket.of(winRate).key() + "|" + accountHealth.key();
    }
}
