package dev.shadowtrainer.market;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The candle timeframes the trainer supports. */
public enum Timeframe {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    H1("1h", Duration.ofHours(1)),
    H4("4h", Duration.ofHours(4)),
    D1("1d", Duration.ofDays(1));

    private final String label;
    private final Duration duration;
    /** Kept as a field because candle close times are derived from it once per bar in the hot loop. */
    private final long millis;

    Timeframe(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
        this.millis = duration.toMillis();
    }

    public String label() {
        return label;
    }

    public Duration duration() {
        return duration;
    }

    public long millis() {
        return millis;
    }

    /** Number of bars of this timeframe in one day (fractional for none of the supported ones). */
    public double barsPerDay() {
        return 86_400_000.0 / millis();
    }

    public static Timeframe parse(String text) {
        for (Timeframe t : values()) {
            if (t.label.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported timeframe '" + text + "'; use one of "
                + Arrays.stream(values()).map(Timeframe::label).collect(Collectors.joining(" ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
