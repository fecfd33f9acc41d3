package dev.shadowtrainer.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A generated market: the candles on a dense grid and the regime that truly drove each bar, so
 * tests and regime detectors can be scored against the truth.
 */
public final class SyntheticHistory {
    private final CandleSeries series;
    private final SyntheticRegime[] regimes;

    SyntheticHistory(CandleSeries series, SyntheticRegime[] regimes) {
        this.series = Objects.requireNonNull(series, "series is null");
        this.regimes = Objects.requireNonNull(regimes, "regimes is null");
        if (regimes.length != series.size()) {
            throw new IllegalArgumentException("one regime per bar needed: " + regimes.length
                    + " regimes for " + series.size() + " bars");
        }
    }

    public CandleSeries series() {
        return series;
    }

    public int size() {
        return regimes.length;
    }

    /** The regime that generated bar i. */
    public SyntheticRegime regime(int i) {
        return regimes[i];
    }

    /** All regimes in bar order, copied. */
    public SyntheticRegime[] regimes() {
        return regimes.clone();
    }

    /** The bars as a fresh list of candles, mutable like every source's output. */
    public List<Candle> candles() {
        List<Candle> candles = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            candles.add(series.candle(i));
        }
        return candles;
    }
}
