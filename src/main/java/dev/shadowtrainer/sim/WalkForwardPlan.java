package dev.shadowtrainer.sim;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Cuts a range of bars into rolling walk-forward folds.
 *
 * <p>The rule, with train, test and step converted from days to bars of the timeframe and
 * {@code gap = purgeBars + embargoBars}: fold k starts at {@code s_k = firstBar + k * step}; it trains
 * on [s_k, s_k + train), leaves out [s_k + train, s_k + train + gap), and tests on
 * [s_k + train + gap, s_k + train + gap + test). Folds are made while the test window ends at or
 * before {@code endBar}, so every test window lies wholly inside [firstBar, endBar) and a last partial
 * test window is dropped, never shortened.
 *
 * <p>Why the gap: the purge covers the bars in which a trade opened on the last training bar may still
 * be open (its outcome, the training label, would otherwise be read off test-window prices), so
 * {@code purgeBars} should be at least {@link #purgeBarsFor(int, Timeframe)} of the maximum holding
 * time; the embargo adds distance against serial correlation between the end of training and the
 * test. Because {@code step >= test} (checked by {@link WalkForwardConfig}), test windows never
 * overlap, so each out-of-sample bar is counted once when folds are combined. Training windows of
 * later folds do overlap earlier test windows; they lie in those folds' past, which is allowed.
 */
public final class WalkForwardPlan {
    private WalkForwardPlan() {
    }

    /**
     * The folds that fit in [firstBar, endBar), in time order, indexed from 0.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when not even one fold fits
     */
    public static List<Fold> folds(int firstBar, int endBar, Timeframe tf, WalkForwardConfig cfg) {
        Objects.requireNonNull(tf, "tf is null");
        Objects.requireNonNull(cfg, "cfg is null");
        if (firstBar < 0 || endBar < firstBar) {
            throw new IllegalArgumentException("bar range [" + firstBar + ", " + endBar + ") is not a range");
        }
        long train = bars(cfg.trainDays(), tf);
        long test = bars(cfg.testDays(), tf);
        long step = bars(cfg.stepDays(), tf);
        long gap = cfg.gapBars();
        long foldBars = train + gap + test;
        List<Fold> folds = new ArrayList<>();
        for (long start = firstBar; start + foldBars <= endBar; start += step) {
            int trainTo = (int) (start + train);
            int testFrom = (int) (trainTo + gap);
            folds.add(new Fold(folds.size(), (int) start, trainTo, testFrom, (int) (testFrom + test)));
        }
        if (folds.isEmpty()) {
            double perDay = tf.barsPerDay();
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, String.format(Locale.ROOT,
                    "walk-forward needs %.2f days of %s bars for one fold (%d train + %.2f purge/embargo + %d test)"
                            + " but only %.2f days (%d bars) are there; load more days or shorten"
                            + " evaluation.train_days / evaluation.test_days",
                    foldBars / perDay, tf.label(), cfg.trainDays(), gap / perDay, cfg.testDays(),
                    (endBar - firstBar) / perDay, endBar - firstBar));
        }
        return List.copyOf(folds);
    }

    /**
     * Bars a trade held up to {@code maxHoldMinutes} can span: the purge that keeps a trade opened at the
     * end of training from being still open inside the test window. An entry decided at the last
     * training bar's close fills at the next open, so its exit can print at the open of the first bar
     * after this many; an embargo of at least one bar keeps even that price out of the test window.
     */
    public static int purgeBarsFor(int maxHoldMinutes, Timeframe tf) {
        Objects.requireNonNull(tf, "tf is null");
        if (maxHoldMinutes < 0) {
            throw new IllegalArgumentException("maxHoldMinutes is negative: " + maxHoldMinutes);
        }
        long holdMillis = maxHoldMinutes * 60_000L;
        return Math.toIntExact((holdMillis + tf.millis() - 1) / tf.millis());
    }

    private static long bars(int days, Timeframe tf) {
        return days * 86_400_000L / tf.millis();
    }
}
