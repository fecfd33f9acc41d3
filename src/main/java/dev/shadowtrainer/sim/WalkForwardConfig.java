package dev.shadowtrainer.sim;

import dev.shadowtrainer.config.ConfigException;
import dev.shadowtrainer.config.ShadowConfig.EvaluationConfig;
import java.util.Objects;

/**
 * The shape of a rolling walk-forward: window lengths in days and the bars left out between each
 * training window and its test window (see {@link WalkForwardPlan} for the rule).
 *
 * @param trainDays   days in each training window
 * @param testDays    days in each test window
 * @param stepDays    days from one fold's start to the next; at least {@code testDays} so test windows
 *                    never overlap
 * @param purgeBars   bars after training during which a trade opened in training may still be open
 * @param embargoBars further bars before the test window against serial correlation
 */
public record WalkForwardConfig(int trainDays, int testDays, int stepDays, int purgeBars, int embargoBars) {
    public WalkForwardConfig {
        requireAtLeast("evaluation.train_days", trainDays, 1);
        requireAtLeast("evaluation.test_days", testDays, 1);
        requireAtLeast("evaluation.step_days", stepDays, 1);
        requireAtLeast("evaluation.purge_bars", purgeBars, 0);
        requireAtLeast("evaluation.embargo_bars", embargoBars, 0);
        if (stepDays < testDays) {
            throw new ConfigException("config key 'evaluation.step_days' = " + stepDays
                    + " is less than evaluation.test_days = " + testDays
                    + ", so test windows would overlap; set step_days to at least test_days");
        }
    }

    public static WalkForwardConfig of(EvaluationConfig evaluation) {
        Objects.requireNonNull(evaluation, "evaluation is null");
        return new WalkForwardConfig(evaluation.trainDays(), evaluation.testDays(), evaluation.stepDays(),
                evaluation.purgeBars(), evaluation.embargoBars());
    }

    /** Bars between the end of a training window and the start of its test window. */
    public int gapBars() {
        return purgeBars + embargoBars;
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new ConfigException("config key '" + key + "' = " + value + " is out of range; allowed [" + min
                    + ", ...]");
        }
    }
}
