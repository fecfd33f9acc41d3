package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.features.TrailingWinRate;
import dev.shadowtrainer.features.TrendRegime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateBuilderV2Test {
    @Test
    void accountHealthLevelsAndBoundaries() {
        // thresholds belong to the worse level
        assertThat(AccountHealth.of(0.0).score()).isEqualTo(1.0);
        assertThat(AccountHealth.of(0.0499).score()).isEqualTo(1.0);
        assertThat(AccountHealth.of(0.05).score()).isEqualTo(0.8);
        assertThat(AccountHealth.of(0.0999).score()).isEqualTo(0.8);
        assertThat(AccountHealth.of(0.10).score()).isEqualTo(0.6);
        assertThat(AccountHealth.of(0.1999).score()).isEqualTo(0.6);
        assertThat(AccountHealth.of(0.20).score()).isEqualTo(0.4);
        assertThat(AccountHealth.of(0.9).score()).isEqualTo(0.4);
    }

    @Test
    void volatilityPressureAndSlopeBoundaries() {
        assertThat(VolatilityBucket.of(0.0099)).isEqualTo(VolatilityBucket.LOW);
        assertThat(VolatilityBucket.of(0.01)).isEqualTo(VolatilityBucket.NORMAL);
        assertThat(VolatilityBucket.of(0.03)).isEqualTo(VolatilityBucket.NORMAL);
        assertThat(VolatilityBucket.of(0.0301)).isEqualTo(VolatilityBucket.HIGH);
        assertThat(PressureBucket.of(-0.3301)).isEqualTo(PressureBucket.SELLING);
        assertThat(PressureBucket.of(-0.33)).isEqualTo(PressureBucket.BALANCED);
        assertThat(PressureBucket.of(0.33)).isEqualTo(PressureBucket.BALANCED);
        assertThat(PressureBucket.of(0.3301)).isEqualTo(PressureBucket.BUYING);
        assertThat(SlopeBucket.of(-0.0011)).isEqualTo(SlopeBucket.FALLING);
        assertThat(SlopeBucket.of(-0.001)).isEqualTo(SlopeBucket.FLAT);
        assertThat(SlopeBucket.of(0.001)).isEqualTo(SlopeBucket.FLAT);
        assertThat(SlopeBucket.of(0.0011)).isEqualTo(SlopeBucket.RISING);
    }

    @Test
    void keysAreDistinctAcrossEveryBucketCombination() {
        Set<String> meta = new HashSet<>();
        double[] vols = {0.005, 0.02, 0.05};
        double[] pressures = {-0.5, 0, 0.5};
        double[] confidences = {0.4, 0.5, 0.6, 0.8, 0.9};
        double[] winRates = {0.3, 0.5, 0.7};
        for (TrendRegime r : TrendRegime.values()) {
            for (double v : vols) {
                for (double p : pressures) {
                    for (double c : confidences) {
                        for (double w : winRates) {
                            for (AccountHealth h : AccountHealth.values()) {
                                meta.add(new MetaStateV2(r, v, p, c, w, h).key());
                            }
                        }
                    }
                }
            }
        }
        assertThat(meta).hasSize(MetaStateV2.COUNT);
        Set<String> sizing = new HashSet<>();
        for (double c : confidences) {
            for (double e : new double[] {0.1, 0.4, 0.7, 0.9}) {
                for (double w : winRates) {
                    for (double v : vols) {
                        for (double s : new double[] {-0.01, 0, 0.01}) {
                            sizing.add(new SizingStateV2(c, e, w, v, s).key());
                        }
                    }
                }
            }
        }
        assertThat(sizing).hasSize(SizingStateV2.COUNT);
        assertThat(new MetaStateV2(TrendRegime.TREND, 0.02, 0.5, 0.8, 0.7, AccountHealth.HEALTHY).key())
                .isEqualTo("trend|normal|buying|high|good|healthy");
    }

    @Test
    void metaStateFromPricesReadsOnlyThePast() {
        // closes rise 1% per bar for 20 bars
        double[] closes = new double[30];
        closes[0] = 100;
        for (int i = 1; i < closes.length; i++) {
            closes[i] = closes[i - 1] * (i < 20 ? 1.01 : 0.5);
        }
        StateBuilderV2 builder = new StateBuilderV2();
        TrailingWinRate wins = new TrailingWinRate();
        wins.record(true);
        wins.record(true);
        wins.record(false);
        MetaStateV2 state = builder.meta(TrendRegime.TREND, closes, 19, 0.72, wins, 0.06);
        // constant 1% returns have no dispersion
        assertThat(state.volatility()).isZero();
        // pressure = tanh(20 * (1.01^5 - 1)) = tanh(20 * 0.0510100501)
        assertThat(state.marketPressure()).isCloseTo(Math.tanh(20 * (Math.pow(1.01, 5) - 1)), within(1e-12));
        assertThat(state.winRate()).isEqualTo(2.0 / 3);
        assertThat(state.accountHealth()).isEqualTo(AccountHealth.STRAINED);
        // the crash after bar 19 changes nothing at bar 19
        double[] cut = java.util.Arrays.copyOf(closes, 20);
        assertThat(builder.meta(TrendRegime.TREND, cut, 19, 0.72, wins, 0.06)).isEqualTo(state);
        assertThat(StateBuilderV2.marketPressure(closes, 4)).isZero();
    }

    @Test
    void sizingStateUsesTheLatestEquityWindow() {
        double[] equity = new double[50];
        for (int i = 0; i < equity.length; i++) {
            // falling for the first 20 points, then rising 1 per step
            equity[i] = i < 20 ? 1000 - i : 980 + (i - 20);
        }
        StateBuilderV2 builder = new StateBuilderV2(14, 30);
        SizingStateV2 state = builder.sizing(0.6, 0.2, new TrailingWinRate(), 0.02, equity, 50);
        // last 30 points 980..1009: slope 1 per step / mean 994.5
        assertThat(state.equitySlope()).isCloseTo(1 / 994.5, within(1e-12));
        assertThat(state.key()).isEqualTo("medium|light|neutral|normal|rising");
        assertThat(builder.sizing(0.6, 0.2, new TrailingWinRate(), 0.02, equity, 1).equitySlope()).isZero();
    }
}
