package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.market.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardPlanTest {

    @Test
    void dailyBarsGiveExactBoundaries() {
        // train 5, purge 1 + embargo 2, test 2, step 3: fold k trains [3k, 3k+5), tests [3k+8, 3k+10).
        WalkForwardConfig cfg = new WalkForwardConfig(5, 2, 3, 1, 2);
        List<Fold> folds = WalkForwardPlan.folds(0, 20, Timeframe.D1, cfg);
        assertThat(folds).containsExactly(
                new Fold(0, 0, 5, 8, 10),
                new Fold(1, 3, 8, 11, 13),
                new Fold(2, 6, 11, 14, 16),
                new Fold(3, 9, 14, 17, 19));
        // The fifth fold would test [20, 22): past the end, so it is dropped rather than shortened.
        assertThat(WalkForwardPlan.folds(0, 21, Timeframe.D1, cfg)).hasSize(4);
        assertThat(WalkForwardPlan.folds(0, 22, Timeframe.D1, cfg)).hasSize(5)
                .last().isEqualTo(new Fold(4, 12, 17, 20, 22));
    }

    @Test
    void defaultsOnFifteenMinuteBars() {
        WalkForwardConfig cfg = new WalkForwardConfig(30, 7, 7, 8, 24);
        // 30 days = 2880 bars, 7 days = 672 bars, gap 8 + 24 = 32 bars; first usable bar 100.
        List<Fold> folds = WalkForwardPlan.folds(100, 5699, Timeframe.M15, cfg);
        assertThat(folds).containsExactly(
                new Fold(0, 100, 2980, 3012, 3684),
                new Fold(1, 772, 3652, 3684, 4356),
                new Fold(2, 1444, 4324, 4356, 5028));
        assertThat(folds.get(0).gapBars()).isEqualTo(32);
        assertThat(folds.get(0).trainBars()).isEqualTo(2880);
        assertThat(folds.get(0).testBars()).isEqualTo(672);
        // With step = test the test windows tile the out-of-sample range without gaps.
        assertThat(WalkForwardPlan.folds(100, 5700, Timeframe.M15, cfg)).hasSize(4)
                .last().isEqualTo(new Fold(3, 2116, 4996, 5028, 5700));
    }

    @Test
    void testWindowsNeverOverlapAndStayInsideTheRange() {
        for (Timeframe tf : List.of(Timeframe.M5, Timeframe.H1, Timeframe.D1)) {
            for (int test = 1; test <= 4; test++) {
                for (int step = test; step <= test + 3; step++) {
                    WalkForwardConfig cfg = new WalkForwardConfig(10, test, step, 3, 5);
                    int first = 17;
                    int end = first + (int) (60 * tf.barsPerDay()) + 11;
                    List<Fold> folds = WalkForwardPlan.folds(first, end, tf, cfg);
                    for (int k = 0; k < folds.size(); k++) {
                        Fold f = folds.get(k);
                        assertThat(f.index()).isEqualTo(k);
                        assertThat(f.trainFrom()).isGreaterThanOrEqualTo(first);
                        assertThat(f.testTo()).isLessThanOrEqualTo(end);
                        assertThat(f.testFrom() - f.trainTo()).isEqualTo(8);
                        if (k > 0) {
                            assertThat(f.testFrom()).isGreaterThanOrEqualTo(folds.get(k - 1).testTo());
                        }
                    }
                    Fold last = folds.get(folds.size() - 1);
                    int stepBars = (int) (step * tf.barsPerDay());
                    assertThat(last.testTo() + stepBars).as("no further fold fits").isGreaterThan(end);
                }
            }
        }
    }

    @Test
    void tooLittleDataIsBadDataSayingHowManyDaysThereAreAndAreNeeded() {
        WalkForwardConfig cfg = new WalkForwardConfig(30, 7, 7, 8, 24);
        assertThatThrownBy(() -> WalkForwardPlan.folds(0, 2000, Timeframe.M15, cfg))
                .isInstanceOf(ShadowTrainerException.class)
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.BAD_DATA))
                .hasMessageContaining("needs 37.33 days")
                .hasMessageContaining("only 20.83 days (2000 bars)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void stepShorterThanTestIsRejectedAsAConfigError() {
        assertThatThrownBy(() -> new WalkForwardConfig(30, 7, 5, 8, 24))
                .isInstanceOf(ShadowTrainerException.class)
                .hasMessageContaining("evaluation.step_days")
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> new WalkForwardConfig(30, 7, 7, -1, 24)).isInstanceOf(ShadowTrainerException.class)
                .hasMessageContaining("evaluation.purge_bars");
        assertThatThrownBy(() -> new WalkForwardConfig(0, 7, 7, 8, 24))
                .isInstanceOf(ShadowTrainerException.class).hasMessageContaining("evaluation.train_days");
    }

    @Test
    void purgeCoversTheLongestHold() {
        assertThat(WalkForwardPlan.purgeBarsFor(120, Timeframe.M15)).isEqualTo(8);
        assertThat(WalkForwardPlan.purgeBarsFor(121, Timeframe.M15)).isEqualTo(9);
        assertThat(WalkForwardPlan.purgeBarsFor(120, Timeframe.H4)).isEqualTo(1);
        assertThat(WalkForwardPlan.purgeBarsFor(0, Timeframe.M1)).isZero();
    }

    @Test
    void foldRejectsDisorderedWindows() {
        assertThatThrownBy(() -> new Fold(0, 5, 5, 6, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fold(0, 0, 5, 4, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fold(0, 0, 5, 6, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
