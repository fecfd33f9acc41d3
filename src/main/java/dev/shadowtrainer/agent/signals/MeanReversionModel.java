package dev.shadowtrainer.agent.signals;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * Mean reversion: LONG while the market is oversold, RSI(14) &lt; 30 or the close below the lower Bollinger band
 * (20, 2&sigma;), expecting a return to the mean. Strength = (50 &minus; RSI) / 25 for LONG, (RSI &minus; 50) /
 * 25 for FLAT. Warm-up: 25 bars.
 */
public final class MeanReversionModel implements SignalModel {
    static final int WARMUP = 25;
    static final double OVERSOLD = 30;

    @Override
    public String name() {
        return "mean-reversion";
    }

    @Override
    public String family() {
        return "MEAN_REVERSION";
    }

    @Override
    public Bound bind(BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        RSIIndicator rsi = new RSIIndicator(close, 14);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle,
                new StandardDeviationIndicator(close, 20), DoubleNum.valueOf(2));
        Rule oversold = new UnderIndicatorRule(rsi, OVERSOLD).or(new UnderIndicatorRule(close, lower));
        return index -> {
            if (index < WARMUP) {
                return Signal.WARMING_UP;
            }
            double r = rsi.getValue(index).doubleValue();
            boolean isLong = oversold.isSatisfied(index);
            return Signal.of(isLong, isLong ? (50 - r) / 25 : (r - 50) / 25);
        };
    }
}
