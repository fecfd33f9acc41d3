package dev.shadowtrainer.rl;

import dev.shadowtrainer.features.AtrAdxRegime;
import java.util.Locale;
import java.util.Objects;

/**
 * State of the position-sizing agent v1: regime (5, from {@link dev.shadowtrainer.features.AtrAdxRegimeDetector})
 * &times; {@link ConfidenceBucket} (5) &times; {@link ExposureBucket} (4) &times; {@link PerformanceBucket} (3) =
 * {@value #COUNT} states. Key: {@code regime|confidence|exposure|performance} in lower case, e.g.
 * {@code low_vol_trending|high|light|good}.
 */
public record SizingStateV1(AtrAdxRegime regime, ConfidenceBucket confidence, ExposureBucket exposure,
                            PerformanceBucket performance) {
    /** Number of distinct v1 states. */
    public static final int COUNT = 300;

    public SizingStateV1 {
        Objects.requireNonNull(regime, "regime is null");
        Objects.requireNonNull(confidence, "confidence is null");
        Objects.requireNonNull(exposure, "exposure is null");
        Objects.requireNonNull(performance, "performance is null");
    }

    /** The state of raw inputs: confidence, exposure and trailing win rate as fractions. */
    public static SizingStateV1 of(AtrAdxRegime regime, double confidence, double exposure, double winRate) {
        return new SizingStateV1(regime, ConfidenceBucket.of(confidence), ExposureBucket.of(exposure),
                PerformanceBucket.of(winRate));
    }

    public String key() {
        return regime.name().toLowerCase(Locale.ROOT) + "|" + confidence.key() + "|" + exposure.key() + "|"
                + performance.key();
    }

    /** The state of a key written by {@link #key()}. */
    public static SizingStateV1 parse(String key) {
        String[] p = key.split("\\|", -1);
        try {
            if (p.length != 4) {
                throw new IllegalArgumentException();
            }
            return new SizingStateV1(AtrAdxRegime.valueOf(p[0].toUpperCase(Locale.ROOT)),
                    ConfidenceBucket.valueOf(p[1].toUpperCase(Locale.ROOT)),
                    ExposureBucket.valueOf(p[2].toUpperCase(Locale.ROOT)),
                    PerformanceBucket.valueOf(p[3].toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "' is not a v1 sizing state key"
                    + " (regime|confidence|exposure|performance)");
        }
    }
}
