package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportChartsTest {
    @Test
    void aShortSeriesKeepsEveryPoint() {
        assertThat(ReportCharts.envelope(new double[] {3, 1, 2}, 10)).containsExactly(0, 1, 2);
    }

    @Test
    void aLongSeriesKeepsItsEndsItsExtremesAndTimeOrderWithinTheBudget() {
        double[] v = new double[8640];
        Random random = new Random(3);
        for (int i = 1; i < v.length; i++) {
            v[i] = v[i - 1] + random.nextGaussian();
        }
        v[4321] = 1e6; // a one-bar spike must survive the thinning
        v[777] = -1e6;
        int[] keep = ReportCharts.envelope(v, 1200);
        assertThat(keep.length).isLessThanOrEqualTo(1202).isGreaterThan(600);
        assertThat(keep[0]).isZero();
        assertThat(keep[keep.length - 1]).isEqualTo(v.length - 1);
        for (int i = 1; i < keep.length; i++) {
            assertThat(keep[i]).isGreaterThan(keep[i - 1]);
        }
        assertThat(keep).contains(4321, 777);
    }
}
