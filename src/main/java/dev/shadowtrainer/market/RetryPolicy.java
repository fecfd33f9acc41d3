package dev.shadowtrainer.market;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently an exchange request is retried after rate limits, timeouts and I/O
 * errors: at most {@code maxAttempts} tries, waiting {@code firstDelay}, then twice as long each
 * time, never longer than {@code maxDelay}.
 *
 * @param sleeper waits between attempts; tests pass one that records instead of sleeping
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {

    /** Waits for a delay; a seam so tests run retries without real waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(firstDelay, "firstDelay is null");
        Objects.requireNonNull(maxDelay, "maxDelay is null");
        Objects.requireNonNull(sleeper, "sleeper is null");
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= firstDelay <= maxDelay, got " + firstDelay + " and " + maxDelay);
        }
    }

    /** Five attempts waiting 1 s, 2 s, 4 s, 8 s; a Retry-After of up to two minutes is honoured. */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(2), delay -> Thread.sleep(delay.toMillis()));
    }

    /** The exponential wait after the given number of failed attempts (1 for the first failure). */
    public Duration backoffAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, got " + failedAttempts);
        }
        Duration delay = firstDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
