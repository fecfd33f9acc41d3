package dev.shadowtrainer.sim;

import dev.shadowtrainer.features.Feature;

/**
 * Volatility-targeted sizing: the smaller the bar's ATR, the larger the position, so a typical ATR-sized move
 * costs about the same. At the decision bar,
 * <pre>
 *   atr%       = 100 &times; atr_rel_14 (the raw ATR(14) / close of the bar, see {@link Feature#ATR_REL_14})
 *   multiplier = clamp(target% / atr%, {@value #MIN_MULTIPLIER}, {@value #MAX_MULTIPLIER})
 *   leverage   = training.shadow_trading.leverage
 * </pre>
 * with target% = {@code rl.atr_target_percent}. The entry action's own multiplier (SMALL/NORMAL/LARGE) is
 * not used. When atr% is not a finite positive number (it cannot be on a tradeable bar, whose features are
 * usable) the multiplier is 1.0. Example: target 0.5%, ATR 0.4% of the close: 0.5 / 0.4 = 1.25.
 */
public final class AtrPositionSizer implements PositionSizer {
    public static final double MIN_MULTIPLIER = 0.3;
    public static final double MAX_MULTIPLIER = 1.5;
    public static final String NAME = "atr";

    private final double targetPercent;
    private int sized;

    /** @param targetPercent the ATR in percent of the close at which the multiplier is 1.0, &gt; 0 */
    public AtrPositionSizer(double targetPercent) {
        if (!(targetPercent > 0) || Double.isInfinite(targetPercent)) {
            throw new IllegalArgumentException("ATR target percent must be finite and > 0, got " + targetPercent);
        }
        this.targetPercent = targetPercent;
    }

    public double targetPercent() {
        return targetPercent;
    }

    /** The multiplier of an ATR of {@code atrPercent} percent of the close. */
    public double multiplier(double atrPercent) {
        if (!(atrPercent > 0) || Double.isInfinite(atrPercent)) {
            return 1.0;
        }
        return Math.max(MIN_MULTIPLIER, Math.min(MAX_MULTIPLIER, targetPercent / atrPercent));
    }

    /** ATR(14) in percent of the close of the market's current bar. */
    public static double atrPercent(MarketView market) {
        int column = market.featureColumn(Feature.ATR_REL_14.columnName());
        return 100.0 * market.rawFeature(column, 0);
    }

    /** Entries this sizer has sized. */
    public int entriesSized() {
        return sized;
    }

    @Override
    public Sizing size(Request request) {
        sized++;
        return new Sizing(multiplier(atrPercent(request.market())), request.config().leverage());
    }

    @Override
    public String name() {
        return NAME;
    }
}
