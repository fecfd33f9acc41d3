package dev.shadowtrainer.agent.signals;

import java.util.Objects;

/**
 * A signal model's advice at one bar.
 *
 * @param direction  LONG (be in a position) or FLAT (be out)
 * @param confidence how strongly the model's setup supports that direction, in [0, 1]
 */
public record Signal(Direction direction, double confidence) {
    /** Advice before a model's indicators are warmed up: stay out, with no confidence. */
    public static final Signal WARMING_UP = new Signal(Direction.FLAT, 0.0);

    public Signal {
        Objects.requireNonNull(direction, "direction is null");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("signal confidence must be in [0, 1], got " + confidence);
        }
    }

    public boolean isLong() {
        return direction == Direction.LONG;
    }

    /** 0.5 + 0.5 &times; strength clamped to [0, 1]: every call the model makes carries at least even odds. */
    static Signal of(boolean isLong, double strength) {
        double s = Double.isFinite(strength) ? Math.max(0, Math.min(1, strength)) : 0;
        return new Signal(isLong ? Direction.LONG : Direction.FLAT, 0.5 + 0.5 * s);
    }
}
