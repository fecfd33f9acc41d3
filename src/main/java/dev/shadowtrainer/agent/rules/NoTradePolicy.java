package dev.shadowtrainer.agent.rules;

import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;

/** The no-trade baseline: never enters, so its equity stays at the initial value. */
public final class NoTradePolicy implements Policy {
    @Override
    public String name() {
        return "no-trade";
    }

    @Override
    public Action decide(Observation observation) {
        return Action.DO_NOTHING;
    }
}
