package dev.shadowtrainer.agent.rules;

import dev.shadowtrainer.features.Feature;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.MarketView;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;

/**
 * The rule-based baseline with ATR-based sizing: enter long when price is above a rising 50-bar EMA,
 * the 12-bar EMA is above the 26-bar one (MACD line positive) and RSI is below 70; exit when the close
 * drops below the 26-bar EMA. Size by volatility: ATR under 0.3% of price enters large, under 0.6%
 * normal, otherwise small, so risk per trade stays roughly even.
 */
public final class TrendRulePolicy implements Policy {
    static final double CALM_ATR = 0.003;
    static final double NORMAL_ATR = 0.006;

    private int emaDistance26 = -1;
    private int emaDistance50;
    private int emaSlope50;
    private int macdLine;
    private int rsi;
    private int atr;

    @Override
    public String name() {
        return "trend-rule";
    }

    @Override
    public Action decide(Observation observation) {
        MarketView m = observation.market();
        if (emaDistance26 < 0) {
            emaDistance26 = m.featureColumn(Feature.EMA_DISTANCE_26.columnName());
            emaDistance50 = m.featureColumn(Feature.EMA_DISTANCE_50.columnName());
            emaSlope50 = m.featureColumn(Feature.EMA_SLOPE_50.columnName());
            macdLine = m.featureColumn(Feature.MACD_LINE.columnName());
            rsi = m.featureColumn(Feature.RSI_14.columnName());
            atr = m.featureColumn(Feature.ATR_REL_14.columnName());
        }
        if (observation.orderPending()) {
            return observation.inPosition() ? Action.HOLD : Action.DO_NOTHING;
        }
        if (observation.inPosition()) {
            return m.rawFeature(emaDistance26, 0) < 0 ? Action.EXIT : Action.HOLD;
        }
        boolean uptrend = m.rawFeature(emaDistance50, 0) > 0 && m.rawFeature(emaSlope50, 0) > 0
                && m.rawFeature(macdLine, 0) > 0 && m.rawFeature(rsi, 0) < 0.70f;
        if (!uptrend) {
            return Action.DO_NOTHING;
        }
        float atrFraction = m.rawFeature(atr, 0);
        return atrFraction < CALM_ATR ? Action.ENTER_LONG_LARGE
                : atrFraction < NORMAL_ATR ? Action.ENTER_LONG_NORMAL : Action.ENTER_LONG_SMALL;
    }
}
