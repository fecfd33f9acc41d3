package dev.shadowtrainer.rl;

import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.Trade;

/**
 * A trade's R-multiple: its pnl (quote currency, net of fees) divided by the initial risk, the quote amount the
 * trade would lose if its protective exit were hit at the planned price:
 * <pre>
 *   initial risk = notional &times; risk distance
 *   risk distance = stop_loss_bps / 10,000                                   (leverage 1)
 *                 = min(stop_loss_bps / 10,000, 1 / leverage &minus; maintenance_margin_rate)   (leverage &gt; 1)
 * </pre>
 * Why leverage does not enter otherwise: the notional is the full position value (quantity &times; entry price)
 * and a stop at d below the entry loses quantity &times; entry &times; d = notional &times; d in quote currency
 * whatever the margin was; leverage only changes how much margin backs that notional. It matters only when the
 * isolated-margin liquidation price lies above the stop: liquidation comes when the loss reaches margin minus
 * maintenance margin, i.e. at a fall of 1/leverage &minus; maintenance_margin_rate of the entry price (see
 * the simulator's execution model), and then that nearer level is the risk.
 *
 * <p>Fees and slippage are not part of the risk: a stopped-out trade therefore has R a little below &minus;1
 * (about &minus;1.7 with the defaults: a 15 bps stop, 1 bp slippage on the stop fill and 5 bps taker fee on each
 * leg of a market entry), which is the honest
 * cost of the trade in risk units. Example: notional 1,000, stop 15 bps: risk 1.50; a pnl of +3.00 is +2 R.
 */
public final class RMultiple {
    private RMultiple() {
    }

    /** The risk distance as a fraction of the entry price for a trade of {@code leverage}. */
    public static double riskDistance(ExecutionConfig config, double leverage) {
        double stop = config.stopLossBps() / 10_000.0;
        if (leverage > 1) {
            double liquidation = 1.0 / leverage - config.maintenanceMarginRate();
            if (liquidation > 0 && liquidation < stop) {
                return liquidation;
            }
        }
        return stop;
    }

    /** Initial risk of {@code trade} in quote currency: notional &times; risk distance. */
    public static double initialRisk(Trade trade, ExecutionConfig config) {
        return trade.notional() * riskDistance(config, trade.leverage());
    }

    /** pnl / initial risk of {@code trade}. */
    public static double of(Trade trade, ExecutionConfig config) {
        return trade.pnl() / initialRisk(trade, config);
    }
}
