package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.market.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

class EquityCurveTest {
    private static final long DAY = 86_400_000L;

    private static long[] days(long... d) {
        long[] t = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            t[i] = d[i] * DAY;
        }
        return t;
    }

    @Test
    void chainingCompoundsEachWindowFromWhereThePreviousEnded() {
        EquityCurve a = new EquityCurve(days(0, 1, 2), new double[] {100, 110, 121});
        EquityCurve b = new EquityCurve(days(3, 4), new double[] {100, 90});
        EquityCurve joined = EquityCurve.chain(List.of(a, b), 1_000);
        assertThat(joined.times()).containsExactly(days(0, 1, 2, 3, 4));
        assertThat(joined.equity()).containsExactly(new double[] {1_000, 1_100, 1_210, 1_210, 1_089}, within(1e-9));
    }

    @Test
    void combinedOutcomeIsMeasuredAsOneRecord() {
        Trade first = Trades.closed(1, 100, 110, 1, 0.2, 9.8);
        Trade second = Trades.closed(3, 100, 90, 1, 0.2, -10.2);
        WindowOutcome a = new WindowOutcome(new EquityCurve(days(0, 1, 2), new double[] {100, 110, 121}),
                List.of(first), new RunCounters(1, 0, 2));
        WindowOutcome b = new WindowOutcome(new EquityCurve(days(3, 4), new double[] {100, 90}),
                List.of(second), new RunCounters(0, 1, 1));
        WindowOutcome all = WindowOutcome.combine(List.of(a, b), 100);

        assertThat(all.trades()).containsExactly(first, second);
        assertThat(all.counters()).isEqualTo(new RunCounters(1, 1, 3));
        PerformanceMetrics m = new PerformanceCalculator(Timeframe.D1, 1).measure(all);
        assertThat(m.bars()).isEqualTo(5);
        assertThat(m.totalReturn()).isCloseTo(0.089, within(1e-12)); // 1.21 * 0.9 - 1
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(m.exposure()).isCloseTo(0.6, within(1e-12));
        assertThat(m.turnover()).isCloseTo((100 + 110 + 100 + 90) / 100.0, within(1e-12));
        assertThat(m.trades()).isEqualTo(2);
        assertThat(m.invalidActions()).isEqualTo(1);
        assertThat(m.circuitBreakerTrips()).isEqualTo(1);
    }

    @Test
    void overlappingWindowsAreRejected() {
        EquityCurve a = new EquityCurve(days(0, 1, 2), new double[] {100, 110, 121});
        EquityCurve b = new EquityCurve(days(2, 3), new double[] {100, 90});
        assertThatThrownBy(() -> EquityCurve.chain(List.of(a, b), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
    }

    @Test
    void rejectsMalformedCurves() {
        assertThatThrownBy(() -> new EquityCurve(days(0, 1), new double[] {100}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EquityCurve(days(1, 1), new double[] {100, 100}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EquityCurve(days(0, 1), new double[] {100, -1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EquityCurve(days(0), new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EquityCurve.chain(List.of(), 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void curveIsACopyNotAView() {
        double[] values = {100, 105};
        EquityCurve curve = new EquityCurve(days(0, 1), values);
        values[1] = 1;
        curve.equity()[1] = 2;
        assertThat(curve.last()).isEqualTo(105);
        assertThat(curve.timeAt(1)).isEqualTo(DAY);
    }
}
