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

    /** The network this policy runs. */
    public ActorCritic network() {
        return network;
    }

    @Override
    public Action decide(Observation observation) {
        network.forward(observation.vector(), 1, logits, value);
        return choose(observation, logits, 0);
    }

    /**
     * The decision for {@code observation} from row {@code row} of logits the caller computed with this
     * policy's network (for instance one batched forward pass for many runs in lockstep): the same choice
     * and confidence as {@link #decide} makes from its own forward pass.
     */
    public Action choose(Observation observation, float[] rowLogits, int row) {
        int actions = allowed.length;
        System.arraycopy(rowLogits, row * actions, logits, 0, actions);
        TradingVectorEnv.allowedActions(observation, allowed, 0);
        int best = ActorCritic.argmaxAction(logits, 0, actions, allowed);
        Action action = Action.ofOrdinal(best);
        if (action.isEntry()) {
            confidence = 0;
            for (int entry : ENTRIES) {
                confidence += ActorCritic.probability(logits, 0, actions, allowed, entry);
            }
        } else {
            confidence = ActorCritic.probability(logits, 0, actions, allowed, best);
        }
        return action;
    }

    @Override
    public double confidence() {
        return confidence;
    }
}
