package dev.shadowtrainer.sim;

import java.util.Objects;

/**
 * One closed long trade. Prices are fill prices (slippage included); {@code fees} are both legs (a
 * rebate is negative; a liquidation's lost maintenance margin counts as a fee); {@code pnl} is net of
 * fees in quote currency and {@code pnlPercent} is that pnl as a percentage of the notional.
 * MFE and MAE are the best and worst unrealised price moves while open, in percent of the entry price
 * (MFE &ge; 0 &ge; MAE). Regimes are ATR/ADX regime ordinals at entry and at exit.
 *
 * @param entryObservation the observation vector the entry was decided on (empty for shadow trades)
 */
public record Trade(long traceId, TradeKind kind, int entryBar, int exitBar, long entryTime, long exitTime,
                    double entryPrice, double exitPrice, double sizeMultiplier, double notional, double quantity,
                    double leverage, double fees, double pnl, double pnlPercent, double mfePercent,
                    double maePercent, ExitReason exitReason, byte entryRegime, byte exitRegime,
                    float[] entryObservation) {
    public Trade {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(exitReason, "exitReason is null");
        Objects.requireNonNull(entryObservation, "entryObservation is null");
        if (exitBar < entryBar || exitTime < entryTime) {
            throw new IllegalArgumentException("trade " + traceId + " exits (bar " + exitBar + ") before it enters (bar "
                    + entryBar + ")");
        }
    }

    public int durationBars() {
        return exitBar - entryBar;
    }

    public long durationMillis() {
        return exitTime - entryTime;
    }

    public boolean isWin() {
        return pnl > 0;
    }
}
