package dev.shadowtrainer.rl;

import java.util.SplittableRandom;

/**
 * &epsilon;-greedy selection: with probability &epsilon; a uniformly random action, otherwise the greedy one
 * ({@link QTable#greedyAction}, lowest index among ties). &epsilon; decays multiplicatively once per episode,
 * &epsilon; &larr; max(floor, &epsilon; &times; decay); a decay of 1 keeps it fixed. Draws come from a
 * {@link SplittableRandom} seeded once, so a seed and a sequence of calls give the same choices every run.
 */
public final class EpsilonGreedy {
    private final double decay;
    private final double floor;
    private final SplittableRandom random;
    private double epsilon;
    private long explored;
    private long exploited;

    /**
     * @param epsilon initial exploration rate in [0, 1]
     * @param decay   multiplier applied per episode, in (0, 1]
     * @param floor   lowest &epsilon; decay reaches, in [0, epsilon]
     * @param seed    seed of the draws
     */
    public EpsilonGreedy(double epsilon, double decay, double floor, long seed) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("epsilon decay must be in (0, 1], got " + decay);
        }
        if (!(floor >= 0 && floor <= epsilon)) {
            throw new IllegalArgumentException("epsilon floor must be in [0, epsilon=" + epsilon + "], got " + floor);
        }
        this.epsilon = epsilon;
        this.decay = decay;
        this.floor = floor;
        this.random = new SplittableRandom(seed);
    }

    /** Picks an action for {@code state}: random with probability &epsilon;, else greedy. */
    public Choice select(QTable table, String state) {
        if (random.nextDouble() < epsilon) {
            explored++;
            return new Choice(random.nextInt(table.actionCount()), true);
        }
        exploited++;
        return new Choice(table.greedyAction(state), false);
    }

    /** The end of an episode: &epsilon; &larr; max(floor, &epsilon; &times; decay). Returns the new &epsilon;. */
    public double decay() {
        epsilon = Math.max(floor, epsilon * decay);
        return epsilon;
    }

    public double epsilon() {
        return epsilon;
    }

    /** Sets &epsilon; read back from a saved table (kept within [floor, 1]). */
    public void restoreEpsilon(double value) {
        if (!(value >= floor && value <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [" + floor + ", 1], got " + value);
        }
        this.epsilon = value;
    }

    public double decayFactor() {
        return decay;
    }

    public double floor() {
        return floor;
    }

    public long explored() {
        return explored;
    }

    public long exploited() {
        return exploited;
    }

    /** An action index and whether it was a random (exploring) pick. */
    public record Choice(int action, boolean explored) {
    }
}
