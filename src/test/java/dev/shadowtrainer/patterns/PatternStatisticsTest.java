package dev.shadowtrainer.patterns;

import static dev.shadowtrainer.patterns.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.memory.Embedding;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternStatisticsTest {
    private static final PatternSettings SETTINGS = new PatternSettings(16, 3, 1, 50, new double[] {0.25, 1.0, 2.0});

    /** A pattern with made-up statistics, for look-up and store tests. */
    static Pattern pattern(int id, float[] centroid, PatternStatus status) {
        return new Pattern(id, centroid, 40, 30, 0.75, 0.6, 0.4, 0.3, 2.5, 1.5, 120, 35,
                new WinRateDrift(0.8, status == PatternStatus.BLACKLISTED ? 0.2 : 0.65, 0.01), true, status);
    }

    private static PatternSample sample(int minute, double pnl, double mfe, double mae) {
        return new PatternSample(T0.plusSeconds(60L * minute), Samples.axis(0), Embedding.VERSION, pnl, mfe, mae,
                pnl > 0);
    }

    @Test
    void fourTradesWorkedOutByHand() {
        List<PatternSample> members = List.of(sample(0, 2, 2.5, -0.3), sample(1, -1, 0.2, -1.4),
                sample(2, 1, 1.2, -0.1), sample(3, -2, 0.1, -2.5));
        Pattern p = PatternStatistics.describe(0, Samples.axis(0), members, SETTINGS);
        assertThat(p.members()).isEqualTo(4);
        assertThat(p.wins()).isEqualTo(2);
        assertThat(p.winRate()).isEqualTo(0.5);
        // Wilson, z = 1.96: (0.5 + 3.8415/8 - 1.96 * sqrt(0.25/4 + 3.8415/64)) / (1 + 3.8415/4) = 0.1500
        assertThat(p.winRateLowerBound()).isCloseTo(0.1500, within(1e-4));
        // mean 0: Sharpe 0, smallest size; gains 3, losses 3: profit factor 1
        assertThat(p.meanPnlPercent()).isZero();
        assertThat(p.sharpe()).isZero();
        assertThat(p.profitFactor()).isEqualTo(1.0);
        assertThat(p.sizeMultiplier()).isEqualTo(0.25);
        // winners' MFE 250 and 120 bps: median 185; their |MAE| 30 and 10 bps: 90th pct 10 + 0.9 * 20 = 28
        assertThat(p.takeProfitBps()).isCloseTo(185, within(1e-9));
        assertThat(p.stopLossBps()).isCloseTo(28, within(1e-9));
        assertThat(p.trusted()).isTrue();
        assertThat(p.drift()).isNotNull();
    }

    @Test
    void sharpeAndProfitFactorOfAWinningPattern() {
        // pnl 1, 2, 3: mean 2, sample sd 1, Sharpe 2; no loss: no profit factor
        List<PatternSample> members = List.of(sample(0, 1, 1, 0), sample(1, 2, 2, -0.5), sample(2, 3, 3, -0.1));
        Pattern p = PatternStatistics.describe(0, Samples.axis(0), members, SETTINGS);
        assertThat(p.sharpe()).isCloseTo(2.0, within(1e-12));
        assertThat(p.profitFactor()).isNull();
        // se = 1 / sqrt(3) = 0.577; 2 - 2 * 0.577 > 0: the largest size
        assertThat(p.sizeMultiplier()).isEqualTo(2.0);
        // a winner with MAE 0 gives a stop of at least 1 bp
        Pattern single = PatternStatistics.describe(0, Samples.axis(0), List.of(sample(0, 1, 0.5, 0)), SETTINGS);
        assertThat(single.stopLossBps()).isEqualTo(1.0);
        assertThat(single.sharpe()).isZero();
        assertThat(single.trusted()).isFalse();
    }

    @Test
    void sizeGrowsWithTheEdgeMeasuredInStandardErrors() {
        // n = 16, sd = 1: se = 0.25
        assertThat(PatternStatistics.sizeIndex(1.0, 1, 16)).isEqualTo(2);   // 1 - 0.5 > 0
        assertThat(PatternStatistics.sizeIndex(0.3, 1, 16)).isEqualTo(1);   // 0.3 - 0.25 > 0 >= 0.3 - 0.5
        assertThat(PatternStatistics.sizeIndex(0.2, 1, 16)).isZero();       // 0.2 - 0.25 < 0
        assertThat(PatternStatistics.sizeIndex(-1.0, 1, 16)).isZero();
        assertThat(PatternStatistics.sizeIndex(5.0, 0, 1)).isZero();        // one trade is no evidence
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        assertThat(PatternStatistics.quantile(new double[] {4, 1, 3, 2}, 0.5)).isEqualTo(2.5);
        assertThat(PatternStatistics.quantile(new double[] {10, 0}, 0.9)).isEqualTo(9.0);
        assertThat(PatternStatistics.quantile(new double[] {7}, 0.9)).isEqualTo(7.0);
    }
}
