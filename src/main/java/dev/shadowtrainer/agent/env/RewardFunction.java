package dev.shadowtrainer.agent.env;

/**
 * Turns what one agent step led to into a scalar reward, like FreqAI's calculate_reward. Name your own
 * implementation (a public class with a public no-argument constructor) in
 * {@code training.rl_agent.reward_class} to replace the default.
 *
 * <p>A reward may use information that arrives after the decision (for example what the price did
 * after an exit: {@link StepOutcome#missedProfit(int)}); it only shapes learning. Observations never
 * see it.
 */
public interface RewardFunction {
    /**
     * The reward of the step just taken.
     *
     * @param step the outcome; valid only during the call
     */
    double reward(StepOutcome step);

    /** Called once with the configured weights before any step; the default ignores them. */
    default void configure(RewardWeights weights) {
    }
}
