package dev.shadowtrainer.sim;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The performance of one run or test window, after fees and slippage. Every number is finite, so the
 * record serialises to JSON without NaN or Infinity: a ratio that is undefined or unbounded is an
 * empty {@link OptionalDouble} (JSON null) and the fields beside it say why.
 *
 * @param bars                bars in the equity curve
 * @param returns             per-bar returns the ratios are computed from (bars − 1)
 * @param initialEquity       equity at the first bar (quote currency)
 * @param finalEquity         equity at the last bar's close
 * @param totalReturn         finalEquity / initialEquity − 1
 * @param cagr                compound annual growth over a 365-day year (crypto trades every day),
 *                            counting the bars evaluated; 0 for one bar; capped at Double.MAX_VALUE
 *                            when the extrapolation of a tiny window overflows
 * @param sharpe              annualised Sharpe ratio: mean / sample std of per-bar returns × √(bars per
 *                            year); 0 when equity never changes
 * @param sortino             annualised Sortino ratio: mean / √(mean(min(r, 0)²)) × √(bars per year);
 *                            0 for flat equity, empty when no bar lost but some gained (unbounded)
 * @param maxDrawdown         largest peak-to-trough fall of equity as a fraction of the peak
 * @param deflatedSharpe      probability that the per-bar Sharpe ratio beats the luck of {@code trials}
 *                            tries (see {@link DeflatedSharpe}); 0 when undefined
 * @param trials              configurations tried, the N of the deflated Sharpe ratio
 * @param trades              closed trades
 * @param winningTrades       trades with pnl &gt; 0
 * @param losingTrades        trades with pnl &lt; 0
 * @param winRate             winningTrades / trades; empty without trades
 * @param profitFactor        grossProfit / grossLoss; empty when no trade lost (losingTrades = 0), since
 *                            the ratio is then unbounded or undefined
 * @param grossProfit         sum of the pnl of winning trades
 * @param grossLoss           sum of the losses of losing trades, as a positive number
 * @param meanTradePnl        mean net pnl per trade in quote currency; empty without trades
 * @param exposure            bars spent holding a position / bars
 * @param turnover            sum of entry and exit notional of all trades / initialEquity
 * @param feesPaid            sum of the trades' fees (rebates negative)
 * @param invalidActions      actions the policy chose that could not be carried out
 * @param circuitBreakerTrips times the circuit breaker stopped trading
 */
public record PerformanceMetrics(int bars, int returns, double initialEquity, double finalEquity,
                                 double totalReturn, double cagr, double sharpe, OptionalDouble sortino,
                                 double maxDrawdown, double deflatedSharpe, long trials, int trades,
                                 int winningTrades, int losingTrades, OptionalDouble winRate,
                                 OptionalDouble profitFactor, double grossProfit, double grossLoss,
                                 OptionalDouble meanTradePnl, double exposure, double turnover, double feesPaid,
                                 long invalidActions, long circuitBreakerTrips) {
    public PerformanceMetrics {
        Objects.requireNonNull(sortino, "sortino is null");
        Objects.requireNonNull(winRate, "winRate is null");
        Objects.requireNonNull(profitFactor, "profitFactor is null");
        Objects.requireNonNull(meanTradePnl, "meanTradePnl is null");
        if (bars < 1 || returns != bars - 1 || trades < 0 || winningTrades + losingTrades > trades || trials < 1
                || invalidActions < 0 || circuitBreakerTrips < 0) {
            throw new IllegalArgumentException("inconsistent counts: bars " + bars + ", returns " + returns
                    + ", trades " + trades + " (" + winningTrades + " won, " + losingTrades + " lost), trials "
                    + trials);
        }
        requireFinite("initialEquity", initialEquity);
        requireFinite("finalEquity", finalEquity);
        requireFinite("totalReturn", totalReturn);
        requireFinite("cagr", cagr);
        requireFinite("sharpe", sharpe);
        requireFinite("sortino", sortino);
        requireFinite("maxDrawdown", maxDrawdown);
        requireFinite("deflatedSharpe", deflatedSharpe);
        requireFinite("winRate", winRate);
        requireFinite("profitFactor", profitFactor);
        requireFinite("grossProfit", grossProfit);
        requireFinite("grossLoss", grossLoss);
        requireFinite("meanTradePnl", meanTradePnl);
        requireFinite("exposure", exposure);
        requireFinite("turnover", turnover);
        requireFinite("feesPaid", feesPaid);
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    private static void requireFinite(String name, OptionalDouble value) {
        if (value.isPresent()) {
            requireFinite(name, value.getAsDouble());
        }
    }
}
