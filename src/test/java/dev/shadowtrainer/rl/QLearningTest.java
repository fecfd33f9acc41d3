package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QLearningTest {
    @Test
    void tdUpdateMovesTowardsRewardPlusDiscountedBestNextValue() {
        QTable q = new QTable(3);
        q.set("s", 1, 2.0);
        q.set("n", 0, 1.0);
        q.set("n", 2, 4.0);
        QLearning learning = new QLearning(0.5, 0.9);
        // target = 1 + 0.9 * max(1, 0, 4) = 4.6; Q = 2 + 0.5 * (4.6 - 2) = 3.3
        double updated = learning.tdUpdate(q, "s", 1, 1.0, "n");
        assertThat(updated).isCloseTo(3.3, within(1e-12));
        assertThat(q.value("s", 1)).isEqualTo(updated);
        assertThat(learning.updates()).isEqualTo(1);
    }

    @Test
    void terminalTargetIsTheRewardAlone() {
        // The design's example: Q 2.5, r 3.0, terminal, alpha 0.01 -> 2.5 + 0.01 * 0.5 = 2.505
        QTable q = new QTable(2);
        q.set("s", 0, 2.5);
        q.set("other", 0, 100.0);
        assertThat(new QLearning(0.01, 0.99).tdUpdate(q, "s", 0, 3.0, null)).isCloseTo(2.505, within(1e-12));
    }

    @Test
    void unseenNextStateCountsAsZero() {
        QTable q = new QTable(2);
        // target = 1 + 0.99 * 0; Q = 0 + 0.1 * 1
        assertThat(new QLearning(0.1, 0.99).tdUpdate(q, "s", 0, 1.0, "never-seen")).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void banditUpdateIsAnAverageTowardsTheReward() {
        QTable q = new QTable(1);
        QLearning learning = new QLearning(0.15, 0.0);
        q.set("s", 0, 0.234);
        // 0.234 + 0.15 * (2.068125 - 0.234) = 0.50911875
        assertThat(learning.banditUpdate(q, "s", 0, 2.068125)).isCloseTo(0.50911875, within(1e-12));
    }

    @Test
    void refusesBadSettingsAndRewards() {
        assertThatThrownBy(() -> new QLearning(0, 0.9)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new QLearning(0.1, 1.5)).hasMessageContaining("gamma");
        QLearning learning = new QLearning(0.1, 0.9);
        assertThatThrownBy(() -> learning.tdUpdate(new QTable(1), "s", 0, Double.NaN, null))
                .hasMessageContaining("finite");
    }

    @Test
    void greedyActionPrefersTheLowestIndexAmongTiesAndStatsSummariseTheTable() {
        QTable q = new QTable(4);
        assertThat(q.greedyAction("s")).isZero();
        q.set("s", 2, 1.0);
        q.set("s", 3, 1.0);
        assertThat(q.greedyAction("s")).isEqualTo(2);
        q.set("t", 0, -2.0);
        // values: s = {0,0,1,1}, t = {-2,0,0,0}: mean 0/8 = 0, max 1
        assertThat(q.stateCount()).isEqualTo(2);
        assertThat(q.meanValue()).isZero();
        assertThat(q.maxStoredValue()).isEqualTo(1.0);
        q.set("t", 1, 4.0);
        // mean = (2 + 2) / 8 = 0.5
        assertThat(q.meanValue()).isEqualTo(0.5);
        assertThat(q.maxValue("t")).isEqualTo(4.0);
        assertThatThrownBy(() -> q.set("s", 4, 0)).hasMessageContaining("outside 0..3");
    }

    @Test
    void epsilonGreedyIsReproducibleExploresAtItsRateAndDecaysToItsFloor() {
        QTable q = new QTable(5);
        q.set("s", 3, 1.0);
        EpsilonGreedy a = new EpsilonGreedy(0.1, 0.995, 0.01, 7);
        EpsilonGreedy b = new EpsilonGreedy(0.1, 0.995, 0.01, 7);
        int explored = 0;
        for (int i = 0; i < 10_000; i++) {
            EpsilonGreedy.Choice ca = a.select(q, "s");
            assertThat(b.select(q, "s")).isEqualTo(ca);
            if (ca.explored()) {
                explored++;
            } else {
                assertThat(ca.action()).isEqualTo(3);
            }
        }
        // 10% of 10000 = 1000 with sd sqrt(10000 * 0.1 * 0.9) = 30: 850..1150 is five sd
        assertThat(explored).isBetween(850, 1150);
        assertThat(a.explored()).isEqualTo(explored);
        // 0.1 * 0.995^n reaches 0.01 after ln(0.1)/ln(0.995) = 459.4 episodes
        for (int i = 0; i < 459; i++) {
            a.decay();
        }
        assertThat(a.epsilon()).isGreaterThan(0.01);
        assertThat(a.decay()).isEqualTo(0.01);
        assertThat(a.decay()).isEqualTo(0.01);
    }

    @Test
    void zeroEpsilonNeverExplores() {
        QTable q = new QTable(3);
        q.set("s", 1, 0.5);
        EpsilonGreedy greedy = new EpsilonGreedy(0, 1, 0, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(greedy.select(q, "s").action()).isEqualTo(1);
        }
        assertThatThrownBy(() -> new EpsilonGreedy(0.1, 0.9, 0.2, 1)).hasMessageContaining("floor");
    }
}
