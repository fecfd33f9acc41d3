package dev.shadowtrainer.sim;

import dev.shadowtrainer.config.ShadowConfig.ShadowTradingConfig;
import dev.shadowtrainer.market.Timeframe;
import java.util.Objects;

/**
 * How orders fill and positions are managed in the shadow market, with times converted to bars.
 *
 * @param positionSize       notional in quote currency of a size-1.0 entry
 * @param sizeMultipliers    multiples of positionSize for ENTER_LONG_SMALL, _NORMAL, _LARGE
 * @param maxHoldBars        bars a position may be open; at the close of the last one it is exited at the
 *                           next open, so a 120-minute hold on 15m bars is 8 bars
 * @param makerEntry         entries as post-only limit orders instead of market orders
 * @param dailyLossLimit     quote-currency loss within a UTC day that trips the breaker (0 = off)
 */
public record ExecutionConfig(double positionSize, double[] sizeMultipliers, double leverage,
                              double maintenanceMarginRate, double stopLossBps, double takeProfitBps,
                              int maxHoldBars, double makerFeeBps, double takerFeeBps, double slippageBps,
                              boolean makerEntry, double makerOffsetBps, int makerExpiryBars,
                              double minConfidence, int winRateWindow, int cooldownBars, double dailyLossLimit) {
    public ExecutionConfig {
        Objects.requireNonNull(sizeMultipliers, "sizeMultipliers is null");
        if (sizeMultipliers.length != 3) {
            throw new IllegalArgumentException("three size multipliers (small, normal, large) expected");
        }
        sizeMultipliers = sizeMultipliers.clone();
        if (leverage < 1 || positionSize <= 0 || stopLossBps <= 0 || takeProfitBps <= 0 || maxHoldBars < 1) {
            throw new IllegalArgumentException("leverage >= 1, positive size, stop, target and max hold expected");
        }
    }

    public static ExecutionConfig from(ShadowTradingConfig c, Timeframe timeframe) {
        Objects.requireNonNull(c, "config is null");
        long minutes = timeframe.duration().toMinutes();
        int maxHoldBars = (int) Math.max(1, (c.maxHoldMinutes() + minutes - 1) / minutes);
        return new ExecutionConfig(c.positionSize(),
                new double[] {c.sizeMultiplierSmall(), c.sizeMultiplierNormal(), c.sizeMultiplierLarge()},
                c.leverage(), c.maintenanceMarginRate(), c.stopLossBps(), c.takeProfitBps(), maxHoldBars,
                c.makerFeeBps(), c.takerFeeBps(), c.slippageBps(), c.entryOrder().equals("maker"), c.makerOffsetBps(),
                c.makerExpiryBars(), c.minConfidenceThreshold(), c.winRateWindow(), c.circuitBreakerCooldownBars(),
                c.dailyLossLimit());
    }

    /** Size multiplier of an entry action. */
    public double multiplier(Action entry) {
        return switch (entry) {
            case ENTER_LONG_SMALL -> sizeMultipliers[0];
            case ENTER_LONG_NORMAL -> sizeMultipliers[1];
            case ENTER_LONG_LARGE -> sizeMultipliers[2];
            default -> throw new IllegalArgumentException(entry + " is not an entry");
        };
    }

    @Override
    public double[] sizeMultipliers() {
        return sizeMultipliers.clone();
    }

    /** A copy with other fees and slippage, for cost-sensitivity runs and tests. */
    public ExecutionConfig withCosts(double makerFee, double takerFee, double slippage) {
        return new ExecutionConfig(positionSize, sizeMultipliers, leverage, maintenanceMarginRate, stopLossBps,
                takeProfitBps, maxHoldBars, makerFee, takerFee, slippage, makerEntry, makerOffsetBps, makerExpiryBars,
                minConfidence, winRateWindow, cooldownBars, dailyLossLimit);
    }
}
