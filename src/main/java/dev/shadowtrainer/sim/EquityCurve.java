package dev.shadowtrainer.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Equity at each bar's close with the bar's open time (epoch ms), the first element being the
 * equity the window started with. Values are finite and never negative; the first is positive.
 */
public final class EquityCurve {
    private final long[] times;
    private final double[] equity;

    public EquityCurve(long[] times, double[] equity) {
        Objects.requireNonNull(times, "times is null");
        Objects.requireNonNull(equity, "equity is null");
        if (times.length != equity.length || times.length == 0) {
            throw new IllegalArgumentException("an equity curve needs as many times as values and at least one, got "
                    + times.length + " times and " + equity.length + " values");
        }
        for (int i = 0; i < equity.length; i++) {
            if (!(equity[i] >= 0) || Double.isInfinite(equity[i])) {
                throw new IllegalArgumentException("equity at bar " + i + " must be finite and not negative, got "
                        + equity[i]);
            }
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("equity times must increase, but element " + i + " is at "
                        + times[i] + " after " + times[i - 1]);
            }
        }
        if (equity[0] <= 0) {
            throw new IllegalArgumentException("equity must start positive, got " + equity[0]);
        }
        this.times = times.clone();
        this.equity = equity.clone();
    }

    /**
     * Joins test windows into one out-of-sample curve. Each window started on its own at the initial
     * equity; the joined curve starts at {@code initialEquity} and compounds each window's growth
     * (e_i / e_0) onto the level the previous window ended at. Every element is kept, so a window's
     * first bar adds a zero return: the account was flat while it was being reset.
     *
     * @throws IllegalArgumentException when a window does not start after the previous one ends
     */
    public static EquityCurve chain(List<EquityCurve> windows, double initialEquity) {
        Objects.requireNonNull(windows, "windows is null");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no equity curves to chain");
        }
        if (!(initialEquity > 0) || Double.isInfinite(initialEquity)) {
            throw new IllegalArgumentException("initialEquity must be positive and finite, got " + initialEquity);
        }
        int size = windows.stream().mapToInt(EquityCurve::size).sum();
        long[] t = new long[size];
        double[] e = new double[size];
        double level = initialEquity;
        int at = 0;
        for (EquityCurve window : windows) {
            if (at > 0 && window.times[0] <= t[at - 1]) {
                throw new IllegalArgumentException("test windows overlap or are out of order: one starts at "
                        + window.times[0] + ", not after " + t[at - 1]);
            }
            double scale = level / window.equity[0];
            for (int i = 0; i < window.size(); i++) {
                t[at] = window.times[i];
                e[at] = window.equity[i] * scale;
                at++;
            }
            level = e[at - 1];
        }
        return new EquityCurve(t, e);
    }

    public int size() {
        return equity.length;
    }

    public long timeAt(int i) {
        return times[i];
    }

    public double equityAt(int i) {
        return equity[i];
    }

    public double first() {
        return equity[0];
    }

    public double last() {
        return equity[equity.length - 1];
    }

    /** A copy of the open times. */
    public long[] times() {
        return times.clone();
    }

    /** A copy of the equity values. */
    public double[] equity() {
        return equity.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EquityCurve other && Arrays.equals(times, other.times) && Arrays.equals(equity, other.equity);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + Arrays.hashCode(equity);
    }

    @Override
    public String toString() {
        return "EquityCurve[" + equity.length + " bars, " + first() + " -> " + last() + "]";
    }
}
