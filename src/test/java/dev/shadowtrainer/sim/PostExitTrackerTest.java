package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every post-exit row against a brute-force recomputation at every bar: a window's close and best price
 * appear exactly at its last bar (NaN before), and equal the close at that bar and the highest high of
 * the bars after the exit through it. Rows arrive in bursts (several per bar) and with idle stretches
 * longer than the longest window, the two patterns of shadow trades and policy trades, and both ways
 * of finding the best price are checked against the same brute force.
 */
class PostExitTrackerTest {
    static Stream<Arguments> timeframesAndModes() {
        return Stream.of(Timeframe.M1, Timeframe.M15, Timeframe.H4, Timeframe.D1)
                .flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }

    @ParameterizedTest(name = "{0}, row every bar: {1}")
    @MethodSource("timeframesAndModes")
    void windowsMatchBruteForceAtEveryBar(Timeframe timeframe, boolean rowEveryBar) {
        CandleSeries candles = new SyntheticMarket(17)
                .generate(new Symbol("ETH", "USDT"), timeframe, Instant.parse("2024-02-01T00:00:00Z"), 4_000).series();
        PostExitTracker tracker = new PostExitTracker(candles, 20, rowEveryBar, 64);
        SplittableRandom random = new SplittableRandom(3);
        List<double[]> rows = new ArrayList<>(); // exit bar, price, quantity, best while open, brute-force bests
        int from = 37;
        for (int bar = from; bar < candles.size(); bar++) {
            boolean idle = (bar / 1_700) % 2 == 1;
            int adds = idle ? 0 : random.nextInt(4) == 0 ? random.nextInt(4) : 0;
            for (int k = 0; k < adds; k++) {
                double price = candles.close(bar) * (1 + random.nextDouble(-0.003, 0.003));
                double quantity = random.nextDouble(0.1, 2);
                double best = price * (1 + random.nextDouble(0, 0.004));
                assertThat(tracker.add(bar, price, quantity, best)).isEqualTo(rows.size());
                rows.add(new double[] {bar, price, quantity, best, Double.NaN, Double.NaN, Double.NaN});
            }
            tracker.step(bar);
            assertThat(tracker.size()).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                check(candles, tracker, rows.get(i), i, bar);
            }
        }
        assertThat(rows.size()).isGreaterThan(300);
    }

    /** Plain comparisons, since this runs for every row at every bar; AssertJ only reports a mismatch. */
    private static void check(CandleSeries candles, PostExitTracker tracker, double[] row, int i, int now) {
        int exit = (int) row[0];
        assertThat(tracker.exitBar(i)).isEqualTo(exit);
        for (int w = 0; w < PostExitTracker.WINDOW_MINUTES.length; w++) {
            int end = exit + tracker.windowBars(w);
            if (now < end) {
                if (!Double.isNaN(tracker.priceAfter(w, i)) || !Double.isNaN(tracker.bestAfter(w, i))) {
                    fail("row %d window %d shows a value at bar %d, before its end %d", i, w, now, end);
                }
                continue;
            }
            if (Double.isNaN(row[4 + w])) {
                double best = Double.NEGATIVE_INFINITY;
                for (int b = exit + 1; b <= end; b++) {
                    best = Math.max(best, candles.high(b));
                }
                row[4 + w] = best;
            }
            if (tracker.priceAfter(w, i) != candles.close(end) || tracker.bestAfter(w, i) != row[4 + w]) {
                assertThat(tracker.priceAfter(w, i)).as("row %d window %d close", i, w).isEqualTo(candles.close(end));
                assertThat(tracker.bestAfter(w, i)).as("row %d window %d best", i, w).isEqualTo(row[4 + w]);
            }
        }
        int verdictEnd = exit + tracker.windowBars(PostExitTracker.VERDICT_WINDOW);
        if (now < verdictEnd) {
            if (!Double.isNaN(tracker.missedProfit(i)) || tracker.verdict(i) != ExitVerdict.PENDING) {
                fail("row %d judged at bar %d, before its window ends at %d", i, now, verdictEnd);
            }
        } else {
            double best = tracker.bestAfter(PostExitTracker.VERDICT_WINDOW, i);
            assertThat(tracker.missedProfit(i)).isEqualTo(row[2] * Math.max(0, best - row[1]));
            assertThat(tracker.verdict(i)).isNotEqualTo(ExitVerdict.PENDING);
        }
    }
}
