package dev.shadowtrainer.agent.signals;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * Range trading: in a trendless market (ADX(14) &lt; 25) buy the lower half of the 20-bar high-low channel and
 * be out from its middle up. Position in the channel p = (close &minus; low20) / (high20 &minus; low20);
 * LONG when ADX &lt; 25 and p &lt; 0.5. Strength: LONG 1 &minus; 2p (surer near the floor), FLAT 2p &minus; 1 in
 * a range (surer near the ceiling) or (ADX &minus; 25) / 25 in a trend. Warm-up: 30 bars.
 */
public final class RangeModel implements SignalModel {
    static final int WARMUP = 30;
    static final double MAX_ADX = 25;

    @Override
    public String name() {
        return "range";
    }

    @Override
    public String family() {
        return "RANGE";
    }

    @Override
    public Bound bind(BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        HighestValueIndicator high = new HighestValueIndicator(new HighPriceIndicator(series), 20);
        LowestValueIndicator low = new LowestValueIndicator(new LowPriceIndicator(series), 20);
        ADXIndicator adx = new ADXIndicator(series, 14);
        Rule ranging = new UnderIndicatorRule(adx, MAX_ADX);
        return index -> {
            if (index < WARMUP) {
                return Signal.WARMING_UP;
            }
            double h = high.getValue(index).doubleValue();
            double l = low.getValue(index).doubleValue();
            double p = h > l ? (close.getValue(index).doubleValue() - l) / (h - l) : 0.5;
            if (!ranging.isSatisfied(index)) {
                return Signal.of(false, (adx.getValue(index).doubleValue() - MAX_ADX) / MAX_ADX);
            }
            return p < 0.5 ? Signal.of(true, 1 - 2 * p) : Signal.of(false, 2 * p - 1);
        };
    }
}
