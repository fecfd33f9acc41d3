package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import java.util.Objects;

/**
 * A trained actor-critic as a policy: at each bar one forward pass gives the action logits for the
 * observation and the policy takes the most probable allowed action (argmax, deterministic; the same
 * masks as in training). Its confidence is the probability the masked softmax gives to entering at
 * all (the three sizes together) when it enters, else that of the action taken, so the
 * min_confidence_threshold filters weak entries.
 */
public final class NetworkPolicy implements Policy {
    private static final int[] ENTRIES = {Action.ENTER_LONG_SMALL.ordinal(), Action.ENTER_LONG_NORMAL.ordinal(),
        Action.ENTER_LONG_LARGE.ordinal()};

    private final String name;
    private final ActorCritic network;
    private final float[] logits;
    private final float[] value = new float[1];
    private final boolean[] allowed = new boolean[Action.count()];
    private double confidence = 1.0;

    public NetworkPolicy(String name, ActorCritic network) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.network = Objects.requireNonNull(network, "network is null");
        if (network.actionCount() != Action.count()) {
            throw new IllegalArgumentException("the network has " + network.actionCount() + " actions, the simulator "
                    + Action.count());
        }
        this.logits = new float[Action.count()];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Action decide(Observation observation) {
        network.forward(observation.vector(), 1, logits, value);
        TradingVectorEnv.allowedActions(observation, allowed, 0);
        int best = ActorCritic.argmaxAction(logits, 0, allowed.length, allowed);
        Action action = Action.ofOrdinal(best);
        if (action.isEntry()) {
            confidence = 0;
            for (int entry : ENTRIES) {
                confidence += ActorCritic.probability(logits, 0, allowed.length, allowed, entry);
            }
        } else {
            confidence = ActorCritic.probability(logits, 0, allowed.length, allowed, best);
        }
        return action;
    }

    @Override
    public double confidence() {
        return confidence;
    }
}
