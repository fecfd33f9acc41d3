package dev.shadowtrainer.memory;

import java.util.Objects;

/**
 * One row of post_exit_tracking: what the price did after a stored trade's exit. A window that had not
 * passed when the run ended is null (never NaN).
 *
 * @param bestExitPrice the highest price within 24 hours after the exit
 * @param missedProfit  quote currency left on the table within 4 hours after the exit
 */
public record PostExitRow(String tradeKey, Double price1h, Double price4h, Double price24h, Double bestExitPrice,
                          Double missedProfit, String verdict) {
    public PostExitRow {
        Objects.requireNonNull(tradeKey, "tradeKey is null");
        Objects.requireNonNull(verdict, "verdict is null");
    }

    /** NaN (a window not yet passed) and infinity as null. */
    public static Double value(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
