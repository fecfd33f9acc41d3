package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.Trade;
import java.util.List;

/**
 * What one agent step led to: the action, the trades closed between this decision and the next (or the
 * end of the episode), the profit each of them missed after its exit, and how long a position was held.
 * One instance per environment, rewritten at every step.
 */
public final class StepOutcome {
    private final double positionSize;
    private Action action;
    private boolean allowed;
    private List<Trade> trades = List.of();
    private int firstClosed;
    private double[] missed = new double[4];
    private int barsInPosition;
    private int bars;
    private double equityBefore;
    private double equityAfter;
    private boolean episodeEnd;

    StepOutcome(double positionSize) {
        this.positionSize = positionSize;
    }

    void set(Action action, boolean allowed, List<Trade> trades, int firstClosed, int bars, int barsInPosition,
             double equityBefore, double equityAfter, boolean episodeEnd) {
        this.action = action;
        this.allowed = allowed;
        this.trades = trades;
        this.firstClosed = firstClosed;
        this.bars = bars;
        this.barsInPosition = barsInPosition;
        this.equityBefore = equityBefore;
        this.equityAfter = equityAfter;
        this.episodeEnd = episodeEnd;
        if (missed.length < closedTrades()) {
            missed = new double[Math.max(closedTrades(), 2 * missed.length)];
        }
    }

    void setMissed(int i, double quote) {
        missed[i] = quote;
    }

    public Action action() {
        return action;
    }

    /** Whether the action made sense in the state it was taken in (an invalid one acts as DO_NOTHING). */
    public boolean allowed() {
        return allowed;
    }

    /** Trades closed during the step. */
    public int closedTrades() {
        return trades.size() - firstClosed;
    }

    public Trade closedTrade(int i) {
        return trades.get(firstClosed + i);
    }

    /**
     * Quote currency the i-th closed trade would have made more by holding to the best price within 4h
     * after its exit (0 if the price never rose above the exit). Future information: for rewards only.
     */
    public double missedProfit(int i) {
        return missed[i];
    }

    /** Notional of a size-1.0 entry (training.shadow_trading.position_size). */
    public double positionSize() {
        return positionSize;
    }

    /** Bars played in the step (1 unless warm-up or gap bars were skipped). */
    public int bars() {
        return bars;
    }

    /** Bars of the step during which a position was open. */
    public int barsInPosition() {
        return barsInPosition;
    }

    public double equityBefore() {
        return equityBefore;
    }

    public double equityAfter() {
        return equityAfter;
    }

    /** Whether the episode ended with this step (open positions were closed at the end of the data). */
    public boolean episodeEnd() {
        return episodeEnd;
    }
}
