package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.CandleSeries;

/**
 * The buy-and-hold baseline over a window: the whole initial equity buys at the first bar's open (taker
 * fee and slippage, like a market order decided at the bar before) and is marked at every close; the
 * last value is after selling at the last close with the same costs.
 */
public final class BuyAndHold {
    private BuyAndHold() {
    }

    public static double[] equity(CandleSeries candles, int from, int to, double initialEquity, ExecutionConfig costs) {
        double slip = costs.slippageBps() / 10_000.0;
        double fee = costs.takerFeeBps() / 10_000.0;
        double entry = candles.open(from) * (1 + slip);
        double quantity = initialEquity * (1 - fee) / entry;
        double[] equity = new double[to - from];
        for (int t = from; t < to; t++) {
            equity[t - from] = quantity * candles.close(t);
        }
        double exit = candles.close(to - 1) * (1 - slip);
        equity[to - from - 1] = quantity * exit * (1 - fee);
        return equity;
    }
}
