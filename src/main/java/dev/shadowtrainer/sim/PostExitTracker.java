package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.CandleSeries;
import java.util.Arrays;

/**
 * What happened after each exit: the close 1h, 4h and 24h after the exit bar and the best (highest)
 * price within each of those windows, recorded as those bars arrive and never earlier, plus the missed
 * profit (quote currency, over the 4h window) and an {@link ExitVerdict}. Rows are in the order trades
 * were added (their exit order); an unfinished window reads NaN.
 */
public final class PostExitTracker {
    /** Window lengths in minutes: 1h, 4h, 24h. */
    public static final int[] WINDOW_MINUTES = {60, 240, 1440};
    static final int VERDICT_WINDOW = 1;
    private static final int DEFAULT_CAPACITY = 256;
    private static final byte PENDING = (byte) ExitVerdict.PENDING.ordinal();
    private static final ExitVerdict[] VERDICTS = ExitVerdict.values();

    private final CandleSeries candles;
    private final double targetFraction;
    // Three fields rather than a loop over an array: the per-bar work of a window is a few field reads.
    private final Window hour;
    private final Window fourHours;
    private final Window day;
    private final Window[] windows;

    private int size;
    private int[] exitBar;
    private double[] exitPrice;
    private double[] quantity;
    private double[] bestDuringTrade;
    private double[] missedProfit;
    private byte[] verdict;

    PostExitTracker(CandleSeries candles, double takeProfitBps) {
        this(candles, takeProfitBps, DEFAULT_CAPACITY);
    }

    /** A tracker with room for {@code expectedRows} rows before it grows (one per bar for shadow trades). */
    PostExitTracker(CandleSeries candles, double takeProfitBps, int expectedRows) {
        this.candles = candles;
        this.targetFraction = takeProfitBps / 10_000.0;
        long minutes = candles.id().timeframe().duration().toMinutes();
        int capacity = Math.max(16, expectedRows);
        this.hour = new Window(barsOf(WINDOW_MINUTES[0], minutes), false, capacity);
        this.fourHours = new Window(barsOf(WINDOW_MINUTES[1], minutes), true, capacity);
        this.day = new Window(barsOf(WINDOW_MINUTES[2], minutes), false, capacity);
        this.windows = new Window[] {hour, fourHours, day};
        exitBar = new int[capacity];
        exitPrice = new double[capacity];
        quantity = new double[capacity];
        bestDuringTrade = new double[capacity];
        missedProfit = new double[capacity];
        verdict = new byte[capacity];
        Arrays.fill(missedProfit, Double.NaN);
        Arrays.fill(verdict, PENDING);
    }

    private static int barsOf(int windowMinutes, long barMinutes) {
        return (int) Math.max(1, (windowMinutes + barMinutes - 1) / barMinutes);
    }

    /**
     * One window length. Its best price comes without a per-bar search: the bars are cut into blocks
     * of the window's length, so a window (exit, exit + W] spans the tail of the previous block and the
     * head of the current one. The window keeps the highs' running maximum over the current block and,
     * once a block is complete, the maxima of each of its tails, computed in one backward pass over bars
     * that have all arrived: two comparisons per bar, no data-dependent branches.
     */
    private final class Window {
        private static final int NOT_STARTED = Integer.MIN_VALUE;

        final int bars;
        private final boolean judges;
        private final double[] previousBlockTailHighest;
        /** The first row whose window has not ended (rows end in the order they were added). */
        private int pending;
        private int blockStart = NOT_STARTED;
        private double blockHighest;
        private double[] priceAfter;
        private double[] bestAfter;

        Window(int bars, boolean judges, int capacity) {
            this.bars = bars;
            this.judges = judges;
            this.previousBlockTailHighest = new double[bars];
            this.priceAfter = new double[capacity];
            this.bestAfter = new double[capacity];
            Arrays.fill(priceAfter, Double.NaN);
            Arrays.fill(bestAfter, Double.NaN);
        }

        void step(int bar, double high) {
            if (pending == size) {
                // No row waits. A later row exits at a later bar and its window starts after that, so no
                // bar seen so far can be its best: skip the work and start the blocks afresh then.
                blockStart = NOT_STARTED;
                return;
            }
            int start = blockStart;
            if (start == NOT_STARTED) {
                blockStart = bar;
                blockHighest = high;
            } else if (bar - start == bars) {
                closeBlock(start);
                blockStart = bar;
                blockHighest = high;
            } else {
                blockHighest = Math.max(blockHighest, high);
            }
            while (pending < size && exitBar[pending] + bars <= bar) {
                int i = pending++;
                if (exitBar[i] + bars == bar) {
                    priceAfter[i] = candles.close(bar);
                    bestAfter[i] = highestFrom(exitBar[i] + 1);
                    if (judges) {
                        judge(i, bestAfter[i]);
                    }
                }
            }
        }

        /** Tail maxima of the block that starts at {@code start} and has just ended. */
        private void closeBlock(int start) {
            double[] tail = previousBlockTailHighest;
            double highest = Double.NEGATIVE_INFINITY;
            for (int j = tail.length - 1; j >= 0; j--) {
                highest = Math.max(highest, candles.high(start + j));
                tail[j] = highest;
            }
        }

        /** Highest high from bar {@code first} through the current bar, a window's length at most. */
        private double highestFrom(int first) {
            int start = blockStart;
            if (first >= start) {
                return blockHighest; // the window is exactly the current block
            }
            return Math.max(previousBlockTailHighest[first - (start - bars)], blockHighest);
        }

        void grow(int n) {
            int old = priceAfter.length;
            priceAfter = Arrays.copyOf(priceAfter, n);
            bestAfter = Arrays.copyOf(bestAfter, n);
            Arrays.fill(priceAfter, old, n, Double.NaN);
            Arrays.fill(bestAfter, old, n, Double.NaN);
        }
    }

    /** Starts tracking a trade that exited at {@code bar}; returns its row. */
    int add(int bar, double price, double qty, double bestWhileOpen) {
        if (size == exitBar.length) {
            grow();
        }
        // The row's window values, missed profit and verdict already read NaN and PENDING.
        int i = size++;
        exitBar[i] = bar;
        exitPrice[i] = price;
        quantity[i] = qty;
        bestDuringTrade[i] = bestWhileOpen;
        return i;
    }

    private void grow() {
        int old = exitBar.length;
        int n = old * 2;
        exitBar = Arrays.copyOf(exitBar, n);
        exitPrice = Arrays.copyOf(exitPrice, n);
        quantity = Arrays.copyOf(quantity, n);
        bestDuringTrade = Arrays.copyOf(bestDuringTrade, n);
        missedProfit = Arrays.copyOf(missedProfit, n);
        verdict = Arrays.copyOf(verdict, n);
        Arrays.fill(missedProfit, old, n, Double.NaN);
        Arrays.fill(verdict, old, n, PENDING);
        for (Window w : windows) {
            w.grow(n);
        }
    }

    /** Takes in bar {@code bar} (called for consecutive bars) and completes every window that ends at it. */
    void step(int bar) {
        double high = candles.high(bar);
        hour.step(bar, high);
        fourHours.step(bar, high);
        day.step(bar, high);
    }

    private void judge(int i, double bestAfterExit) {
        double after = bestAfterExit / exitPrice[i] - 1;
        double gaveBack = bestDuringTrade[i] / exitPrice[i] - 1;
        missedProfit[i] = quantity[i] * Math.max(0, bestAfterExit - exitPrice[i]);
        boolean early = after >= targetFraction;
        boolean late = gaveBack >= targetFraction;
        ExitVerdict v = early && late ? (after >= gaveBack ? ExitVerdict.TOO_EARLY : ExitVerdict.TOO_LATE)
                : early ? ExitVerdict.TOO_EARLY : late ? ExitVerdict.TOO_LATE : ExitVerdict.ABOUT_RIGHT;
        verdict[i] = (byte) v.ordinal();
    }

    public int size() {
        return size;
    }

    public int windowBars(int window) {
        return windows[window].bars;
    }

    public int exitBar(int i) {
        return exitBar[i];
    }

    /** Close {@code WINDOW_MINUTES[window]} after the exit, NaN until that bar has arrived. */
    public double priceAfter(int window, int i) {
        return windows[window].priceAfter[i];
    }

    /** Highest price in the window after the exit, NaN until the window has passed. */
    public double bestAfter(int window, int i) {
        return windows[window].bestAfter[i];
    }

    /** Profit left on the table within 4h after the exit (quote currency), NaN until then. */
    public double missedProfit(int i) {
        return missedProfit[i];
    }

    public ExitVerdict verdict(int i) {
        return VERDICTS[verdict[i]];
    }
}
