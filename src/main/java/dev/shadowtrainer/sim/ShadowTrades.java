package dev.shadowtrainer.sim;

import java.util.Arrays;

/**
 * Resolved shadow trades in columns, appended in exit order (so the first n rows are exactly the trades
 * visible at the exit bar of row n-1). One row per decision bar; pnl is for a size-1.0 entry and scales
 * linearly with the size multiplier (fees are proportional to notional).
 */
public final class ShadowTrades {
    private int size;
    private int[] decisionBar;
    private int[] entryBar;
    private int[] exitBar;
    private double[] entryPrice;
    private double[] exitPrice;
    private double[] fees;
    private double[] pnl;
    private double[] maxHigh;
    private double[] minLow;
    private byte[] reason;
    private byte[] entryRegime;
    private byte[] exitRegime;
    private final double notional;

    ShadowTrades(double notional) {
        this(notional, 1024);
    }

    /** Room for {@code expectedTrades} rows before growing: a run knows it opens at most one per bar. */
    ShadowTrades(double notional, int expectedTrades) {
        this.notional = notional;
        int n = Math.max(16, expectedTrades);
        decisionBar = new int[n];
        entryBar = new int[n];
        exitBar = new int[n];
        entryPrice = new double[n];
        exitPrice = new double[n];
        fees = new double[n];
        pnl = new double[n];
        maxHigh = new double[n];
        minLow = new double[n];
        reason = new byte[n];
        entryRegime = new byte[n];
        exitRegime = new byte[n];
    }

    void add(OpenLong p, int exit, double price, double exitFee, ExitReason why, byte regimeAtExit) {
        if (size == decisionBar.length) {
            grow();
        }
        int i = size++;
        decisionBar[i] = p.decisionBar;
        entryBar[i] = p.entryBar;
        exitBar[i] = exit;
        entryPrice[i] = p.entryPrice;
        exitPrice[i] = price;
        fees[i] = p.entryFee + exitFee;
        pnl[i] = p.quantity * (price - p.entryPrice) - p.entryFee - exitFee;
        maxHigh[i] = p.maxHigh;
        minLow[i] = p.minLow;
        reason[i] = (byte) why.ordinal();
        entryRegime[i] = p.entryRegime;
        exitRegime[i] = regimeAtExit;
    }

    private void grow() {
        int n = decisionBar.length * 2;
        decisionBar = Arrays.copyOf(decisionBar, n);
        entryBar = Arrays.copyOf(entryBar, n);
        exitBar = Arrays.copyOf(exitBar, n);
        entryPrice = Arrays.copyOf(entryPrice, n);
        exitPrice = Arrays.copyOf(exitPrice, n);
        fees = Arrays.copyOf(fees, n);
        pnl = Arrays.copyOf(pnl, n);
        maxHigh = Arrays.copyOf(maxHigh, n);
        minLow = Arrays.copyOf(minLow, n);
        reason = Arrays.copyOf(reason, n);
        entryRegime = Arrays.copyOf(entryRegime, n);
        exitRegime = Arrays.copyOf(exitRegime, n);
    }

    public int size() {
        return size;
    }

    public int decisionBar(int i) {
        return decisionBar[i];
    }

    public int entryBar(int i) {
        return entryBar[i];
    }

    public int exitBar(int i) {
        return exitBar[i];
    }

    public double entryPrice(int i) {
        return entryPrice[i];
    }

    public double exitPrice(int i) {
        return exitPrice[i];
    }

    /** Net pnl in quote currency of a size-1.0 (position_size) entry. */
    public double pnl(int i) {
        return pnl[i];
    }

    public double pnlPercent(int i) {
        return 100 * pnl[i] / notional;
    }

    public double fees(int i) {
        return fees[i];
    }

    public ExitReason exitReason(int i) {
        return ExitReason.ofOrdinal(reason[i]);
    }

    public boolean isWin(int i) {
        return pnl[i] > 0;
    }

    public byte entryRegimeOf(int i) {
        return entryRegime[i];
    }

    public byte exitRegimeOf(int i) {
        return exitRegime[i];
    }

    public double maxHigh(int i) {
        return maxHigh[i];
    }

    /** Row i as a trade record, for a size multiplier (pnl, fees and notional scale with it). */
    public Trade trade(int i, double multiplier, long entryTime, long exitTime) {
        double n = notional * multiplier;
        return new Trade(decisionBar[i], TradeKind.SHADOW, entryBar[i], exitBar[i], entryTime, exitTime,
                entryPrice[i], exitPrice[i], multiplier, n, n / entryPrice[i], 1, fees[i] * multiplier,
                pnl[i] * multiplier, pnlPercent(i), 100 * (maxHigh[i] / entryPrice[i] - 1),
                100 * (minLow[i] / entryPrice[i] - 1), exitReason(i), entryRegime[i], exitRegime[i], new float[0]);
    }
}
