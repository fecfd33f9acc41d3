package dev.shadowtrainer.agent.signals;

import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;

/**
 * Breakout: LONG while the close is at least the highest high of the 20 bars before it minus half an ATR(14)
 * (it broke out of, or is riding just under the top of, the prior channel). Strength = the distance above
 * that line in ATRs (capped at 1) for LONG, below it for FLAT. Warm-up: 25 bars.
 */
public final class BreakoutModel implements SignalModel {
    static final int WARMUP = 25;
    static final double ATR_SLACK = 0.5;

    @Override
    public String name() {
        return "breakout";
    }

    @Override
    public String family() {
        return "BREAKOUT";
    }

    @Override
    public Bound bind(BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        PreviousValueIndicator priorHigh = new PreviousValueIndicator(
                new HighestValueIndicator(new HighPriceIndicator(series), 20));
        ATRIndicator atr = new ATRIndicator(series, 14);
        return index -> {
            if (index < WARMUP) {
                return Signal.WARMING_UP;
            }
            double a = atr.getValue(index).doubleValue();
            double line = priorHigh.getValue(index).doubleValue() - ATR_SLACK * a;
            double distance = a > 0 ? (close.getValue(index).doubleValue() - line) / a : 0;
            return distance >= 0 ? Signal.of(true, distance) : Signal.of(false, -distance);
        };
    }
}
