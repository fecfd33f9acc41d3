package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.agent.signals.Direction;
import dev.shadowtrainer.agent.signals.Signal;
import dev.shadowtrainer.agent.signals.SignalModel;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import java.util.Objects;
import org.ta4j.core.BarSeries;

/**
 * The trained PPO network as a signal model ({@value #NAME}) for the meta agent. At the decision bar it reads the
 * observation of the policy asking (the simulator's observation vector, the layout the network was trained on)
 * and takes the network's greedy allowed action ({@link NetworkPolicy}): LONG when that is an entry while flat or
 * HOLD while in a position, FLAT otherwise (stay out, or exit). The confidence is the network's probability of
 * that action, for an entry the probability of entering at any size ({@link NetworkPolicy#confidence()}).
 * It reads the observation only, so nothing after the bar.
 *
 * <p>The network is a fold's: {@link #use} gives it the policy the PPO trainer trained on the fold before the
 * fold's test window runs. Before any network it advises FLAT with no confidence. Not thread-safe.
 */
public final class NetworkSignalModel implements SignalModel {
    public static final String NAME = "ppo";
    /** Not one of the rule families: the network trades whatever it learnt. */
    public static final String FAMILY = "ANY";

    private NetworkPolicy network;

    /**
     * Advises from {@code trained} from now on.
     *
     * @throws IllegalArgumentException when {@code trained} is not a network policy (the rule trainer's policy)
     */
    public void use(Policy trained) {
        Objects.requireNonNull(trained, "trained is null");
        if (!(trained instanceof NetworkPolicy n)) {
            throw new IllegalArgumentException("the ppo signal model needs the PPO trainer's network policy, got '"
                    + trained.name() + "'");
        }
        network = n;
    }

    /** Whether a network has been given. */
    public boolean hasNetwork() {
        return network != null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Bound bind(BarSeries series) {
        return new Bound() {
            @Override
            public Signal at(int index) {
                throw new IllegalStateException("the ppo signal model reads the policy's observation; ask at(index,"
                        + " observation)");
            }

            @Override
            public Signal at(int index, Observation observation) {
                return advise(observation);
            }
        };
    }

    /** The advice for {@code observation}: see the class comment. */
    public Signal advise(Observation observation) {
        if (network == null) {
            return Signal.WARMING_UP;
        }
        Action action = network.decide(observation);
        boolean isLong = observation.inPosition() ? action == Action.HOLD : action.isEntry();
        // a sum of float probabilities may pass 1 by a rounding step
        double confidence = Math.max(0, Math.min(1, network.confidence()));
        return new Signal(isLong ? Direction.LONG : Direction.FLAT, confidence);
    }
}
