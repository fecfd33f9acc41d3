package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.CandleSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The walk-forward loop of the shadow market. For each bar t of [from, to): fills and exits that bar t
 * decides (orders from t-1, stops, targets), marks equity at t's close, resolves shadow trades and
 * post-exit windows with bar t, and only then shows the policy the market up to t and takes its
 * decision, which can fill at t+1 at the earliest. See {@link ExecutionModel} for the fill rules and the
 * package documentation for the no-lookahead contract.
 *
 * <p>Accounting (isolated margin): an entry moves margin + fee out of cash; the open position is worth
 * margin + unrealised pnl; an exit returns margin + realised pnl − fee. So cash + position value + fees
 * paid is unchanged by every fill, and equity only moves with prices while a position is open.
 */
public final class Simulator {
    private static final long DAY_MILLIS = 86_400_000L;

    private final MarketData data;
    private final CandleSeries candles;
    private final ExecutionConfig config;
    private final int stateDim;
    private final EventBus bus;
    private final MemoryLookup memory;
    private final EntryFilter filter;
    private final boolean shadowTrades;
    private final PositionSizer sizer;

    /**
     * @param shadowTrades whether to open a shadow trade at every tradeable bar and track what follows
     *                     its exit (training.shadow_trading.enabled); when false the result holds no
     *                     shadow trades and the memory receives none, and the policy's own trades are
     *                     simulated exactly as with them
     */
    public Simulator(MarketData data, ExecutionConfig config, int stateDim, EventBus bus, MemoryLookup memory,
                     EntryFilter filter, boolean shadowTrades) {
        this(data, config, stateDim, bus, memory, filter, shadowTrades, PositionSizer.DEFAULT);
    }

    /**
     * @param sizer sizes the policy's entries (multiplier and leverage per trade); {@link PositionSizer#DEFAULT}
     *              is the configured multiplier of the action and the configured leverage
     */
    public Simulator(MarketData data, ExecutionConfig config, int stateDim, EventBus bus, MemoryLookup memory,
                     EntryFilter filter, boolean shadowTrades, PositionSizer sizer) {
        this.sizer = Objects.requireNonNull(sizer, "sizer is null");
        this.data = Objects.requireNonNull(data, "data is null");
        this.candles = data.candles();
        this.config = Objects.requireNonNull(config, "config is null");
        this.stateDim = stateDim;
        this.bus = Objects.requireNonNull(bus, "bus is null");
        this.memory = Objects.requireNonNull(memory, "memory is null");
        this.filter = Objects.requireNonNull(filter, "filter is null");
        this.shadowTrades = shadowTrades;
    }

    /** A simulator with shadow trades on. */
    public Simulator(MarketData data, ExecutionConfig config, int stateDim, EventBus bus, MemoryLookup memory,
                     EntryFilter filter) {
        this(data, config, stateDim, bus, memory, filter, true);
    }

    /** A simulator with no subscribers, the default shadow-trade memory and no entry filter. */
    public Simulator(MarketData data, ExecutionConfig config, int stateDim) {
        this(data, config, stateDim, new EventBus(), new ShadowStatistics(), EntryFilter.NONE);
    }

    /**
     * The same simulator (market, execution, bus, memory, filter, shadow trades) with another sizer of the
     * policy's entries.
     */
    public Simulator withSizer(PositionSizer other) {
        return new Simulator(data, config, stateDim, bus, memory, filter, shadowTrades, other);
    }

    /** The event bus runs publish to. */
    public EventBus bus() {
        return bus;
    }

    public PositionSizer sizer() {
        return sizer;
    }

    public MarketData data() {
        return data;
    }

    public boolean shadowTrades() {
        return shadowTrades;
    }

    /** The pattern-memory look-up of the observations. */
    public MemoryLookup memory() {
        return memory;
    }

    public ExecutionConfig executionConfig() {
        return config;
    }

    /** Observation size (training.rl_agent.state_dim). */
    public int stateDim() {
        return stateDim;
    }

    public SimulationResult run(Policy policy, int from, int to, double initialEquity, long seed) {
        return run(policy, from, to, initialEquity, seed, DecisionRecorder.NONE);
    }

    public SimulationResult run(Policy policy, int from, int to, double initialEquity, long seed,
                                DecisionRecorder recorder) {
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(recorder, "recorder is null");
        if (from < 0 || to > data.size() || from >= to) {
            throw new IllegalArgumentException("run range [" + from + ", " + to + ") outside " + data.size() + " bars");
        }
        return new Run(policy, from, to, initialEquity, seed, recorder).execute();
    }

    /**
     * Starts a run driven from outside, one decision at a time, for agents that step many runs in
     * lockstep (see {@link Stepper}). The same bars, fills and counts as {@link #run} with a policy that
     * took the same actions.
     *
     * @param name the policy name the result carries
     */
    public Stepper start(String name, int from, int to, double initialEquity, long seed, DecisionRecorder recorder) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(recorder, "recorder is null");
        if (from < 0 || to > data.size() || from >= to) {
            throw new IllegalArgumentException("run range [" + from + ", " + to + ") outside " + data.size() + " bars");
        }
        return new Stepper(new Run(new Named(name), from, to, initialEquity, seed, recorder));
    }

    /**
     * A run stepped from outside: {@link #advance()} plays the bars up to the next decision (fills, exits,
     * equity, shadow trades, post-exit windows) and stops at its close with the observation ready;
     * {@link #act} takes the decision for that bar. When advance returns false the run is over and
     * {@link #result()} holds it.
     */
    public static final class Stepper {
        private final Run run;
        private final List<Trade> trades;
        private boolean started;
        private boolean finished;
        private SimulationResult result;

        private Stepper(Run run) {
            this.run = run;
            this.trades = java.util.Collections.unmodifiableList(run.trades);
        }

        /** Plays bars up to the next decision; false when the run has reached its last bar. */
        public boolean advance() {
            if (finished) {
                return false;
            }
            if (!started) {
                run.begin();
                started = true;
            }
            if (run.advance()) {
                return true;
            }
            finished = true;
            result = run.finish();
            return false;
        }

        /** What the policy sees at the current decision bar; valid until the next {@link #advance()}. */
        public Observation observation() {
            return run.observation;
        }

        /** The decision bar (series index) the run stopped at. */
        public int bar() {
            return run.decisionBar;
        }

        /** Takes the decision for the current bar, with its confidence in [0, 1]. */
        public void act(Action action, double confidence) {
            Objects.requireNonNull(action, "action is null");
            if (!started || finished || run.decisionBar < 0) {
                throw new IllegalStateException("act() needs a decision bar: call advance() first");
            }
            run.actOnce(action, confidence);
        }

        /** The policy's trades closed so far, in exit order. */
        public List<Trade> trades() {
            return trades;
        }

        /** Bars so far at whose close a position was open. */
        public int barsInPosition() {
            return run.barsInPosition;
        }

        /** Equity marked at the close of the last bar played. */
        public double equity() {
            return run.lastValue;
        }

        public boolean finished() {
            return finished;
        }

        public SimulationResult result() {
            if (!finished) {
                throw new IllegalStateException("the run has not finished");
            }
            return result;
        }
    }

    /** The policy of a stepped run: only its name is used, decisions come from outside. */
    private record Named(String name) implements Policy {
        @Override
        public Action decide(Observation observation) {
            throw new IllegalStateException("a stepped run takes its actions from act()");
        }
    }

    /** The state of one run; a fresh object per run keeps runs independent. */
    private final class Run {
        private final Policy policy;
        private final int from;
        private final int to;
        private final double initialEquity;
        private final long seed;
        private final DecisionRecorder recorder;
        private final ExecutionModel execution;
        private final ShadowTradeBook shadows;
        private final PostExitTracker agentPostExit;
        private final PostExitTracker shadowPostExit;
        private final MarketView view;
        private final Observation observation;
        private final OpenLong position = new OpenLong();
        private final double[] exitPrice = new double[1];
        private final double[] equity;
        private final List<Trade> trades = new ArrayList<>();
        private final boolean[] recentWins;
        private final long barMillis = candles.id().timeframe().millis();

        private double cash;
        private double feesPaid;
        private long nextTraceId = 1;
        private int recentCount;
        private int recentNext;
        private int recentWinCount;
        private int pausedUntilBar = -1;
        /** The first bar whose close falls in a later UTC day than the last decision's. */
        private int nextDayBar = Integer.MIN_VALUE;
        private double dayStartEquity;
        private boolean dayBlocked;
        /** Whether the daily-loss breaker can still trip today: it is on and has not tripped. */
        private boolean lossWatch;

        private int invalidActions;
        private int lowConfidence;
        private int liquidations;
        private int winRateTrips;
        private int dailyLossTrips;
        private int breakerBlocked;
        private int filterBlocked;
        private int makerExpired;
        private int barsInPosition;
        /** Stepped runs: the next bar to play, the bar awaiting a decision (-1 if none), its equity. */
        private int nextBar;
        private int decisionBar = -1;
        private double lastValue;
        private double confidence = 1.0;

        Run(Policy policy, int from, int to, double initialEquity, long seed, DecisionRecorder recorder) {
            this.policy = policy;
            this.from = from;
            this.to = to;
            this.initialEquity = initialEquity;
            this.seed = seed;
            this.recorder = recorder;
            this.execution = new ExecutionModel(config, candles, data.lowerTimeframe());
            this.agentPostExit = new PostExitTracker(candles, config.takeProfitBps());
            // Sized for one shadow trade per bar up front, which saves copying ever larger arrays.
            int shadowRows = shadowTrades ? to - from : 0;
            ExecutionModel shadowExecution = new ExecutionModel(config, candles, data.lowerTimeframe());
            this.shadows = new ShadowTradeBook(shadowExecution, data, (book, i) -> {
                Run.this.shadowPostExit.addRow(book.exitBar(i));
                memory.rememberShadow(book, i);
            }, to - 1, shadowRows);
            // The shadow post-exit rows read exit, prices and best price from the shadow trades' own rows.
            this.shadowPostExit = new PostExitTracker(candles, config.takeProfitBps(), shadows.trades(),
                    config.positionSize(), shadowRows);
            this.view = new MarketView(data);
            this.observation = new Observation(view, memory, stateDim);
            this.equity = new double[to - from];
            this.recentWins = new boolean[config.winRateWindow()];
            this.cash = initialEquity;
        }

        SimulationResult execute() {
            begin();
            // Two copies of the loop, so the JIT compiles and profiles each on its own: with one loop
            // serving both, the run without shadow trades got slower once a run with them had been made.
            if (shadowTrades) {
                replayWithShadowTrades();
            } else {
                replay();
            }
            return finish();
        }

        void begin() {
            memory.clear();
            policy.reset(seed);
            sizer.runStarted(seed);
            nextBar = from;
            lastValue = initialEquity;
        }

        /** Stepped runs: the loop body of {@link #replayWithShadowTrades()} up to a decision. */
        boolean advance() {
            decisionBar = -1;
            int last = to - 1;
            while (nextBar < to) {
                int t = nextBar++;
                double value = t < last ? settle(t) : settleLast(t);
                lastValue = value;
                if (shadowTrades) {
                    shadows.step(t);
                    shadowPostExit.step(t);
                }
                agentPostExit.step(t);
                if (t < last && prepare(t, value)) {
                    decisionBar = t;
                    return true;
                }
            }
            return false;
        }

        void actOnce(Action action, double confidence) {
            int t = decisionBar;
            decisionBar = -1;
            this.confidence = confidence;
            recorder.record(t, observation, action);
            apply(action, t);
        }

        SimulationResult finish() {
            SimulationCounts counts = new SimulationCounts(invalidActions, lowConfidence, execution.ambiguousBars,
                    execution.resolvedByLowerTimeframe, liquidations, winRateTrips, dailyLossTrips, breakerBlocked,
                    filterBlocked, makerExpired, shadows.unfilled(), barsInPosition);
            return new SimulationResult(policy.name(), from, to, initialEquity, equity, trades, shadows.trades(),
                    agentPostExit, shadowPostExit, feesPaid, counts);
        }

        private void replay() {
            int last = to - 1;
            for (int t = from; t < last; t++) {
                double value = settle(t);
                agentPostExit.step(t);
                if (prepare(t, value)) {
                    // decide(t) written out: compiled on its own first, it would be too big to join the loop.
                    Action action = policy.decide(observation);
                    confidence = policy.confidence();
                    recorder.record(t, observation, action);
                    apply(action, t);
                }
            }
            settleLast(last);
            agentPostExit.step(last);
        }

        /** The same as {@link #replay()} with the shadow trades and their post-exit windows stepped too. */
        private void replayWithShadowTrades() {
            int last = to - 1;
            for (int t = from; t < last; t++) {
                double value = settle(t);
                shadows.step(t);
                agentPostExit.step(t);
                shadowPostExit.step(t);
                if (prepare(t, value)) {
                    Action action = policy.decide(observation);
                    confidence = policy.confidence();
                    recorder.record(t, observation, action);
                    apply(action, t);
                }
            }
            settleLast(last);
            shadows.step(last);
            agentPostExit.step(last);
            shadowPostExit.step(last);
        }

        /**
         * Bar t before the run's last bar: fills and exits, then equity at its close. Most bars find no
         * position, so that case is a store and the rest lives in {@link #settleHeld}, which keeps this
         * small enough to be compiled into the loop.
         */
        private double settle(int t) {
            if (position.state != OpenLong.State.FREE) {
                return settleHeld(t);
            }
            double value = cash;
            equity[t - from] = value;
            return value;
        }

        private double settleHeld(int t) {
            fillAndExit(t);
            return mark(t);
        }

        /** The run's last bar: what settles there and the end-of-data close; returns its equity. */
        private double settleLast(int t) {
            if (position.state != OpenLong.State.FREE) {
                fillAndExit(t);
            }
            closeAtEnd(t);
            return mark(t);
        }

        private double mark(int t) {
            double value = cash;
            if (position.state == OpenLong.State.OPEN || position.state == OpenLong.State.EXIT_ORDERED) {
                value = cash + position.margin + position.unrealisedPnl(candles.close(t));
                barsInPosition++;
            }
            equity[t - from] = value;
            return value;
        }

        private void fillAndExit(int t) {
            switch (position.state) {
                case ORDERED -> {
                    int filled = execution.tryFill(position, t, data.regimes()[t]);
                    if (filled > 0) {
                        cash -= position.margin + position.entryFee;
                        feesPaid += position.entryFee;
                        if (bus.wants(EventBus.Topic.TRADE_EXECUTED)) {
                            bus.publish(EventBus.Topic.TRADE_EXECUTED, new EventBus.TradeExecuted(position.traceId, t,
                                    candles.openTime(t), true, position.entryPrice, position.quantity,
                                    position.entryFee, null));
                        }
                        manage(t);
                    } else if (filled < 0) {
                        makerExpired++;
                    }
                }
                case EXIT_ORDERED -> {
                    if (!candles.isFiller(t)) {
                        close(t, execution.marketExitPrice(t), execution.fee(position.notional, false),
                                position.pendingExit, candles.openTime(t));
                    }
                }
                case OPEN -> manage(t);
                case FREE -> {
                }
            }
        }

        private void manage(int t) {
            ExitReason reason = execution.checkExit(position, t, exitPrice);
            if (reason == null) {
                return;
            }
            double price = exitPrice[0];
            double fee = reason == ExitReason.LIQUIDATION ? position.margin + position.unrealisedPnl(price)
                    : execution.fee(position.notional, reason == ExitReason.TAKE_PROFIT);
            if (reason == ExitReason.LIQUIDATION) {
                liquidations++;
            }
            close(t, price, fee, reason, candles.openTime(t));
        }

        private void closeAtEnd(int t) {
            if (position.state == OpenLong.State.OPEN || position.state == OpenLong.State.EXIT_ORDERED) {
                close(t, execution.endOfDataPrice(t), execution.fee(position.notional, false), ExitReason.END_OF_DATA,
                        candles.closeTime(t));
            } else if (position.state == OpenLong.State.ORDERED) {
                position.reset();
            }
        }

        private void close(int t, double price, double fee, ExitReason reason, long time) {
            OpenLong p = position;
            double gross = p.unrealisedPnl(price);
            cash += p.margin + gross - fee;
            feesPaid += fee;
            double pnl = gross - p.entryFee - fee;
            Trade trade = new Trade(p.traceId, TradeKind.AGENT, p.entryBar, t, candles.openTime(p.entryBar), time,
                    p.entryPrice, price, p.multiplier, p.notional, p.quantity, p.leverage, p.entryFee + fee, pnl,
                    100 * pnl / p.notional, 100 * (p.maxHigh / p.entryPrice - 1), 100 * (p.minLow / p.entryPrice - 1),
                    reason, p.entryRegime, data.regimes()[t], p.entryObservation);
            trades.add(trade);
            agentPostExit.add(t, price, p.quantity, p.maxHigh);
            memory.remember(trade);
            recordOutcome(trade.isWin(), t);
            if (bus.wants(EventBus.Topic.TRADE_EXECUTED)) {
                bus.publish(EventBus.Topic.TRADE_EXECUTED,
                        new EventBus.TradeExecuted(p.traceId, t, time, false, price, p.quantity, fee, reason));
            }
            if (bus.wants(EventBus.Topic.POSITION_CLOSED)) {
                bus.publish(EventBus.Topic.POSITION_CLOSED, new EventBus.PositionClosed(p.traceId, trade));
            }
            p.reset();
        }

        /** Trailing win rate breaker: below 50% over a full window pauses entries for the cooldown. */
        private void recordOutcome(boolean win, int t) {
            int w = recentWins.length;
            if (recentCount == w) {
                recentWinCount -= recentWins[recentNext] ? 1 : 0;
            } else {
                recentCount++;
            }
            recentWins[recentNext] = win;
            recentWinCount += win ? 1 : 0;
            recentNext = (recentNext + 1) % w;
            if (recentCount == w && recentWinCount * 2 < w && config.cooldownBars() > 0) {
                winRateTrips++;
                pausedUntilBar = t + config.cooldownBars();
                recentCount = 0;
                recentNext = 0;
                recentWinCount = 0;
            }
        }

        /**
         * Everything before a decision at bar t: the day's loss breaker, the max-hold timeout, and the
         * observation. Returns whether a decision is taken at t (usable features, a real candle). What
         * happens on few bars (a new day, a breaker trip, a timeout) is in methods of its own, which keeps
         * this one small enough to be compiled into the loop.
         */
        private boolean prepare(int t, double value) {
            // Bars are exactly one timeframe apart (CandleSeries checks it), so the bar that starts the next
            // UTC day is known in advance: an int comparison per bar instead of a time read and a division.
            if (t >= nextDayBar) {
                startDay(t);
            }
            if (lossWatch && value - dayStartEquity <= -config.dailyLossLimit()) {
                tripDailyLoss();
            }
            if (position.state == OpenLong.State.OPEN && position.barsHeld(t) >= config.maxHoldBars()) {
                orderExit(ExitReason.TIMEOUT);
            }
            view.moveTo(t);
            if (!view.tradeable()) {
                return false; // no decisions on warm-up or gap-filler bars
            }
            updateObservation(t);
            return true;
        }

        /** The day's loss reached the limit: no more entries today, and an open position is exited. */
        private void tripDailyLoss() {
            dailyLossTrips++;
            dayBlocked = true;
            lossWatch = false;
            if (position.state == OpenLong.State.OPEN) {
                orderExit(ExitReason.CIRCUIT_BREAKER);
            }
        }

        private void updateObservation(int t) {
            boolean open = position.state == OpenLong.State.OPEN;
            observation.invalidate();
            observation.inPosition = open;
            observation.orderPending = position.state == OpenLong.State.ORDERED
                    || position.state == OpenLong.State.EXIT_ORDERED;
            if (open) {
                double close = candles.close(t);
                observation.sizeMultiplier = position.multiplier;
                observation.unrealisedPnlPercent = 100 * (close / position.entryPrice - 1);
                observation.barsHeld = position.barsHeld(t);
                observation.stopDistancePercent = 100 * (close / position.stopPrice - 1);
                observation.targetDistancePercent = 100 * (position.targetPrice / close - 1);
            }
            observation.maxHoldBars = config.maxHoldBars();
        }

        /** A new UTC day at bar t: its starting equity, the daily-loss breaker reset, the next day's first bar. */
        private void startDay(int t) {
            long closeTime = candles.closeTime(t);
            long nextDayOpens = (Math.floorDiv(closeTime, DAY_MILLIS) + 1) * DAY_MILLIS;
            nextDayBar = t + (int) ((nextDayOpens - closeTime + barMillis - 1) / barMillis);
            dayStartEquity = t == from ? initialEquity : equity[t - from - 1];
            dayBlocked = false;
            lossWatch = config.dailyLossLimit() > 0;
        }

        private void apply(Action action, int t) {
            // Doing nothing, or holding a position or order, changes nothing: the common case stays small.
            if (action != Action.DO_NOTHING && (action != Action.HOLD || position.state == OpenLong.State.FREE)) {
                act(action, t);
            }
            if (shadowTrades && shadowsWanted(t)) {
                shadows.open(t);
            }
        }

        /** An action that orders, exits, cancels or is invalid in the position's state. */
        private void act(Action action, int t) {
            OpenLong.State state = position.state;
            if (action.isEntry()) {
                if (state != OpenLong.State.FREE) {
                    invalidActions++;
                } else if (confidence < config.minConfidence()) {
                    lowConfidence++;
                } else if (t <= pausedUntilBar || dayBlocked) {
                    breakerBlocked++;
                } else if (filter.blocks(observation)) {
                    filterBlocked++;
                } else {
                    long traceId = nextTraceId++;
                    signal(traceId, t, action);
                    order(action, t, traceId);
                    position.entryObservation = observation.vectorCopy();
                }
            } else if (action == Action.EXIT) {
                if (state == OpenLong.State.OPEN) {
                    signal(position.traceId, t, action);
                    orderExit(ExitReason.AGENT_EXIT);
                } else if (state == OpenLong.State.ORDERED) {
                    position.reset(); // cancelling an unfilled entry is a valid exit
                } else if (state == OpenLong.State.FREE) {
                    invalidActions++;
                }
            } else if (action == Action.HOLD && state == OpenLong.State.FREE) {
                invalidActions++;
            }
        }

        /** Sizes and places the entry order; the sizer runs once per order (entries are rare). */
        private void order(Action action, int t, long traceId) {
            double winRate = recentCount == 0 ? 0.5 : (double) recentWinCount / recentCount;
            PositionSizer.Sizing sizing = sizer.size(new PositionSizer.Request(view, action, confidence,
                    equity[t - from], winRate, traceId, config));
            execution.order(position, traceId, t, sizing.multiplier(), sizing.leverage());
        }

        private boolean shadowsWanted(int t) {
            return t + 1 < to;
        }

        private void signal(long traceId, int t, Action action) {
            if (bus.wants(EventBus.Topic.SIGNAL_GENERATED)) {
                bus.publish(EventBus.Topic.SIGNAL_GENERATED, new EventBus.SignalGenerated(traceId, t,
                        candles.openTime(t), action, confidence));
            }
        }

        private void orderExit(ExitReason reason) {
            position.state = OpenLong.State.EXIT_ORDERED;
            position.pendingExit = reason;
        }
    }
}
