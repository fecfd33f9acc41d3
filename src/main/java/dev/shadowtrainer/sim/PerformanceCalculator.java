package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.Timeframe;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Computes {@link PerformanceMetrics} from an equity curve, the closed trades and the simulator's
 * counters. Ratios are annualised for the timeframe with 365 days a year, because crypto markets
 * never close.
 */
public final class PerformanceCalculator {
    private static final double MILLIS_PER_YEAR = 365 * 86_400_000.0;

    private final Timeframe timeframe;
    private final long trials;
    private final double annualisation;

    /**
     * @param timeframe bar length of the equity curves this calculator measures
     * @param trials    configurations tried, this one included (the N of the deflated Sharpe ratio)
     */
    public PerformanceCalculator(Timeframe timeframe, long trials) {
        this.timeframe = Objects.requireNonNull(timeframe, "timeframe is null");
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        }
        this.trials = trials;
        this.annualisation = Math.sqrt(MILLIS_PER_YEAR / timeframe.millis());
    }

    public PerformanceMetrics measure(WindowOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome is null");
        return measure(outcome.curve().equity(), outcome.trades(), outcome.counters());
    }

    /**
     * @param equity   equity at each bar's close; the first element is the initial equity (positive),
     *                 none negative
     * @param trades   trades closed in the window
     * @param counters invalid actions, circuit-breaker trips and bars in a position during the window
     */
    public PerformanceMetrics measure(double[] equity, List<Trade> trades, RunCounters counters) {
        Objects.requireNonNull(equity, "equity is null");
        Objects.requireNonNull(trades, "trades is null");
        Objects.requireNonNull(counters, "counters is null");
        if (equity.length == 0 || !(equity[0] > 0)) {
            throw new IllegalArgumentException("equity must hold at least one bar and start positive");
        }
        for (int i = 0; i < equity.length; i++) {
            if (!(equity[i] >= 0) || Double.isInfinite(equity[i])) {
                throw new IllegalArgumentException("equity at bar " + i + " must be finite and not negative, got "
                        + equity[i]);
            }
        }
        int bars = equity.length;
        if (counters.barsInPosition() > bars) {
            throw new IllegalArgumentException("bars in position (" + counters.barsInPosition() + ") exceed the "
                    + bars + " bars of the curve");
        }
        double initial = equity[0];
        double last = equity[bars - 1];
        ReturnStatistics stats = ReturnStatistics.of(equity);
        double sharpePerBar = stats.sharpePerBar();

        int wins = 0;
        int losses = 0;
        double grossProfit = 0;
        double grossLoss = 0;
        double fees = 0;
        double traded = 0;
        for (Trade t : trades) {
            if (t.pnl() > 0) {
                wins++;
                grossProfit += t.pnl();
            } else if (t.pnl() < 0) {
                losses++;
                grossLoss -= t.pnl();
            }
            fees += t.fees();
            traded += t.notional() + t.quantity() * t.exitPrice();
        }
        int count = trades.size();
        return new PerformanceMetrics(bars, stats.count(), initial, last, last / initial - 1,
                cagr(initial, last, bars), sharpePerBar * annualisation, sortino(stats), maxDrawdown(equity),
                deflatedSharpe(stats), trials,
                count, wins, losses,
                count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) wins / count),
                losses == 0 ? OptionalDouble.empty() : OptionalDouble.of(grossProfit / grossLoss),
                grossProfit, grossLoss,
                count == 0 ? OptionalDouble.empty() : OptionalDouble.of((grossProfit - grossLoss) / count),
                (double) counters.barsInPosition() / bars, traded / initial, fees,
                counters.invalidActions(), counters.circuitBreakerTrips());
    }

    /** Growth per 365-day year over the bars evaluated (not calendar time, so gaps between windows don't count). */
    private double cagr(double initial, double last, int bars) {
        double years = (bars - 1) * (double) timeframe.millis() / MILLIS_PER_YEAR;
        if (years == 0) {
            return 0;
        }
        if (last == 0) {
            return -1;
        }
        double growth = Math.expm1(Math.log(last / initial) / years);
        return Double.isInfinite(growth) ? Double.MAX_VALUE : growth;
    }

    /** Returns that never vary carry no evidence of skill, so they score 0 rather than Φ(0) = 0.5. */
    private double deflatedSharpe(ReturnStatistics stats) {
        if (stats.standardDeviation() == 0) {
            return 0;
        }
        return DeflatedSharpe.of(stats.sharpePerBar(), stats.count(), stats.skewness(), stats.kurtosis(), trials);
    }

    private OptionalDouble sortino(ReturnStatistics stats) {
        if (stats.downsideDeviation() > 0) {
            return OptionalDouble.of(stats.mean() / stats.downsideDeviation() * annualisation);
        }
        return stats.mean() > 0 ? OptionalDouble.empty() : OptionalDouble.of(0);
    }

    private static double maxDrawdown(double[] equity) {
        double peak = equity[0];
        double worst = 0;
        for (double e : equity) {
            if (e > peak) {
                peak = e;
            } else {
                worst = Math.max(worst, (peak - e) / peak);
            }
        }
        return worst;
    }
}
