package dev.shadowtrainer.sim;

import java.util.Arrays;

/**
 * Resolved shadow trades as rows of primitives (no record objects), appended in exit order (so the
 * first n rows are exactly the trades visible at the exit bar of row n-1). One row per decision bar;
 * pnl is for a size-1.0 entry and scales linearly with the size multiplier (fees are proportional to
 * notional).
 */
public final class ShadowTrades {
    /*
     * Row-major in three arrays (doubles, ints, bytes) rather than one array per column: a row is
     * written at every bar, and three write streams keep up where twelve stalled the loop.
     */
    private static final int ENTRY_PRICE = 0;
    private static final int EXIT_PRICE = 1;
    private static final int FEES = 2;
    private static final int PNL = 3;
    private static final int MAX_HIGH = 4;
    private static final int MIN_LOW = 5;
    private static final int DOUBLES = 6;
    private static final int DECISION_BAR = 0;
    private static final int ENTRY_BAR = 1;
    private static final int EXIT_BAR = 2;
    private static final int INTS = 3;
    private static final int REASON = 0;
    private static final int ENTRY_REGIME = 1;
    private static final int EXIT_REGIME = 2;
    private static final int BYTES = 3;

    private int size;
    private int capacity;
    private double[] doubles;
    private int[] ints;
    private byte[] bytes;
    private final double notional;

    ShadowTrades(double notional) {
        this(notional, 1024);
    }

    /** Room for {@code expectedTrades} rows before growing: a run knows it opens at most one per bar. */
    ShadowTrades(double notional, int expectedTrades) {
        this.notional = notional;
        capacity = Math.max(16, expectedTrades);
        doubles = new double[capacity * DOUBLES];
        ints = new int[capacity * INTS];
        bytes = new byte[capacity * BYTES];
    }

    void add(OpenLong p, int exit, double price, double exitFee, ExitReason why, byte regimeAtExit) {
        if (size == capacity) {
            grow();
        }
        int i = size++;
        int d = i * DOUBLES;
        doubles[d + ENTRY_PRICE] = p.entryPrice;
        doubles[d + EXIT_PRICE] = price;
        doubles[d + FEES] = p.entryFee + exitFee;
        doubles[d + PNL] = p.quantity * (price - p.entryPrice) - p.entryFee - exitFee;
        doubles[d + MAX_HIGH] = p.maxHigh;
        doubles[d + MIN_LOW] = p.minLow;
        int n = i * INTS;
        ints[n + DECISION_BAR] = p.decisionBar;
        ints[n + ENTRY_BAR] = p.entryBar;
        ints[n + EXIT_BAR] = exit;
        int b = i * BYTES;
        bytes[b + REASON] = (byte) why.ordinal();
        bytes[b + ENTRY_REGIME] = p.entryRegime;
        bytes[b + EXIT_REGIME] = regimeAtExit;
    }

    private void grow() {
        capacity *= 2;
        doubles = Arrays.copyOf(doubles, capacity * DOUBLES);
        ints = Arrays.copyOf(ints, capacity * INTS);
        bytes = Arrays.copyOf(bytes, capacity * BYTES);
    }

    public int size() {
        return size;
    }

    public int decisionBar(int i) {
        return ints[i * INTS + DECISION_BAR];
    }

    public int entryBar(int i) {
        return ints[i * INTS + ENTRY_BAR];
    }

    public int exitBar(int i) {
        return ints[i * INTS + EXIT_BAR];
    }

    public double entryPrice(int i) {
        return doubles[i * DOUBLES + ENTRY_PRICE];
    }

    public double exitPrice(int i) {
        return doubles[i * DOUBLES + EXIT_PRICE];
    }

    /** Net pnl in quote currency of a size-1.0 (position_size) entry. */
    public double pnl(int i) {
        return doubles[i * DOUBLES + PNL];
    }

    public double pnlPercent(int i) {
        return 100 * pnl(i) / notional;
    }

    public double fees(int i) {
        return doubles[i * DOUBLES + FEES];
    }

    public ExitReason exitReason(int i) {
        return ExitReason.ofOrdinal(bytes[i * BYTES + REASON]);
    }

    public boolean isWin(int i) {
        return pnl(i) > 0;
    }

    public byte entryRegimeOf(int i) {
        return bytes[i * BYTES + ENTRY_REGIME];
    }

    public byte exitRegimeOf(int i) {
        return bytes[i * BYTES + EXIT_REGIME];
    }

    public double maxHigh(int i) {
        return doubles[i * DOUBLES + MAX_HIGH];
    }

    /** Row i as a trade record, for a size multiplier (pnl, fees and notional scale with it). */
    public Trade trade(int i, double multiplier, long entryTime, long exitTime) {
        double n = notional * multiplier;
        double entry = entryPrice(i);
        return new Trade(decisionBar(i), TradeKind.SHADOW, entryBar(i), exitBar(i), entryTime, exitTime,
                entry, exitPrice(i), multiplier, n, n / entry, 1, fees(i) * multiplier,
                pnl(i) * multiplier, pnlPercent(i), 100 * (maxHigh(i) / entry - 1),
                100 * (doubles[i * DOUBLES + MIN_LOW] / entry - 1), exitReason(i), entryRegimeOf(i), exitRegimeOf(i),
                new float[0]);
    }
}
