package dev.shadowtrainer.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * How one entry feature separates a pattern's winners from its losers: Cohen's d, the difference of
 * the two means over the pooled standard deviation sqrt(((nW-1)sW² + (nL-1)sL²) / (nW+nL-2)) with
 * sample variances. By the usual reading |d| of 0.2 is small, 0.5 medium and 0.8 large.
 *
 * @param effectSize  Cohen's d of winners minus losers (positive: the feature is higher in winners)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeatureEffect(String feature, double effectSize, double winnersMean, double losersMean) {
    public FeatureEffect {
        Objects.requireNonNull(feature, "feature is null");
        if (!Double.isFinite(effectSize) || !Double.isFinite(winnersMean) || !Double.isFinite(losersMean)) {
            throw new IllegalArgumentException("feature effect of " + feature + " is not finite");
        }
    }

    /** Which way the feature points for winners. */
    public enum Direction { HIGHER_IN_WINNERS, LOWER_IN_WINNERS }

    @JsonProperty
    public Direction direction() {
        return effectSize >= 0 ? Direction.HIGHER_IN_WINNERS : Direction.LOWER_IN_WINNERS;
    }

    /** True when {@code value} is nearer the winners' mean than the losers'. */
    boolean onWinnersSide(double value) {
        return Math.abs(value - winnersMean) < Math.abs(value - losersMean);
    }
}
