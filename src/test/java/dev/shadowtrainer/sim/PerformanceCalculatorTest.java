package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.market.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceCalculatorTest {
    private static final double EPS = 1e-12;

    private final PerformanceCalculator daily = new PerformanceCalculator(Timeframe.D1, 1);

    /**
     * Equity 10000, 11000, 9900, 10890, 10890 on daily bars: returns +0.1, −0.1, +0.1, 0.
     * Mean 0.025; deviations 0.075, −0.125, 0.075, −0.025 with squares summing to 0.0275, so the sample
     * variance is 0.0275 / 3 and the per-bar Sharpe ratio 0.025 / 0.0957427 = 0.2611165. The downside
     * deviation is √(0.01 / 4) = 0.05, so the per-bar Sortino ratio is 0.5. Both scale by √365.
     */
    @Test
    void handComputedCurveAndTrades() {
        double[] equity = {10_000, 11_000, 9_900, 10_890, 10_890};
        List<Trade> trades = List.of(
                Trades.closed(1, 100, 101.3, 10, 1.0, 12),
                Trades.closed(2, 100, 99.6, 10, 1.0, -5),
                Trades.closed(3, 100, 100.35, 10, 0.5, 3));
        PerformanceMetrics m = daily.measure(equity, trades, new RunCounters(2, 1, 3));

        assertThat(m.bars()).isEqualTo(5);
        assertThat(m.returns()).isEqualTo(4);
        assertThat(m.initialEquity()).isEqualTo(10_000);
        assertThat(m.finalEquity()).isEqualTo(10_890);
        assertThat(m.totalReturn()).isCloseTo(0.089, within(EPS));
        assertThat(m.cagr()).isCloseTo(Math.pow(1.089, 365 / 4.0) - 1, within(1e-9)).isCloseTo(2391.18, within(0.01));
        assertThat(m.sharpe()).isCloseTo(0.025 / Math.sqrt(0.0275 / 3) * Math.sqrt(365), within(1e-10))
                .isCloseTo(4.988623, within(1e-6));
        assertThat(m.sortino()).hasValueCloseTo(0.5 * Math.sqrt(365), within(1e-10));
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(EPS)); // 11000 -> 9900
        assertThat(m.trades()).isEqualTo(3);
        assertThat(m.winningTrades()).isEqualTo(2);
        assertThat(m.losingTrades()).isEqualTo(1);
        assertThat(m.winRate()).hasValueCloseTo(2 / 3.0, within(EPS));
        assertThat(m.profitFactor()).hasValueCloseTo(15 / 5.0, within(EPS));
        assertThat(m.grossProfit()).isCloseTo(15, within(EPS));
        assertThat(m.grossLoss()).isCloseTo(5, within(EPS));
        assertThat(m.meanTradePnl()).hasValueCloseTo(10 / 3.0, within(EPS));
        assertThat(m.feesPaid()).isCloseTo(2.5, within(EPS));
        // entry notional 3 x 1000 plus exit notional 1013 + 996 + 1003.5, over the initial 10000
        assertThat(m.turnover()).isCloseTo(6012.5 / 10_000, within(EPS));
        assertThat(m.exposure()).isCloseTo(3 / 5.0, within(EPS));
        assertThat(m.invalidActions()).isEqualTo(2);
        assertThat(m.circuitBreakerTrips()).isEqualTo(1);
        // Skewness −0.4933822, kurtosis 1.6280992 (population moments); with N = 1 this is Φ(SR·√3 / √shape).
        assertThat(m.deflatedSharpe()).isCloseTo(0.664097851209496, within(1e-12));
        assertThat(m.trials()).isEqualTo(1);
    }

    @Test
    void trialsDeflateTheSameRecord() {
        double[] equity = {10_000, 11_000, 9_900, 10_890, 10_890};
        PerformanceMetrics m = new PerformanceCalculator(Timeframe.D1, 10).measure(equity, List.of(), RunCounters.NONE);
        // SR0 = 0.9704502 per bar for N = 10 with V from the same moments, computed with arbitrary precision.
        assertThat(m.deflatedSharpe()).isCloseTo(0.124881487045036, within(1e-12));
        assertThat(m.trials()).isEqualTo(10);
    }

    @Test
    void returnMomentsOfTheHandComputedCurve() {
        ReturnStatistics s = ReturnStatistics.of(new double[] {10_000, 11_000, 9_900, 10_890, 10_890});
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.mean()).isCloseTo(0.025, within(EPS));
        assertThat(s.standardDeviation()).isCloseTo(Math.sqrt(0.0275 / 3), within(EPS));
        assertThat(s.downsideDeviation()).isCloseTo(0.05, within(EPS));
        // m2 = 0.006875, m3 = −0.00028125, m4 = 7.6953125e-5
        assertThat(s.skewness()).isCloseTo(-0.00028125 / Math.pow(0.006875, 1.5), within(1e-10));
        assertThat(s.kurtosis()).isCloseTo(7.6953125e-5 / (0.006875 * 0.006875), within(1e-10));
    }

    @Test
    void annualisesForTheTimeframe() {
        double[] equity = {100, 101, 100.5, 102, 101.7};
        double perBar = daily.measure(equity, List.of(), RunCounters.NONE).sharpe() / Math.sqrt(365);
        double m15 = new PerformanceCalculator(Timeframe.M15, 1).measure(equity, List.of(), RunCounters.NONE).sharpe();
        assertThat(m15).isCloseTo(perBar * Math.sqrt(365 * 96), within(1e-9));
    }

    @Test
    void flatEquityWithoutTradesHasZeroRatiosAndEmptyTradeStatistics() {
        PerformanceMetrics m = daily.measure(new double[] {5_000, 5_000, 5_000}, List.of(), RunCounters.NONE);
        assertThat(m.totalReturn()).isZero();
        assertThat(m.cagr()).isZero();
        assertThat(m.sharpe()).isZero();
        assertThat(m.sortino()).hasValue(0.0);
        assertThat(m.maxDrawdown()).isZero();
        assertThat(m.deflatedSharpe()).isZero();
        assertThat(m.trades()).isZero();
        assertThat(m.winRate()).isEmpty();
        assertThat(m.profitFactor()).isEmpty();
        assertThat(m.meanTradePnl()).isEmpty();
        assertThat(m.turnover()).isZero();
        assertThat(m.exposure()).isZero();
    }

    @Test
    void oneBarIsAllZeros() {
        PerformanceMetrics m = daily.measure(new double[] {10_000}, List.of(), new RunCounters(0, 0, 1));
        assertThat(m.bars()).isEqualTo(1);
        assertThat(m.returns()).isZero();
        assertThat(m.totalReturn()).isZero();
        assertThat(m.cagr()).isZero();
        assertThat(m.sharpe()).isZero();
        assertThat(m.sortino()).hasValue(0.0);
        assertThat(m.deflatedSharpe()).isZero();
        assertThat(m.exposure()).isEqualTo(1.0);
    }

    @Test
    void noLosingTradesLeavesProfitFactorEmptyAndSaysSo() {
        double[] equity = {1_000, 1_010, 1_030};
        List<Trade> wins = List.of(Trades.closed(1, 10, 11, 10, 0.1, 9.9), Trades.closed(2, 10, 12, 10, 0.1, 19.9));
        PerformanceMetrics m = daily.measure(equity, wins, new RunCounters(0, 0, 2));
        assertThat(m.losingTrades()).isZero();
        assertThat(m.grossLoss()).isZero();
        assertThat(m.profitFactor()).isEmpty();
        assertThat(m.winRate()).hasValue(1.0);
        // No bar lost while some gained: the Sortino ratio is unbounded, so it is left empty too.
        assertThat(m.sortino()).isEmpty();
        assertThat(m.sharpe()).isPositive();
    }

    @Test
    void ruinIsMinusOneHundredPercentAndStaysFinite() {
        PerformanceMetrics m = daily.measure(new double[] {1_000, 500, 0, 0}, List.of(), RunCounters.NONE);
        assertThat(m.totalReturn()).isEqualTo(-1.0);
        assertThat(m.cagr()).isEqualTo(-1.0);
        assertThat(m.maxDrawdown()).isEqualTo(1.0);
        assertThat(m.sharpe()).isNegative().isFinite();
    }

    @Test
    void absurdGrowthOverMinutesCapsCagrInsteadOfOverflowing() {
        PerformanceMetrics m = new PerformanceCalculator(Timeframe.M1, 1)
                .measure(new double[] {1, 10}, List.of(), RunCounters.NONE);
        assertThat(m.cagr()).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void rejectsCurvesThatCannotBeMeasured() {
        assertThatThrownBy(() -> daily.measure(new double[0], List.of(), RunCounters.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.measure(new double[] {0, 1}, List.of(), RunCounters.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.measure(new double[] {1, Double.NaN}, List.of(), RunCounters.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.measure(new double[] {1, 2}, List.of(), new RunCounters(0, 0, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerformanceCalculator(Timeframe.D1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
