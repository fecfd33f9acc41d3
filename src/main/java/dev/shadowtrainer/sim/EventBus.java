package dev.shadowtrainer.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Synchronous, deterministic in-process publish/subscribe: subscribers run on the simulator's thread,
 * in subscription order, before the publishing call returns. Publishers ask {@link #wants(Topic)}
 * first so that no event is built when nobody listens (the hot loop allocates nothing for them).
 */
public final class EventBus {
    /** The event topics and the event type each carries. */
    public static final class Topic<E> {
        public static final Topic<SignalGenerated> SIGNAL_GENERATED = new Topic<>("signal.generated");
        public static final Topic<TradeExecuted> TRADE_EXECUTED = new Topic<>("trade.executed");
        public static final Topic<PositionClosed> POSITION_CLOSED = new Topic<>("position.closed");

        private final String name;

        private Topic(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A policy's actionable decision at a bar's close (entries and exits, not holds). */
    public record SignalGenerated(long traceId, int bar, long time, Action action, double confidence) {
    }

    /** A fill: a position opened ({@code entry}) or closed, at {@code price} with {@code fee}. */
    public record TradeExecuted(long traceId, int bar, long time, boolean entry, double price, double quantity,
                                double fee, ExitReason exitReason) {
    }

    /** A position closed and its full record. */
    public record PositionClosed(long traceId, Trade trade) {
    }

    private final List<Consumer<SignalGenerated>> signals = new ArrayList<>();
    private final List<Consumer<TradeExecuted>> executions = new ArrayList<>();
    private final List<Consumer<PositionClosed>> closures = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private <E> List<Consumer<E>> listeners(Topic<E> topic) {
        Objects.requireNonNull(topic, "topic is null");
        if (topic == Topic.SIGNAL_GENERATED) {
            return (List<Consumer<E>>) (List<?>) signals;
        }
        if (topic == Topic.TRADE_EXECUTED) {
            return (List<Consumer<E>>) (List<?>) executions;
        }
        return (List<Consumer<E>>) (List<?>) closures;
    }

    public <E> void subscribe(Topic<E> topic, Consumer<E> subscriber) {
        listeners(topic).add(Objects.requireNonNull(subscriber, "subscriber is null"));
    }

    public boolean wants(Topic<?> topic) {
        return !listeners(topic).isEmpty();
    }

    public <E> void publish(Topic<E> topic, E event) {
        for (Consumer<E> subscriber : listeners(topic)) {
            subscriber.accept(event);
        }
    }
}
