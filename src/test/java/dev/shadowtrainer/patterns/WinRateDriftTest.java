package dev.shadowtrainer.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WinRateDriftTest {
    private static boolean[] outcomes(int earlier, int earlierWins, int recent, int recentWins) {
        boolean[] w = new boolean[earlier + recent];
        for (int i = 0; i < earlierWins; i++) {
            w[i] = true;
        }
        for (int i = 0; i < recentWins; i++) {
            w[earlier + i] = true;
        }
        return w;
    }

    @Test
    void eightyThenTwentyPercentOnSixtyTradesHasInverted() {
        // recent = ceil(60/3) = 20, earlier 40. 32/40 then 4/20: pooled 36/60 = 0.6,
        // se = sqrt(0.24 * (1/40 + 1/20)) = sqrt(0.018) = 0.13416, z = 0.6 / 0.13416 = 4.4721,
        // p = 1 - Phi(4.4721) = 3.87e-6.
        WinRateDrift d = WinRateDrift.of(outcomes(40, 32, 20, 4));
        assertThat(d.earlierWinRate()).isEqualTo(0.8);
        assertThat(d.recentWinRate()).isEqualTo(0.2);
        assertThat(d.pValue()).isCloseTo(3.87e-6, within(0.02e-6));
        assertThat(d.inverted()).isTrue();
    }

    @Test
    void aSteadySixtyPercentHasNot() {
        // 24/40 then 12/20: equal rates, z = 0, p = 0.5
        WinRateDrift d = WinRateDrift.of(outcomes(40, 24, 20, 12));
        assertThat(d.pValue()).isCloseTo(0.5, within(1e-12));
        assertThat(d.inverted()).isFalse();
    }

    @Test
    void aDropOnThirtyTradesIsNoise() {
        // 11/20 = 55% then 4/10 = 40%: pooled 0.5, se = sqrt(0.25 * (1/20 + 1/10)) = 0.19365,
        // z = 0.15 / 0.19365 = 0.7746, p = 0.2193: winning then losing, but within noise
        WinRateDrift d = WinRateDrift.of(outcomes(20, 11, 10, 4));
        assertThat(d.earlierWinRate()).isGreaterThan(0.5);
        assertThat(d.recentWinRate()).isLessThan(0.5);
        assertThat(d.pValue()).isCloseTo(0.2193, within(1e-4));
        assertThat(d.inverted()).isFalse();
    }

    @Test
    void aSignificantDropThatStaysAboveHalfIsNoInversion() {
        // 38/40 = 95% then 11/20 = 55%: pooled 49/60, se = sqrt(0.81667*0.18333*0.075) = 0.10593,
        // z = 0.4/0.10593 = 3.776, p < 0.001, yet the pattern still wins more than half the time
        WinRateDrift d = WinRateDrift.of(outcomes(40, 38, 20, 11));
        assertThat(d.pValue()).isLessThan(0.001);
        assertThat(d.inverted()).isFalse();
    }

    @Test
    void allWinsOrTooFewMembers() {
        assertThat(WinRateDrift.of(outcomes(20, 20, 10, 10)).pValue()).isEqualTo(1.0);
        assertThat(WinRateDrift.of(new boolean[] {true, false})).isNull();
        assertThat(WinRateDrift.recentCount(30)).isEqualTo(10);
        assertThat(WinRateDrift.recentCount(31)).isEqualTo(11);
    }
}
