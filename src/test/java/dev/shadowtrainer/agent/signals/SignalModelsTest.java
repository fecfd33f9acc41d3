package dev.shadowtrainer.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SignalModelsTest {
    private static final SignalModel TREND = new TrendFollowModel();
    private static final SignalModel RANGE = new RangeModel();
    private static final SignalModel BREAKOUT = new BreakoutModel();
    private static final SignalModel MEAN_REVERSION = new MeanReversionModel();

    /** Bars from closes: open = previous close, high/low 0.2% beyond the body. */
    private static SignalBars bars(double[] closes, int to) {
        SignalBars b = new SignalBars();
        for (int i = 0; i < to; i++) {
            double open = i == 0 ? closes[0] : closes[i - 1];
            b.add(open, Math.max(open, closes[i]) * 1.002, Math.min(open, closes[i]) * 0.998, closes[i], 10);
        }
        return b;
    }

    private static double[] series(int n, IntToDoubleFunction step) {
        double[] c = new double[n];
        c[0] = 100;
        for (int i = 1; i < n; i++) {
            c[i] = c[i - 1] * (1 + step.applyAsDouble(i));
        }
        return c;
    }

    private static Signal last(SignalModel model, double[] closes) {
        return model.bind(bars(closes, closes.length).series()).at(closes.length - 1);
    }

    @Test
    void noModelReadsBarsAfterTheDecisionBar() {
        // A seeded walk through trends, ranges, jumps and crashes; every model's advice at each bar of the cut
        // series must equal its advice at that bar inside the full series.
        Random r = new Random(11);
        double[] closes = series(700, i -> (i / 100 % 3 == 0 ? 0.002 : i / 100 % 3 == 1 ? -0.001 : 0)
                + 0.006 * r.nextGaussian() + (i % 97 == 0 ? 0.04 : 0) - (i % 131 == 0 ? 0.05 : 0));
        int longs = 0;
        for (SignalModel model : SignalModel.families()) {
            SignalModel.Bound full = model.bind(bars(closes, closes.length).series());
            for (int cut : new int[] {60, 233, 480, 699}) {
                SignalModel.Bound part = model.bind(bars(closes, cut + 1).series());
                for (int i = 0; i <= cut; i++) {
                    assertThat(part.at(i)).as("%s at bar %d cut at %d", model.name(), i, cut).isEqualTo(full.at(i));
                }
            }
            for (int i = 0; i < closes.length; i++) {
                longs += full.at(i).isLong() ? 1 : 0;
            }
        }
        assertThat(longs).as("the walk makes the models call LONG somewhere").isGreaterThan(50);
    }

    @Test
    void theTrendModelFollowsASteadyRiseAndNothingElseDoes() {
        // 120 bars up 0.5% a bar with a small wobble: ADX high, fast EMA above slow, close above EMA(50).
        double[] rise = series(120, i -> 0.005 + 0.001 * Math.sin(i));
        assertThat(last(TREND, rise).direction()).isEqualTo(Direction.LONG);
        assertThat(last(TREND, rise).confidence()).isGreaterThan(0.75);
        assertThat(last(RANGE, rise).direction()).isEqualTo(Direction.FLAT); // trending: ADX >= 25
        assertThat(last(MEAN_REVERSION, rise).direction()).isEqualTo(Direction.FLAT); // RSI near 100
        double[] fall = series(120, i -> -0.005 + 0.001 * Math.sin(i));
        assertThat(last(TREND, fall).direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void theRangeModelBuysTheFloorOfASidewaysMarket() {
        // A sideways zig-zag, +-1.5% around 100 with period 16 bars; the last bar sits at a trough.
        int n = 16 * 8 + 12; // ends three quarters into a period, the trough of a sine
        double[] closes = new double[n];
        for (int i = 0; i < n; i++) {
            closes[i] = 100 * (1 + 0.015 * Math.sin(2 * Math.PI * i / 16));
        }
        Signal atFloor = last(RANGE, closes);
        assertThat(atFloor.direction()).isEqualTo(Direction.LONG);
        assertThat(atFloor.confidence()).isGreaterThan(0.8);
        // a quarter period later the price is at the ceiling: out
        double[] top = java.util.Arrays.copyOf(closes, n - 8);
        assertThat(last(RANGE, top).direction()).isEqualTo(Direction.FLAT);
        assertThat(last(BREAKOUT, closes).direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void theBreakoutModelFiresWhenPriceLeavesItsChannel() {
        // 100 quiet bars (+-0.2%), then one bar closing 4% higher.
        double[] closes = series(101, i -> i == 100 ? 0.04 : 0.002 * Math.sin(i * 1.7));
        Signal jump = last(BREAKOUT, closes);
        assertThat(jump.direction()).isEqualTo(Direction.LONG);
        assertThat(jump.confidence()).isEqualTo(1.0); // several ATRs above the prior high: strength capped
        assertThat(last(BREAKOUT, java.util.Arrays.copyOf(closes, 100)).confidence()).isLessThan(1.0);
        assertThat(last(MEAN_REVERSION, closes).direction()).isEqualTo(Direction.FLAT);
        assertThat(last(RANGE, closes).direction()).isEqualTo(Direction.FLAT); // top of the channel
    }

    @Test
    void theMeanReversionModelBuysACrash() {
        // 80 quiet bars, then eight bars down 1.5% each: RSI(14) well under 30, close under the lower band.
        double[] closes = series(88, i -> i >= 80 ? -0.015 : 0.002 * Math.sin(i * 1.7));
        Signal crash = last(MEAN_REVERSION, closes);
        assertThat(crash.direction()).isEqualTo(Direction.LONG);
        assertThat(crash.confidence()).isGreaterThan(0.8);
        assertThat(last(BREAKOUT, closes).direction()).isEqualTo(Direction.FLAT);
        assertThat(last(TREND, closes).direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void modelsStayOutWhileWarmingUp() {
        double[] rise = series(120, i -> 0.005);
        for (SignalModel m : SignalModel.families()) {
            assertThat(m.bind(bars(rise, 120).series()).at(10)).isEqualTo(Signal.WARMING_UP);
        }
        assertThat(SignalModel.names(SignalModel.families()))
                .isEqualTo(List.of("trend-follow", "range", "breakout", "mean-reversion"));
    }
}
