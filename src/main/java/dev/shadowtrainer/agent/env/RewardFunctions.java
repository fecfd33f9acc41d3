package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.config.ConfigException;
import dev.shadowtrainer.config.ShadowConfig.RlAgentConfig;
import java.lang.reflect.InvocationTargetException;

/** Makes the reward named in training.rl_agent.reward_class, configured with the reward weights. */
public final class RewardFunctions {
    private static final String KEY = "training.rl_agent.reward_class";

    private RewardFunctions() {
    }

    public static RewardFunction create(RlAgentConfig config) {
        RewardFunction reward = instantiate(config.rewardClass());
        reward.configure(new RewardWeights(config.rewardScale(), config.missedOpportunityPenalty(),
                config.holdingCost()));
        return reward;
    }

    /** "default", or the binary name of a public class with a public no-argument constructor. */
    static RewardFunction instantiate(String name) {
        if (name.equals("default")) {
            return new DefaultReward();
        }
        Class<?> type;
        try {
            type = Class.forName(name, true, RewardFunctions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException("config key '" + KEY + "' = '" + name
                    + "': no such class on the classpath; use 'default' or add the jar holding it");
        }
        if (!RewardFunction.class.isAssignableFrom(type)) {
            throw new ConfigException("config key '" + KEY + "' = '" + name + "' does not implement "
                    + RewardFunction.class.getName());
        }
        try {
            return (RewardFunction) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new ConfigException("config key '" + KEY + "' = '" + name
                    + "' needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ConfigException("config key '" + KEY + "' = '" + name + "' failed in its constructor: "
                    + e.getCause());
        }
    }
}
