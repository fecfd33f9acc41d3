package dev.shadowtrainer.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What one policy did in one test window (or, combined, in all of them): equity, closed trades, counters. */
public record WindowOutcome(EquityCurve curve, List<Trade> trades, RunCounters counters) {
    public WindowOutcome {
        Objects.requireNonNull(curve, "curve is null");
        Objects.requireNonNull(counters, "counters is null");
        trades = List.copyOf(Objects.requireNonNull(trades, "trades is null"));
        if (counters.barsInPosition() > curve.size()) {
            throw new IllegalArgumentException("bars in position (" + counters.barsInPosition()
                    + ") exceed the bars of the window (" + curve.size() + ")");
        }
    }

    /**
     * The single out-of-sample record of several test windows in time order: their equity chained with
     * {@link EquityCurve#chain(List, double)}, their trades one after another and their counters summed.
     */
    public static WindowOutcome combine(List<WindowOutcome> windows, double initialEquity) {
        Objects.requireNonNull(windows, "windows is null");
        List<EquityCurve> curves = new ArrayList<>(windows.size());
        List<Trade> trades = new ArrayList<>();
        RunCounters counters = RunCounters.NONE;
        for (WindowOutcome w : windows) {
            curves.add(w.curve);
            trades.addAll(w.trades);
            counters = counters.plus(w.counters);
        }
        return new WindowOutcome(EquityCurve.chain(curves, initialEquity), trades, counters);
    }
}
