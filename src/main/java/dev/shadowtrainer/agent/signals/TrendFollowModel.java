package dev.shadowtrainer.agent.signals;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.OverIndicatorRule;

/**
 * Trend following: LONG while EMA(12) &gt; EMA(26), the close is above EMA(50) and ADX(14) &gt; 20 (a trend
 * strong enough to follow). Strength = (ADX &minus; 10) / 40 while EMA(12) &gt; EMA(26), else 1 &minus; that
 * (a flat call is surer when the fast average is below the slow one in a strong trend); confidence = 0.5 + 0.5
 * &times; strength. Warm-up: 50 bars.
 */
public final class TrendFollowModel implements SignalModel {
    static final int WARMUP = 50;
    static final double MIN_ADX = 20;

    @Override
    public String name() {
        return "trend-follow";
    }

    @Override
    public String family() {
        return "TREND";
    }

    @Override
    public Bound bind(BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, 12);
        EMAIndicator slow = new EMAIndicator(close, 26);
        EMAIndicator trend = new EMAIndicator(close, 50);
        ADXIndicator adx = new ADXIndicator(series, 14);
        Rule rising = new OverIndicatorRule(fast, slow);
        Rule entry = rising.and(new OverIndicatorRule(close, trend)).and(new OverIndicatorRule(adx, MIN_ADX));
        return index -> {
            if (index < WARMUP) {
                return Signal.WARMING_UP;
            }
            double strength = (adx.getValue(index).doubleValue() - 10) / 40;
            boolean up = rising.isSatisfied(index);
            boolean isLong = entry.isSatisfied(index);
            return Signal.of(isLong, isLong ? strength : up ? 0 : strength);
        };
    }
}
