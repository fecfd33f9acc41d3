package dev.shadowtrainer.sim;

/**
 * Sizes the policy's entries: consulted once per entry order, at the decision bar's close, after the
 * confidence, breaker and filter checks passed. Returns the multiple of
 * {@code training.shadow_trading.position_size} to order and the leverage of that trade (its margin is
 * notional / leverage; see {@link ExecutionModel} for liquidation). Shadow trades are not sized by it.
 *
 * <p>{@link #DEFAULT} is the simulator's own rule: the configured multiplier of the entry action and the
 * configured leverage. A sizer is called on the simulator's thread; it may keep what it decided, keyed by
 * the trace id, and learn from the {@link EventBus.PositionClosed} event of the same trace id.
 */
public interface PositionSizer {
    /** The action's configured multiplier and the configured leverage, as without a sizer. */
    PositionSizer DEFAULT = request -> new Sizing(request.config().multiplier(request.action()),
            request.config().leverage());

    /** The size of the entry described by {@code request}. */
    Sizing size(Request request);

    /**
     * Called when a run (or stepped run) starts, before its first bar: run-local state such as pending
     * decisions of orders that never filled can be dropped here (trace ids restart at 1 in every run).
     */
    default void runStarted(long seed) {
    }

    /** A name for summaries, e.g. {@code config}, {@code atr}, {@code rl-v1}. */
    default String name() {
        return "config";
    }

    /**
     * What a sizer sees for one entry.
     *
     * @param market     the market at the decision bar (valid only during the call)
     * @param action     the entry action (ENTER_LONG_SMALL, _NORMAL or _LARGE)
     * @param confidence the policy's confidence of the decision, as reported (may be outside [0, 1] or NaN
     *                   for a misbehaving policy)
     * @param equity     equity marked at the decision bar's close, in quote currency
     * @param winRate    the simulator's trailing win rate of the policy's trades over
     *                   {@code training.shadow_trading.win_rate_window} (reset when the breaker trips); 0.5
     *                   before any trade
     * @param traceId    the trace id the order, its fills and its {@link EventBus.PositionClosed} carry
     * @param config     the execution settings (base position size, configured multipliers and leverage)
     */
    record Request(MarketView market, Action action, double confidence, double equity, double winRate,
                   long traceId, ExecutionConfig config) {
        /** Notional the action asks for before sizing: position_size &times; the action's multiplier. */
        public double requestedNotional() {
            return config.positionSize() * config.multiplier(action);
        }
    }

    /**
     * A sizer's answer.
     *
     * @param multiplier multiple of position_size, finite and &gt; 0
     * @param leverage   leverage of the trade, finite and &ge; 1
     */
    record Sizing(double multiplier, double leverage) {
        public Sizing {
            if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("size multiplier must be finite and > 0, got " + multiplier);
            }
            if (!(leverage >= 1) || Double.isInfinite(leverage)) {
                throw new IllegalArgumentException("leverage must be finite and >= 1, got " + leverage);
            }
        }
    }
}
