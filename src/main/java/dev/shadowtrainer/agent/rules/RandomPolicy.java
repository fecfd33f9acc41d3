package dev.shadowtrainer.agent.rules;

import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import java.util.SplittableRandom;

/**
 * The seeded random baseline: when flat it enters with probability {@code entryProbability} (size drawn
 * uniformly), when in a position it exits with probability {@code exitProbability}; otherwise it waits.
 * It never sends an action that makes no sense, so its invalid-action count stays 0.
 */
public final class RandomPolicy implements Policy {
    private static final Action[] ENTRIES = {Action.ENTER_LONG_SMALL, Action.ENTER_LONG_NORMAL, Action.ENTER_LONG_LARGE};

    private final double entryProbability;
    private final double exitProbability;
    private SplittableRandom random = new SplittableRandom(0);

    public RandomPolicy(double entryProbability, double exitProbability) {
        if (!(entryProbability >= 0 && entryProbability <= 1 && exitProbability >= 0 && exitProbability <= 1)) {
            throw new IllegalArgumentException("probabilities must lie in [0, 1]");
        }
        this.entryProbability = entryProbability;
        this.exitProbability = exitProbability;
    }

    /** Enters on about one bar in twenty and exits after about twenty bars, a trader's pace on 15m bars. */
    public RandomPolicy() {
        this(0.05, 0.05);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public void reset(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public Action decide(Observation observation) {
        double u = random.nextDouble();
        if (observation.orderPending()) {
            return observation.inPosition() ? Action.HOLD : Action.DO_NOTHING;
        }
        if (observation.inPosition()) {
            return u < exitProbability ? Action.EXIT : Action.HOLD;
        }
        return u < entryProbability ? ENTRIES[random.nextInt(ENTRIES.length)] : Action.DO_NOTHING;
    }
}
