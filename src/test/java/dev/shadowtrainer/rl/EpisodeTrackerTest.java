package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EpisodeTrackerTest {
    @Test
    void reproducesTheDesignsDiscountedReturn() {
        EpisodeTracker tracker = new EpisodeTracker();
        tracker.start("t1");
        tracker.step("t1", "s0", "a", 1.5);
        tracker.step("t1", "s1", "b", 2.0);
        tracker.step("t1", "s2", "c", -0.5);
        Episode e = tracker.end("t1");
        // G = 1.5 + 0.99 * 2.0 + 0.9801 * (-0.5) = 1.5 + 1.98 - 0.49005 = 2.98995; the design rounds to 2.99
        assertThat(e.discountedReturn()).isCloseTo(2.98995, within(1e-12));
        assertThat(Math.round(e.discountedReturn() * 100) / 100.0).isEqualTo(2.99);
        assertThat(e.totalReward()).isEqualTo(3.0);
        assertThat(e.steps()).isEqualTo(3);
        assertThat(e.actions()).containsExactly("a", "b", "c");
        assertThat(tracker.isOpen("t1")).isFalse();
    }

    @Test
    void statisticsAreMeansOverFinishedEpisodes() {
        EpisodeTracker tracker = new EpisodeTracker(0.5, 10);
        tracker.start("a");
        tracker.step("a", "s", "x", 2.0);
        tracker.end("a");
        tracker.start("b");
        tracker.step("b", "s", "x", 1.0);
        tracker.step("b", "s", "x", 4.0);
        tracker.end("b");
        tracker.start("open");
        // a: total 2, G 2, 1 step; b: total 5, G 1 + 0.5 * 4 = 3, 2 steps
        EpisodeStats stats = tracker.stats();
        assertThat(stats.kept()).isEqualTo(2);
        assertThat(stats.meanReward()).isEqualTo(3.5);
        assertThat(stats.meanDiscountedReturn()).isEqualTo(2.5);
        assertThat(stats.meanSteps()).isEqualTo(1.5);
        assertThat(tracker.openCount()).isEqualTo(1);
    }

    @Test
    void keepsAtMostTheCapOfFinishedEpisodes() {
        EpisodeTracker tracker = new EpisodeTracker();
        for (int i = 0; i < 1005; i++) {
            tracker.start("e" + i);
            tracker.step("e" + i, "s", "a", i);
            tracker.end("e" + i);
        }
        EpisodeStats stats = tracker.stats();
        assertThat(stats.finished()).isEqualTo(1005);
        assertThat(stats.kept()).isEqualTo(1000);
        assertThat(tracker.finished().get(0).id()).isEqualTo("e5");
        // kept rewards 5..1004: mean (5 + 1004) / 2 = 504.5
        assertThat(stats.meanReward()).isEqualTo(504.5);
    }

    @Test
    void lifecycleMistakesAreRefused() {
        EpisodeTracker tracker = new EpisodeTracker();
        assertThatThrownBy(() -> tracker.step("x", "s", "a", 1)).hasMessageContaining("'x' is not open");
        tracker.start("x");
        assertThatThrownBy(() -> tracker.start("x")).hasMessageContaining("already open");
        assertThatThrownBy(() -> tracker.step("x", "s", "a", Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
        assertThat(tracker.end("x").steps()).isZero();
        assertThat(new EpisodeTracker().stats()).isEqualTo(new EpisodeStats(0, 0, 0, 0, 0));
    }
}
