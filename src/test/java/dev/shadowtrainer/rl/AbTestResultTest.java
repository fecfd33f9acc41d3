package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.ExitReason;
import dev.shadowtrainer.sim.Trade;
import dev.shadowtrainer.sim.TradeKind;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class AbTestResultTest {
    @Test
    void studentTMatchesClosedForms() {
        // df 1 is the Cauchy distribution: P(|T| >= t) = 1 - 2 atan(t) / pi; t = 1 -> 1/2, t = sqrt 3 -> 1/3.
        assertThat(StudentT.twoSidedP(1, 1)).isCloseTo(0.5, within(1e-13));
        assertThat(StudentT.twoSidedP(Math.sqrt(3), 1)).isCloseTo(1.0 / 3, within(1e-13));
        // df 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so P(|T| >= 2) = 1 - 2 / sqrt 6 = 0.183503419...
        assertThat(StudentT.twoSidedP(2, 2)).isCloseTo(1 - 2 / Math.sqrt(6), within(1e-13));
        assertThat(StudentT.twoSidedP(-2, 2)).isCloseTo(1 - 2 / Math.sqrt(6), within(1e-13));
        assertThat(StudentT.cdf(2, 2)).isCloseTo(0.5 + 1 / Math.sqrt(6), within(1e-13));
        assertThat(StudentT.cdf(-2, 2)).isCloseTo(0.5 - 1 / Math.sqrt(6), within(1e-13));
        // t = 0 is the centre; huge df is the normal: P(|Z| >= 1.959963984540054) = 0.05
        assertThat(StudentT.twoSidedP(0, 7.3)).isCloseTo(1.0, within(1e-13));
        assertThat(StudentT.twoSidedP(1.959963984540054, 1e9)).isCloseTo(0.05, within(1e-7));
        // ln Gamma at known points: Gamma(1/2) = sqrt(pi), Gamma(5) = 24
        assertThat(StudentT.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(StudentT.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    }

    @Test
    void welchOnAWorkedExample() {
        // A = 1..5: mean 3, s^2 = 10/4 = 2.5; B = 2,4,..,10: mean 6, s^2 = 40/4 = 10.
        // s^2/n: 0.5 and 2, se = sqrt 2.5, t = -3 / sqrt 2.5 = -1.8973666
        // df = 2.5^2 / (0.5^2/4 + 2^2/4) = 6.25 / 1.0625 = 5.8823529
        // pooled s^2 = (4 * 2.5 + 4 * 10) / 8 = 6.25, s = 2.5, d = -3 / 2.5 = -1.2
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {2, 4, 6, 8, 10};
        AbTestResult.Welch w = AbTestResult.Welch.of(a, b);
        assertThat(w.t()).isCloseTo(-3 / Math.sqrt(2.5), within(1e-12));
        assertThat(w.df()).isCloseTo(6.25 / 1.0625, within(1e-12));
        assertThat(AbTestResult.cohenD(a, b)).isCloseTo(-1.2, within(1e-12));
        // the p-value against a maintained library's Welch test (commons-math3, on the classpath through DL4J)
        assertThat(w.p()).isCloseTo(new TTest().tTest(a, b), within(1e-10));
        assertThat(w.p()).isBetween(0.10, 0.11);
    }

    @Test
    void welchWithAnExactAnswerByHand() {
        // A = 0, 1, 2: mean 1, s^2 = 1, s^2/n = 1/3. B = -1, -1, -1: no variance.
        // t = 2 / sqrt(1/3) = 2 sqrt 3; df = (1/3)^2 / ((1/3)^2 / 2) = 2 exactly;
        // p = 1 - t / sqrt(2 + t^2) = 1 - sqrt(12/14) = 1 - sqrt(6/7) = 0.0741799...
        AbTestResult.Welch w = AbTestResult.Welch.of(new double[] {0, 1, 2}, new double[] {-1, -1, -1});
        assertThat(w.t()).isCloseTo(2 * Math.sqrt(3), within(1e-12));
        assertThat(w.df()).isCloseTo(2, within(1e-12));
        assertThat(w.p()).isCloseTo(1 - Math.sqrt(6.0 / 7), within(1e-12));
    }

    @Test
    void welchAgreesWithTheLibraryOnLargeUnequalSamples() {
        SplittableRandom random = new SplittableRandom(5);
        double[] a = new double[150];
        double[] b = new double[230];
        Arrays.setAll(a, i -> random.nextGaussian() * 1.8 + 0.1);
        Arrays.setAll(b, i -> random.nextGaussian() * 0.9 - 0.2);
        AbTestResult.Welch w = AbTestResult.Welch.of(a, b);
        TTest library = new TTest();
        assertThat(w.t()).isCloseTo(library.t(a, b), within(1e-10));
        assertThat(w.p()).isCloseTo(library.tTest(a, b), within(1e-10));
    }

    @Test
    void undefinedTestsAreNullNotNumbers() {
        assertThat(AbTestResult.Welch.of(new double[] {1}, new double[] {1, 2, 3})).isNull();
        assertThat(AbTestResult.Welch.of(new double[] {1, 1}, new double[] {2, 2})).isNull();
        assertThat(AbTestResult.cohenD(new double[] {1, 1}, new double[] {2, 2})).isNull();
        AbTestResult r = AbTestResult.of("A", new double[0], new double[0], "B", new double[] {1}, new double[] {1});
        assertThat(r.p()).isNull();
        assertThat(r.a().meanR()).isNull();
        assertThat(r.significant()).isFalse();
    }

    @Test
    void groupNumbersByHand() {
        // pnl 10, -4, -8, 5, -20, 30: cumulative 10, 6, -2, 3, -17, 13; peak 10, trough -17 -> drawdown 27
        double[] pnl = {10, -4, -8, 5, -20, 30};
        double[] r = {1, 2, 3, 4, 5, 3}; // mean 3, s^2 = (4+1+0+1+4+0)/5 = 2, Sharpe 3 / sqrt 2
        AbTestResult.Group g = AbTestResult.Group.of("A", r, pnl);
        assertThat(g.trades()).isEqualTo(6);
        assertThat(g.wins()).isEqualTo(3);
        assertThat(g.winRate()).isEqualTo(0.5);
        assertThat(g.meanR()).isCloseTo(3, within(1e-12));
        assertThat(g.sdR()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(g.sharpe()).isCloseTo(3 / Math.sqrt(2), within(1e-12));
        assertThat(g.maxDrawdown()).isCloseTo(27, within(1e-12));
        assertThat(g.totalPnl()).isCloseTo(13, within(1e-12));
        // losing from the first trade: the drawdown counts from 0
        assertThat(AbTestResult.Group.of("B", new double[] {-1, -1}, new double[] {-5, -5}).maxDrawdown())
                .isCloseTo(10, within(1e-12));
    }

    @Test
    void neverSignificantAtOrAboveFivePercentOrBelowOneHundredTrades() {
        assertThat(AbTestResult.significant(0.05, 100, 100)).isFalse();
        assertThat(AbTestResult.significant(0.2, 500, 500)).isFalse();
        assertThat(AbTestResult.significant(null, 500, 500)).isFalse();
        assertThat(AbTestResult.significant(Math.nextDown(0.05), 100, 100)).isTrue();
        assertThat(AbTestResult.significant(1e-12, 99, 500)).isFalse();
        assertThat(AbTestResult.significant(1e-12, 500, 99)).isFalse();

        // 99 trades against 100 with a huge difference in R: a tiny p, still not significant
        double[] a = new double[99];
        double[] b = new double[100];
        Arrays.setAll(a, i -> 2 + (i % 2) * 0.1);
        Arrays.setAll(b, i -> -1 + (i % 2) * 0.1);
        AbTestResult few = AbTestResult.of("A (rl-v1)", a, a, "B (atr)", b, b);
        assertThat(few.p()).isLessThan(1e-10);
        assertThat(few.significant()).isFalse();
        assertThat(few.verdict()).startsWith("not significant: too few trades").contains("A (rl-v1) 99")
                .contains("at least 100");

        // one more trade in A: now it is significant, and the verdict names the direction
        double[] a100 = Arrays.copyOf(a, 100);
        a100[99] = 2;
        AbTestResult enough = AbTestResult.of("A (rl-v1)", a100, a100, "B (atr)", b, b);
        assertThat(enough.significant()).isTrue();
        assertThat(enough.verdict()).startsWith("significant: p = ").contains("A (rl-v1) has the higher mean R");

        // same distribution in both groups: p large, verdict says not significant
        AbTestResult same = AbTestResult.of("A", b, b, "B", b.clone(), b.clone());
        assertThat(same.p()).isCloseTo(1.0, within(1e-12));
        assertThat(same.significant()).isFalse();
        assertThat(same.verdict()).startsWith("not significant: p = 1.000 >= 0.05");
    }

    @Test
    void rMultipleIsPnlOverNotionalTimesTheStopDistance() {
        // stop 15 bps, maintenance 0.5 %
        ExecutionConfig config = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 15, 30, 8, 2, 5, 1,
                false, 2, 3, 0.0, 20, 0, 0);
        assertThat(RMultiple.riskDistance(config, 1)).isEqualTo(0.0015);
        // leverage 5: liquidation 1/5 - 0.005 = 19.5 % below, far past the stop; the stop is the risk
        assertThat(RMultiple.riskDistance(config, 5)).isEqualTo(0.0015);
        // notional 1000 at leverage 3 risks 1000 * 0.0015 = 1.5; pnl +3 is +2 R, pnl -2.4 is -1.6 R
        assertThat(RMultiple.of(trade(1000, 3, 3), config)).isCloseTo(2, within(1e-12));
        assertThat(RMultiple.of(trade(1000, 3, -2.4), config)).isCloseTo(-1.6, within(1e-12));
        // a 500 bps stop at leverage 50: liquidation at 1/50 - 0.005 = 1.5 % comes first and is the risk
        ExecutionConfig wide = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 500, 800, 8, 2, 5, 1,
                false, 2, 3, 0.0, 20, 0, 0);
        assertThat(RMultiple.riskDistance(wide, 50)).isCloseTo(0.015, within(1e-15));
        assertThat(RMultiple.riskDistance(wide, 10)).isEqualTo(0.05); // 1/10 - 0.005 = 9.5 % > 5 %
        assertThat(RMultiple.of(trade(2000, 50, -30), wide)).isCloseTo(-1, within(1e-12));
    }

    private static Trade trade(double notional, double leverage, double pnl) {
        return new Trade(1, TradeKind.AGENT, 10, 12, 0, 1_800_000, 100, 100.3, 1, notional, notional / 100, leverage, 0.7,
                pnl, 100 * pnl / notional, 0.4, -0.1, ExitReason.TAKE_PROFIT, (byte) 0, (byte) 0, new float[0]);
    }
}
