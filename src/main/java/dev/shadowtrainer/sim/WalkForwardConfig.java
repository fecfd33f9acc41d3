package dev.shadowtrainer.sim;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;

/**
 * The shape of a rolling walk-forward: window lengths in days and the bars left out between each
 * training window and its test window (see {@link WalkForwardPlan} for the rule). The values come from
 * the {@code evaluation.*} keys; a bad one is a usage error (exit code 2) naming its key, like any
 * config error, without this package depending on the config package.
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
            throw new ShadowTrainerException(ExitCodes.USAGE, "config key 'evaluation.step_days' = " + stepDays
                    + " is less than evaluation.test_days = " + testDays
                    + ", so test windows would overlap; set step_days to at least test_days");
        }
    }

    /** Bars between the end of a training window and the start of its test window. */
    public int gapBars() {
        return purgeBars + embargoBars;
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "config key '" + key + "' = " + value + " is out of range; allowed [" + min
                    + ", ...]");
        }
    }
}
