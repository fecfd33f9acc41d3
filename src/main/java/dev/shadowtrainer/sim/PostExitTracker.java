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

    private final CandleSeries candles;
    private final double targetFraction;
    private final int[] windowBars = new int[3];
    private final int[][] queue = new int[3][];
    private final int[] queueHead = new int[3];
    private final int[][] maxDeque = new int[3][];
    private final int[] dequeHead = new int[3];
    private final int[] dequeTail = new int[3];

    private int size;
    private int[] exitBar = new int[256];
    private double[] exitPrice = new double[256];
    private double[] quantity = new double[256];
    private double[] bestDuringTrade = new double[256];
    private double[][] priceAfter = new double[3][256];
    private double[][] bestAfter = new double[3][256];
    private double[] missedProfit = new double[256];
    private byte[] verdict = new byte[256];

    PostExitTracker(CandleSeries candles, double takeProfitBps) {
        this.candles = candles;
        this.targetFraction = takeProfitBps / 10_000.0;
        long minutes = candles.id().timeframe().duration().toMinutes();
        for (int w = 0; w < 3; w++) {
            windowBars[w] = (int) Math.max(1, (WINDOW_MINUTES[w] + minutes - 1) / minutes);
            queue[w] = new int[256];
            maxDeque[w] = new int[windowBars[w] + 1];
        }
    }

    /** Starts tracking a trade that exited at {@code bar}; returns its row. */
    int add(int bar, double price, double qty, double bestWhileOpen) {
        if (size == exitBar.length) {
            grow();
        }
        int i = size++;
        exitBar[i] = bar;
        exitPrice[i] = price;
        quantity[i] = qty;
        bestDuringTrade[i] = bestWhileOpen;
        for (int w = 0; w < 3; w++) {
            priceAfter[w][i] = Double.NaN;
            bestAfter[w][i] = Double.NaN;
        }
        missedProfit[i] = Double.NaN;
        verdict[i] = (byte) ExitVerdict.PENDING.ordinal();
        return i;
    }

    private void grow() {
        int n = exitBar.length * 2;
        exitBar = Arrays.copyOf(exitBar, n);
        exitPrice = Arrays.copyOf(exitPrice, n);
        quantity = Arrays.copyOf(quantity, n);
        bestDuringTrade = Arrays.copyOf(bestDuringTrade, n);
        for (int w = 0; w < 3; w++) {
            priceAfter[w] = Arrays.copyOf(priceAfter[w], n);
            bestAfter[w] = Arrays.copyOf(bestAfter[w], n);
            queue[w] = Arrays.copyOf(queue[w], n);
        }
        missedProfit = Arrays.copyOf(missedProfit, n);
        verdict = Arrays.copyOf(verdict, n);
    }

    /** Takes in bar {@code bar} and completes every window that ends at it. */
    void step(int bar) {
        double high = candles.high(bar);
        for (int w = 0; w < 3; w++) {
            int[] dq = maxDeque[w];
            int cap = dq.length;
            // Monotonic deque of bar indices with decreasing highs: its head is the window's maximum.
            while (dequeTail[w] > dequeHead[w] && candles.high(dq[(dequeTail[w] - 1) % cap]) <= high) {
                dequeTail[w]--;
            }
            dq[dequeTail[w] % cap] = bar;
            dequeTail[w]++;
            while (dq[dequeHead[w] % cap] <= bar - windowBars[w]) {
                dequeHead[w]++;
            }
            if (dequeHead[w] >= cap) {
                dequeHead[w] -= cap;
                dequeTail[w] -= cap;
            }
            while (queueHead[w] < size && exitBar[queueHead[w]] + windowBars[w] <= bar) {
                int i = queueHead[w]++;
                if (exitBar[i] + windowBars[w] == bar) {
                    priceAfter[w][i] = candles.close(bar);
                    bestAfter[w][i] = candles.high(dq[dequeHead[w] % cap]);
                    if (w == VERDICT_WINDOW) {
                        judge(i);
                    }
                }
            }
        }
    }

    private void judge(int i) {
        double after = bestAfter[VERDICT_WINDOW][i] / exitPrice[i] - 1;
        double gaveBack = bestDuringTrade[i] / exitPrice[i] - 1;
        missedProfit[i] = quantity[i] * Math.max(0, bestAfter[VERDICT_WINDOW][i] - exitPrice[i]);
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
        return windowBars[window];
    }

    public int exitBar(int i) {
        return exitBar[i];
    }

    /** Close {@code WINDOW_MINUTES[window]} after the exit, NaN until that bar has arrived. */
    public double priceAfter(int window, int i) {
        return priceAfter[window][i];
    }

    /** Highest price in the window after the exit, NaN until the window has passed. */
    public double bestAfter(int window, int i) {
        return bestAfter[window][i];
    }

    /** Profit left on the table within 4h after the exit (quote currency), NaN until then. */
    public double missedProfit(int i) {
        return missedProfit[i];
    }

    public ExitVerdict verdict(int i) {
        return ExitVerdict.values()[verdict[i]];
    }
}
