package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.CandleSeries;
import java.util.Arrays;

/**
 * What happened after each exit: the close 1h, 4h and 24h after the exit bar and the best (highest)
 * price within each of those windows, recorded as those bars arrive and never earlier, plus the missed
 * profit (quote currency, over the 4h window) and an {@link ExitVerdict}. Rows are in the order trades
 * were added (their exit order); an unfinished window reads NaN.
 *
 * <p>Two ways to the best price, with the same result (the maximum of the same past highs): a tracker
 * of a row at nearly every bar (shadow trades) keeps, per window length W, the running maximum of the
 * highs from the start of each run of W bars and, once such a run has fully arrived, the maximum from
 * each of its bars to its end; a window is then one lookup in each, read only when asked for and only
 * once its last bar has arrived, so a bar costs the same few operations however many rows end at it.
 * A tracker of occasional rows (the policy's trades) does nothing on most bars and, when a window
 * ends, reads the highs it spans, reusing the shorter window's maximum. Both only read bars up to the
 * current one.
 */
public final class PostExitTracker {
    /** Window lengths in minutes: 1h, 4h, 24h. */
    public static final int[] WINDOW_MINUTES = {60, 240, 1440};
    static final int VERDICT_WINDOW = 1;
    private static final int DEFAULT_CAPACITY = 256;
    private static final int NONE_DUE = Integer.MAX_VALUE;
    private static final byte PENDING = (byte) ExitVerdict.PENDING.ordinal();
    private static final ExitVerdict[] VERDICTS = ExitVerdict.values();

    private final CandleSeries candles;
    private final double targetFraction;
    private final boolean rowEveryBar;
    // Three fields rather than a loop over an array: the per-bar work of a window is a few field reads.
    private final Window hour;
    private final Window fourHours;
    private final Window day;
    private final Window[] windows;
    /** Occasional rows: the first bar at which some window ends. */
    private int nextDue = NONE_DUE;
    /*
     * Occasional rows: the highest high of each run of BLOCK bars from the first exit on, filled in
     * order, a block only once all its bars have arrived. Windows of successive trades overlap (a day
     * after each exit), so a window reads whole blocks here and only its two ragged ends bar by bar.
     */
    private static final int BLOCK_SHIFT = 6;
    private static final int BLOCK = 1 << BLOCK_SHIFT;
    private int blockOrigin = -1;
    private double[] scanBlockHighest = new double[0];
    private int blocksReady;

    /** Rows at every bar: the last bar taken in, and the first bar any window can hold (-1 before a row). */
    private int reached = -1;
    private int slidingOrigin = -1;
    /*
     * Rows at every bar: the bars from the sliding origin on are cut into blocks of `block` bars, a
     * length every window is a whole number of, so a window (exit, exit + W] is the tail of one block,
     * whole blocks, and the head of another (or whole blocks only). head[j] is the highest high from
     * the start of j's block through j, taken in as bar j arrives; tail[j] the highest from j to the
     * end of its block and blockHighest[b] that of block b, written when the block's last bar arrives.
     * Indexed by bar minus the origin; about two doubles a bar, whatever the windows.
     */
    private final int block;
    private double[] head = new double[0];
    private double[] tail = new double[0];
    private double[] blockHighest = new double[0];
    private int inBlock;

    /**
     * Shadow trades: their rows, which hold the exit bar, exit price, entry price and best price while
     * open, so this tracker reads them there instead of keeping copies (null for other trackers).
     */
    private final ShadowTrades rows;
    private final double rowNotional;
    private final int expectedRows;

    private int size;
    private int[] exitBar;
    private double[] exitPrice;
    private double[] quantity;
    private double[] bestDuringTrade;
    private double[] missedProfit;
    private byte[] verdict;

    /** A tracker of occasional rows, such as a policy's trades. */
    PostExitTracker(CandleSeries candles, double takeProfitBps) {
        this(candles, takeProfitBps, false, DEFAULT_CAPACITY);
    }

    /**
     * @param rowEveryBar  whether a row arrives at nearly every bar (shadow trades), which decides only
     *                     how the best prices are found, not their values
     * @param expectedRows rows to make room for before growing
     */
    PostExitTracker(CandleSeries candles, double takeProfitBps, boolean rowEveryBar, int expectedRows) {
        this(candles, takeProfitBps, rowEveryBar, expectedRows, null, 0);
    }

    /**
     * A tracker of the shadow trades in {@code rows}, one row each in the same order, added as they are
     * resolved; the quantity of a row is {@code notional} over its entry price.
     */
    PostExitTracker(CandleSeries candles, double takeProfitBps, ShadowTrades rows, double notional, int expectedRows) {
        this(candles, takeProfitBps, true, expectedRows, rows, notional);
    }

    private PostExitTracker(CandleSeries candles, double takeProfitBps, boolean rowEveryBar, int expectedRows,
                            ShadowTrades rows, double notional) {
        this.candles = candles;
        this.rows = rows;
        this.rowNotional = notional;
        this.expectedRows = expectedRows;
        this.targetFraction = takeProfitBps / 10_000.0;
        this.rowEveryBar = rowEveryBar;
        long minutes = candles.id().timeframe().duration().toMinutes();
        int capacity = Math.max(16, expectedRows);
        int copied = rows == null ? capacity : 0; // rows kept elsewhere need no copies here
        this.hour = new Window(barsOf(WINDOW_MINUTES[0], minutes), null, false, capacity);
        this.fourHours = new Window(barsOf(WINDOW_MINUTES[1], minutes), hour, true, capacity);
        this.day = new Window(barsOf(WINDOW_MINUTES[2], minutes), fourHours, false, capacity);
        this.windows = new Window[] {hour, fourHours, day};
        this.block = gcd(gcd(hour.bars, fourHours.bars), day.bars);
        exitBar = new int[copied];
        exitPrice = new double[copied];
        quantity = new double[copied];
        bestDuringTrade = new double[copied];
        // Rows at every bar work out missed profit and verdict when asked; the others store them.
        int judged = rowEveryBar ? 0 : capacity;
        missedProfit = new double[judged];
        verdict = new byte[judged];
        Arrays.fill(missedProfit, Double.NaN);
        Arrays.fill(verdict, PENDING);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int barsOf(int windowMinutes, long barMinutes) {
        return (int) Math.max(1, (windowMinutes + barMinutes - 1) / barMinutes);
    }

    /** One window length and its column of results. */
    private final class Window {
        final int bars;
        /** The next shorter window (same start, not longer), whose maximum a scan can start from. */
        private final Window shorter;
        private final boolean judges;
        /** The first row whose window has not ended (rows end in the order they were added). */
        private int pending;
        private double[] priceAfter;
        private double[] bestAfter;

        Window(int bars, Window shorter, boolean judges, int capacity) {
            this.bars = bars;
            this.shorter = shorter;
            this.judges = judges;
            int rows = rowEveryBar ? 0 : capacity;
            this.priceAfter = new double[rows];
            this.bestAfter = new double[rows];
            Arrays.fill(priceAfter, Double.NaN);
            Arrays.fill(bestAfter, Double.NaN);
        }

        /** Rows at every bar: the highest high of row i's window, or NaN until its last bar has arrived. */
        double slidingBest(int i) {
            int exit = exitBarOf(i);
            int end = exit + bars;
            return end > reached ? Double.NaN : highestInBlocks(exit + 1 - slidingOrigin, end - slidingOrigin);
        }

        /** Occasional rows: completes the rows whose window ends at {@code bar} by reading their highs. */
        void scan(int bar) {
            while (pending < size && exitBar[pending] + bars <= bar) {
                int i = pending++;
                int exit = exitBar[i];
                if (exit + bars == bar) {
                    double highest = Double.NEGATIVE_INFINITY;
                    int first = exit + 1;
                    if (shorter != null && !Double.isNaN(shorter.bestAfter[i])) {
                        highest = shorter.bestAfter[i]; // (exit, exit + shorter] is already known
                        first = exit + shorter.bars + 1;
                    }
                    complete(i, bar, Math.max(highest, highestHigh(first, bar)));
                }
            }
        }

        /** The end of the first waiting row's window, or none. */
        int due() {
            return pending < size ? exitBar[pending] + bars : NONE_DUE;
        }

        private void complete(int i, int bar, double highest) {
            priceAfter[i] = candles.close(bar);
            bestAfter[i] = highest;
            if (judges) {
                judge(i, highest);
            }
        }

        void grow(int n) {
            int old = priceAfter.length;
            priceAfter = Arrays.copyOf(priceAfter, n);
            bestAfter = Arrays.copyOf(bestAfter, n);
            Arrays.fill(priceAfter, old, n, Double.NaN);
            Arrays.fill(bestAfter, old, n, Double.NaN);
        }
    }

    /** The highest high of bars [first, last] (negative infinity when empty), all at or before the current bar. */
    private double highestHigh(int first, int last) {
        int fullFrom = (first - blockOrigin + BLOCK - 1) >> BLOCK_SHIFT;
        int fullTo = (last + 1 - blockOrigin) >> BLOCK_SHIFT; // exclusive: blocks ending at or before last
        if (fullFrom >= fullTo) {
            return highestBarByBar(first, last);
        }
        while (blocksReady < fullTo) {
            if (blocksReady == scanBlockHighest.length) {
                scanBlockHighest = Arrays.copyOf(scanBlockHighest, Math.max(64, scanBlockHighest.length * 2));
            }
            int start = blockOrigin + (blocksReady << BLOCK_SHIFT);
            scanBlockHighest[blocksReady++] = highestBarByBar(start, start + BLOCK - 1);
        }
        double highest = Math.max(highestBarByBar(first, blockOrigin + (fullFrom << BLOCK_SHIFT) - 1),
                highestBarByBar(blockOrigin + (fullTo << BLOCK_SHIFT), last));
        for (int k = fullFrom; k < fullTo; k++) {
            highest = Math.max(highest, scanBlockHighest[k]);
        }
        return highest;
    }

    /**
     * The highest high of bars [first, last] read one by one, with four running maxima so the
     * comparisons do not wait on each other: the maximum of a set does not depend on the order.
     */
    private double highestBarByBar(int first, int last) {
        double a = Double.NEGATIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        double c = Double.NEGATIVE_INFINITY;
        double d = Double.NEGATIVE_INFINITY;
        int k = first;
        for (; k + 3 <= last; k += 4) {
            a = Math.max(a, candles.high(k));
            b = Math.max(b, candles.high(k + 1));
            c = Math.max(c, candles.high(k + 2));
            d = Math.max(d, candles.high(k + 3));
        }
        for (; k <= last; k++) {
            a = Math.max(a, candles.high(k));
        }
        return Math.max(Math.max(a, b), Math.max(c, d));
    }

    /** Starts tracking a trade that exited at {@code bar}; returns its row. */
    int add(int bar, double price, double qty, double bestWhileOpen) {
        if (rows != null) {
            return addRow(bar);
        }
        if (size == exitBar.length) {
            grow();
        }
        // The row's window values, missed profit and verdict already read NaN and PENDING.
        int i = size++;
        exitBar[i] = bar;
        exitPrice[i] = price;
        quantity[i] = qty;
        bestDuringTrade[i] = bestWhileOpen;
        if (rowEveryBar) {
            if (slidingOrigin < 0) {
                slidingOrigin = bar + 1; // no window reaches back to its exit bar
            }
            return i;
        }
        nextDue = Math.min(nextDue, bar + hour.bars);
        if (blockOrigin < 0) {
            blockOrigin = bar + 1; // no window reaches back to its exit bar
        }
        return i;
    }

    /** The next shadow trade's row has been written to {@code rows}: only count it. */
    int addRow(int bar) {
        if (slidingOrigin < 0) {
            slidingOrigin = bar + 1; // no window reaches back to its exit bar
        }
        return size++;
    }

    private int exitBarOf(int i) {
        return rows == null ? exitBar[i] : rows.exitBar(i);
    }

    private double exitPriceOf(int i) {
        return rows == null ? exitPrice[i] : rows.exitPrice(i);
    }

    private double quantityOf(int i) {
        return rows == null ? quantity[i] : rowNotional / rows.entryPrice(i);
    }

    private double bestDuringTradeOf(int i) {
        return rows == null ? bestDuringTrade[i] : rows.maxHigh(i);
    }

    private void grow() {
        int old = exitBar.length;
        int n = old * 2;
        exitBar = Arrays.copyOf(exitBar, n);
        exitPrice = Arrays.copyOf(exitPrice, n);
        quantity = Arrays.copyOf(quantity, n);
        bestDuringTrade = Arrays.copyOf(bestDuringTrade, n);
        if (rowEveryBar) {
            return; // nothing else is kept per row
        }
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
        if (rowEveryBar) {
            slide(bar);
        } else if (bar >= nextDue) {
            completeDue(bar);
        }
    }

    /** Rows at every bar: takes in the bar's high; windows are read from the maxima when asked for. */
    private void slide(int bar) {
        reached = bar;
        if (slidingOrigin < 0 || bar < slidingOrigin) {
            return; // no row yet, or the exit bar of the first one: no window holds this bar
        }
        int j = bar - slidingOrigin;
        if (j == head.length) {
            int n = Math.max(Math.max(16, Math.max(expectedRows, exitBar.length)), 2 * head.length);
            head = Arrays.copyOf(head, n);
            tail = Arrays.copyOf(tail, n);
            blockHighest = Arrays.copyOf(blockHighest, n / block + 1);
        }
        double high = candles.high(bar);
        int k = inBlock;
        head[j] = k == 0 ? high : Math.max(head[j - 1], high);
        if (k + 1 == block) {
            double highest = high;
            tail[j] = highest;
            for (int m = j - 1; m > j - block; m--) {
                highest = Math.max(highest, candles.high(slidingOrigin + m));
                tail[m] = highest;
            }
            blockHighest[j / block] = highest;
            inBlock = 0;
        } else {
            inBlock = k + 1;
        }
    }

    /** Rows at every bar: the highest high of bars [first, last] after the origin, all of which have arrived. */
    private double highestInBlocks(int first, int last) {
        int firstBlock = first / block;
        int lastBlock = last / block;
        if (firstBlock == lastBlock) {
            return head[last]; // one whole block: windows are whole numbers of blocks long
        }
        double highest = tail[first];
        for (int b = firstBlock + 1; b < lastBlock; b++) {
            highest = Math.max(highest, blockHighest[b]);
        }
        return Math.max(highest, head[last]);
    }

    /** Occasional rows: completes the windows that end at {@code bar} and finds the next such bar. */
    private void completeDue(int bar) {
        // Shorter windows first: a longer one starts its scan from their maximum.
        hour.scan(bar);
        fourHours.scan(bar);
        day.scan(bar);
        nextDue = Math.min(hour.due(), Math.min(fourHours.due(), day.due()));
    }

    private void judge(int i, double bestAfterExit) {
        missedProfit[i] = missedProfitOf(i, bestAfterExit);
        verdict[i] = (byte) verdictOf(i, bestAfterExit).ordinal();
    }

    private double missedProfitOf(int i, double bestAfterExit) {
        return quantityOf(i) * Math.max(0, bestAfterExit - exitPriceOf(i));
    }

    private ExitVerdict verdictOf(int i, double bestAfterExit) {
        double exit = exitPriceOf(i);
        double after = bestAfterExit / exit - 1;
        double gaveBack = bestDuringTradeOf(i) / exit - 1;
        boolean early = after >= targetFraction;
        boolean late = gaveBack >= targetFraction;
        return early && late ? (after >= gaveBack ? ExitVerdict.TOO_EARLY : ExitVerdict.TOO_LATE)
                : early ? ExitVerdict.TOO_EARLY : late ? ExitVerdict.TOO_LATE : ExitVerdict.ABOUT_RIGHT;
    }

    public int size() {
        return size;
    }

    public int windowBars(int window) {
        return windows[window].bars;
    }

    public int exitBar(int i) {
        return exitBarOf(i);
    }

    /** Close {@code WINDOW_MINUTES[window]} after the exit, NaN until that bar has arrived. */
    public double priceAfter(int window, int i) {
        if (rowEveryBar) {
            int end = exitBarOf(i) + windows[window].bars;
            return end <= reached ? candles.close(end) : Double.NaN;
        }
        return windows[window].priceAfter[i];
    }

    /** Highest price in the window after the exit, NaN until the window has passed. */
    public double bestAfter(int window, int i) {
        return rowEveryBar ? windows[window].slidingBest(i) : windows[window].bestAfter[i];
    }

    /** Profit left on the table within 4h after the exit (quote currency), NaN until then. */
    public double missedProfit(int i) {
        if (rowEveryBar) {
            return exitBarOf(i) + fourHours.bars > reached ? Double.NaN : missedProfitOf(i, fourHours.slidingBest(i));
        }
        return missedProfit[i];
    }

    public ExitVerdict verdict(int i) {
        if (rowEveryBar) {
            return exitBarOf(i) + fourHours.bars > reached ? ExitVerdict.PENDING
                    : verdictOf(i, fourHours.slidingBest(i));
        }
        return VERDICTS[verdict[i]];
    }
}
