package dev.shadowtrainer.market;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Why one klines request failed, sorted into what the retry loop has to decide. */
final class KlineRequestFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the caller should do about the failure. */
    enum Kind {
        /** Rate limit, timeout, server error or I/O hiccup: worth another attempt after a wait. */
        RETRYABLE,
        /** The exchange does not know the symbol: retrying cannot help. */
        UNKNOWN_SYMBOL,
        /** The host cannot be resolved or refuses connections: most likely no network. */
        UNREACHABLE,
        /** Any other refusal or an unreadable answer: retrying cannot help. */
        REJECTED
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    KlineRequestFailure(Kind kind, String reason, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason is null"), cause);
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.retryAfter = retryAfter;
    }

    Kind kind() {
        return kind;
    }

    /** A short description for one-line messages, e.g. {@code HTTP 429 (-1003 Too many requests)}. */
    String reason() {
        return getMessage();
    }

    /** The wait the exchange asked for in a Retry-After header, if it sent one. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
