package dev.shadowtrainer.cli;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the outside world gives a command: the environment, the clock, and where the exchange API is.
 * Tests pass their own (a fixed clock, a fake exchange on 127.0.0.1).
 *
 * @param exchangeBaseUrl base URL of the exchange API, or null for the exchange's public endpoint
 */
public record AppContext(Map<String, String> env, Clock clock, String exchangeBaseUrl) {
    public AppContext {
        Objects.requireNonNull(env, "env is null");
        Objects.requireNonNull(clock, "clock is null");
        env = Map.copyOf(env);
    }

    public static AppContext system() {
        return new AppContext(System.getenv(), Clock.systemUTC(), null);
    }
}
