package dev.shadowtrainer.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock that tests move by hand; shared by the fake exchange and the code under test. */
public final class AdjustableClock extends Clock {
    private final AtomicReference<Instant> now;

    public AdjustableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start is null"));
    }

    public void advance(Duration step) {
        now.updateAndGet(t -> t.plus(step));
    }

    void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant is null"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new IllegalArgumentException("the adjustable clock is UTC only, not " + zone);
    }
}
