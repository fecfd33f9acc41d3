package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A training continued from the state after update k ends bit for bit as one that never stopped. */
class PpoResumeTest {
    /** 5 updates of 4 x 16 steps; a small target_kl stops some updates' epochs early (fewer shuffles). */
    private static final PpoConfig CONFIG = new PpoConfig(3e-2, 4, 16, true, 0.99, 0.95, 4, 4, true, 0.2, true,
            0.01, 0.5, 0.5, 0.002, new int[] {16, 16}, 5 * 64);
    private static final long SEED = 23;

    /** Keeps the state after update {@code at}. */
    private static final class Keeper implements UpdateListener {
        final int at;
        PpoState state;

        Keeper(int at) {
            this.at = at;
        }

        @Override
        public void onUpdate(UpdateStats stats, ActorCritic model) {
        }

        @Override
        public void onUpdate(UpdateStats stats, ActorCritic model, Supplier<PpoState> s) {
            if (stats.update() == at) {
                state = s.get();
            }
        }
    }

    @Test
    void resumingAfterAnUpdateGivesTheSameNetworkAndStats() {
        Keeper keeper = new Keeper(2);
        TrainingResult whole = new PpoTrainer(CONFIG).train(new CartPoleEnv(4), SEED, keeper);
        List<Integer> epochs = whole.updates().stream().map(UpdateStats::epochs).toList();
        assertThat(epochs.stream().distinct().count()).as("updates stop early after different epochs (so shuffle "
                + "different numbers of times): " + epochs).isGreaterThan(1);
        PpoState state = keeper.state;
        assertThat(state.update()).isEqualTo(2);
        assertThat(state.actions()).hasSize(2 * 64);

        List<Integer> heard = new ArrayList<>();
        TrainingResult resumed = new PpoTrainer(CONFIG).train(new CartPoleEnv(4), SEED, state,
                (stats, model) -> heard.add(stats.update()));
        assertThat(heard).containsExactly(3, 4, 5);
        assertThat(resumed.model().params()).isEqualTo(whole.model().params());
        assertThat(resumed.updates().stream().map(UpdateStats::withoutTiming).toList())
                .isEqualTo(whole.updates().subList(2, 5).stream().map(UpdateStats::withoutTiming).toList());
    }

    @Test
    void aStateThatDoesNotFitTheTrainingIsRejected() {
        Keeper keeper = new Keeper(2);
        new PpoTrainer(CONFIG).train(new CartPoleEnv(4), SEED, keeper);
        PpoConfig wider = new PpoConfig(3e-2, 4, 16, true, 0.99, 0.95, 4, 4, true, 0.2, true,
                0.01, 0.5, 0.5, 0.002, new int[] {32, 16}, 5 * 64);
        assertThatThrownBy(() -> new PpoTrainer(wider).train(new CartPoleEnv(4), SEED, keeper.state,
                UpdateListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
    }
}
