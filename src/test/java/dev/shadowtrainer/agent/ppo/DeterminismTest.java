package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    /** Small but complete: 3 updates of 4 x 16 steps, 4 minibatches, 3 epochs, every option on. */
    private static final PpoConfig CONFIG = new PpoConfig(3e-3, 4, 16, true, 0.99, 0.95, 4, 3, true, 0.2, true,
            0.01, 0.5, 0.5, Double.NaN, new int[] {16, 16}, 3 * 64);

    private static TrainingResult train(long seed) {
        return new PpoTrainer(CONFIG).train(new CartPoleEnv(4), seed, UpdateListener.NONE);
    }

    private static List<UpdateStats> untimed(TrainingResult result) {
        return result.updates().stream().map(UpdateStats::withoutTiming).toList();
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndStats() {
        TrainingResult a = train(17);
        TrainingResult b = train(17);
        assertThat(b.model().params()).isEqualTo(a.model().params());
        assertThat(untimed(b)).isEqualTo(untimed(a));
        assertThat(a.updates()).hasSize(3);
        assertThat(a.model().params()).isNotEqualTo(ActorCritic.create(4, 2, new int[] {16, 16}, 99).params());
    }

    @Test
    void differentSeedsGiveDifferentParametersAndStats() {
        TrainingResult a = train(17);
        TrainingResult b = train(18);
        assertThat(b.model().params()).isNotEqualTo(a.model().params());
        assertThat(untimed(b)).isNotEqualTo(untimed(a));
    }

    @Test
    void seedZeroIsRejected() {
        PpoTrainer trainer = new PpoTrainer(CONFIG);
        assertThatThrownBy(() -> trainer.train(new CartPoleEnv(4), 0, UpdateListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> trainer.rolloutOnly(new CartPoleEnv(4), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
    }

    @Test
    void anEnvironmentOfAnotherSizeIsRejected() {
        assertThatThrownBy(() -> new PpoTrainer(CONFIG).train(new CartPoleEnv(3), 5, UpdateListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_envs");
    }
}
