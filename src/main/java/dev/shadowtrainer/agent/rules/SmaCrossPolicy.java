package dev.shadowtrainer.agent.rules;

import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.MarketView;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;

/**
 * The moving-average crossover baseline: enter long when the fast SMA crosses above the slow one (above
 * now, at or below on the bar before), exit when it crosses below. It reads two raw feature columns
 * named {@value #FAST_COLUMN} and {@value #SLOW_COLUMN}, and needs the bar before the current one to be
 * a full window too, so their producer marks a bar usable only from the slow period on.
 */
public final class SmaCrossPolicy implements Policy {
    public static final String FAST_COLUMN = "sma_fast";
    public static final String SLOW_COLUMN = "sma_slow";

    private int fast = -1;
    private int slow;

    @Override
    public String name() {
        return "sma-cross";
    }

    @Override
    public Action decide(Observation observation) {
        MarketView m = observation.market();
        if (fast < 0) {
            fast = m.featureColumn(FAST_COLUMN);
            slow = m.featureColumn(SLOW_COLUMN);
        }
        if (observation.orderPending()) {
            return observation.inPosition() ? Action.HOLD : Action.DO_NOTHING;
        }
        float fastNow = m.rawFeature(fast, 0);
        float slowNow = m.rawFeature(slow, 0);
        float fastBefore = m.rawFeature(fast, 1);
        float slowBefore = m.rawFeature(slow, 1);
        if (observation.inPosition()) {
            return fastNow < slowNow && fastBefore >= slowBefore ? Action.EXIT : Action.HOLD;
        }
        return fastNow > slowNow && fastBefore <= slowBefore ? Action.ENTER_LONG_NORMAL : Action.DO_NOTHING;
    }
}
