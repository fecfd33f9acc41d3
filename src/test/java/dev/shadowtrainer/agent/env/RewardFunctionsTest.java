package dev.shadowtrainer.agent.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.config.ConfigException;
import org.junit.jupiter.api.Test;

class RewardFunctionsTest {
    /** A user's reward: a flat +1 per step, to show the class named in config is the one used. */
    public static final class Constant implements RewardFunction {
        RewardWeights seen;

        @Override
        public double reward(StepOutcome step) {
            return 1;
        }

        @Override
        public void configure(RewardWeights weights) {
            seen = weights;
        }
    }

    public static final class NoDefaultConstructor implements RewardFunction {
        public NoDefaultConstructor(int x) {
        }

        @Override
        public double reward(StepOutcome step) {
            return 0;
        }
    }

    @Test
    void defaultAndNamedClassesAreMade() {
        assertThat(RewardFunctions.instantiate("default")).isInstanceOf(DefaultReward.class);
        assertThat(RewardFunctions.instantiate(Constant.class.getName())).isInstanceOf(Constant.class);
    }

    @Test
    void badClassNamesAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> RewardFunctions.instantiate("com.example.Nope"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training.rl_agent.reward_class")
                .hasMessageContaining("no such class");
        assertThatThrownBy(() -> RewardFunctions.instantiate(String.class.getName()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> RewardFunctions.instantiate(NoDefaultConstructor.class.getName()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no-argument constructor");
    }
}
