package dev.shadowtrainer.features;

import dev.shadowtrainer.market.CandleSeries;

/**
 * Window features computed straight from the candle arrays, each a pure function of the bars
 * {@code [i - n, i]}; NaN while the window does not fit. Every window is recomputed from its own
 * bars (no running sums), so a value never depends on how far back the series starts.
 */
final class CandleWindows {
    private static final long DAY_MILLIS = 86_400_000L;
    /** 1970-01-01 was a Thursday: index 3 when Monday is 0. */
    private static final int EPOCH_DAY_OF_WEEK = 3;

    private CandleWindows() {
    }

    /** ln(close_i / close_{i-n}). */
    static double logReturn(CandleSeries s, int i, int n) {
        if (i < n) {
            return Double.NaN;
        }
        return Math.log(s.close(i) / s.close(i - n));
    }

    /** tanh(gain * (close_i / close_{i-n} - 1)). */
    static double marketPressure(CandleSeries s, int i, int n, double gain) {
        if (i < n) {
            return Double.NaN;
        }
        return Math.tanh(gain * (s.close(i) / s.close(i - n) - 1.0));
    }

    /** (volume_i - mean) / population std over the n bars ending at i; 0 when the volumes are all equal. */
    static double volumeZScore(CandleSeries s, int i, int n) {
        if (i < n - 1) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = i - n + 1; j <= i; j++) {
            sum += s.volume(j);
        }
        double mean = sum / n;
        double squares = 0;
        for (int j = i - n + 1; j <= i; j++) {
            double d = s.volume(j) - mean;
            squares += d * d;
        }
        double std = Math.sqrt(squares / n);
        return std == 0 ? 0.0 : (s.volume(i) - mean) / std;
    }

    /** Sample standard deviation (n - 1) of the n one-bar log returns ending at i. */
    static double realisedVolatility(CandleSeries s, int i, int n) {
        if (i < n || n < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = i - n + 1; j <= i; j++) {
            sum += Math.log(s.close(j) / s.close(j - 1));
        }
        double mean = sum / n;
        double squares = 0;
        for (int j = i - n + 1; j <= i; j++) {
            double d = Math.log(s.close(j) / s.close(j - 1)) - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }

    /** Kaufman efficiency ratio |close_i - close_{i-n}| / sum |close_j - close_{j-1}|; 0 when flat. */
    static double efficiencyRatio(CandleSeries s, int i, int n) {
        if (i < n) {
            return Double.NaN;
        }
        double path = 0;
        for (int j = i - n + 1; j <= i; j++) {
            path += Math.abs(s.close(j) - s.close(j - 1));
        }
        double net = Math.abs(s.close(i) - s.close(i - n));
        return path == 0 ? 0.0 : net / path;
    }

    /** Angle of the bar's open time within its UTC day, in radians [0, 2 pi). */
    static double timeOfDayAngle(long openTimeMillis) {
        return 2 * Math.PI * Math.floorMod(openTimeMillis, DAY_MILLIS) / DAY_MILLIS;
    }

    /** Angle of the bar's UTC day of week (Monday = 0) within the week, in radians [0, 2 pi). */
    static double dayOfWeekAngle(long openTimeMillis) {
        long epochDay = Math.floorDiv(openTimeMillis, DAY_MILLIS);
        return 2 * Math.PI * Math.floorMod(epochDay + EPOCH_DAY_OF_WEEK, 7) / 7.0;
    }
}
