package dev.shadowtrainer.bench;

import dev.shadowtrainer.market.CandleSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The reference: the same SMA cross as a ta4j strategy run by ta4j's {@link BarSeriesManager} (fills at
 * the next bar's open, no costs), on a {@link DoubleNum} series of the same candles. Indicators are
 * built fresh for every run, so their values are computed inside it, as the simulator's are.
 */
final class Ta4jSmaCross {
    private final int fastPeriod;
    private final int slowPeriod;

    Ta4jSmaCross(int fastPeriod, int slowPeriod) {
        this.fastPeriod = fastPeriod;
        this.slowPeriod = slowPeriod;
    }

    /** The candles as a ta4j series; prices are copied as they are (no scaling needed above a cent). */
    static BarSeries barSeries(CandleSeries candles) {
        Duration period = candles.id().timeframe().duration();
        List<Bar> bars = new ArrayList<>(candles.size());
        for (int i = 0; i < candles.size(); i++) {
            ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(candles.closeTime(i)), ZoneOffset.UTC);
            bars.add(new BaseBar(period, end, DoubleNum.valueOf(candles.open(i)), DoubleNum.valueOf(candles.high(i)),
                    DoubleNum.valueOf(candles.low(i)), DoubleNum.valueOf(candles.close(i)),
                    DoubleNum.valueOf(candles.volume(i)), DoubleNum.ZERO));
        }
        return new BaseBarSeriesBuilder().withName(candles.id().toString()).withNumTypeOf(DoubleNum.class)
                .withBars(bars).build();
    }

    /** Runs the strategy over the whole series and returns its closed positions (round trips). */
    int run(BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, fastPeriod);
        SMAIndicator slow = new SMAIndicator(close, slowPeriod);
        // Unstable bars = the slow period: no decision before both windows are full on this and the previous bar.
        Strategy strategy = new BaseStrategy("sma-cross", new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow), slowPeriod);
        TradingRecord record = new BarSeriesManager(series).run(strategy);
        return record.getPositionCount();
    }
}
