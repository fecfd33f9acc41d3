package dev.shadowtrainer.rl;

import java.time.Instant;
import java.util.Objects;

/**
 * One learned-from trade of the sizing agent v1, as kept in its saved file.
 *
 * @param stateKey           state the sizing was decided in
 * @param actionKey          sizing action taken, e.g. {@code 1.0|3}
 * @param reward             {@link SizingRewardV1} of the trade
 * @param pnlPercent         pnl in percent of the position
 * @param durationHours      hours the position was open
 * @param maxDrawdownPercent largest adverse excursion in percent
 * @param time               when the trade closed (simulated time, so runs are reproducible)
 */
public record TradeOutcome(String stateKey, String actionKey, double reward, double pnlPercent,
                           double durationHours, double maxDrawdownPercent, Instant time) {
    public TradeOutcome {
        Objects.requireNonNull(stateKey, "stateKey is null");
        Objects.requireNonNull(actionKey, "actionKey is null");
        Objects.requireNonNull(time, "time is null");
    }

    public boolean win() {
        return pnlPercent > 0;
    }
}
