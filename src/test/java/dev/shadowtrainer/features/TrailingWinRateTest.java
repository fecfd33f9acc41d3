package dev.shadowtrainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrailingWinRateTest {

    @Test
    void emptyRateIsOneHalf() {
        assertThat(new TrailingWinRate().rate()).isEqualTo(0.5);
        assertThat(new TrailingWinRate().capacity()).isEqualTo(20);
    }

    @Test
    void countsWinsAmongRecordedOutcomes() {
        TrailingWinRate rate = new TrailingWinRate();
        rate.record(true);
        rate.record(true);
        rate.record(false);
        rate.record(true);
        assertThat(rate.rate()).isEqualTo(0.75);
        assertThat(rate.count()).isEqualTo(4);
    }

    @Test
    void forgetsOutcomesOlderThanTheLastTwenty() {
        TrailingWinRate rate = new TrailingWinRate();
        for (int i = 0; i < 5; i++) {
            rate.record(true);
        }
        for (int i = 0; i < 20; i++) {
            rate.record(i % 4 == 0);
        }
        // The five early wins are gone; 5 of the last 20 are wins.
        assertThat(rate.rate()).isEqualTo(0.25);
        assertThat(rate.count()).isEqualTo(20);
        // The next win pushes out the oldest kept outcome, a win; the one after pushes out a loss.
        rate.record(true);
        assertThat(rate.rate()).isEqualTo(0.25);
        rate.record(true);
        assertThat(rate.rate()).isEqualTo(0.30);
    }

    @Test
    void smallCapacityAndClear() {
        TrailingWinRate rate = new TrailingWinRate(3);
        rate.record(true);
        rate.record(false);
        rate.record(false);
        rate.record(false);
        assertThat(rate.rate()).isZero();
        rate.clear();
        assertThat(rate.rate()).isEqualTo(0.5);
        assertThat(rate.count()).isZero();
        assertThatThrownBy(() -> new TrailingWinRate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
