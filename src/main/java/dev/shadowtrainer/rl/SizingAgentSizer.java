package dev.shadowtrainer.rl;

import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.Trade;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Position sizing v1 acting inside the simulator: each entry of the policy is sized by
 * {@link PositionSizingAgentV1} and the agent learns when that trade closes.
 *
 * <p>State of an entry (at the decision bar's close): the bar's real ATR/ADX regime
 * ({@link dev.shadowtrainer.sim.MarketView#regime()}), the policy's confidence, the exposure = the notional the
 * action asks for (position_size &times; the action's multiplier) / equity at the decision bar, and the
 * simulator's trailing win rate. The simulator holds one position at a time and orders only when flat, so that
 * requested notional is the whole exposure; notional is the full position value here (margin = notional /
 * leverage), so it is already the leveraged exposure.
 *
 * <p>The decision is kept by trace id; on {@link EventBus.Topic#POSITION_CLOSED} of that trace id the agent
 * learns from pnl %, hours held (entry fill to exit) and max drawdown % = |MAE %|, both on the base position size
 * ({@link LearningSizer#onBaseSize}, so the size it chose shows in its reward), at the exit
 * time. Orders that never fill are dropped when the next run starts. If the state cannot be built or the agent
 * throws, the entry is sized by the ATR sizer instead and counted as a fallback (the agent does not learn from
 * it). Deterministic: the agent's exploration draws come from its seed, and the simulator calls in time order.
 * Not thread-safe.
 */
public final class SizingAgentSizer implements LearningSizer {
    public static final String NAME = "rl-v1";

    private final PositionSizingAgentV1 agent;
    private final AtrPositionSizer fallback;
    private final Map<Long, SizingDecision> pending = new HashMap<>();
    private int sized;
    private int fallbacks;
    private int learned;
    private String lastFailure;

    public SizingAgentSizer(PositionSizingAgentV1 agent, AtrPositionSizer fallback) {
        this.agent = Objects.requireNonNull(agent, "agent is null");
        this.fallback = Objects.requireNonNull(fallback, "fallback is null");
    }

    /** Learns from the positions closed on {@code bus} (the bus of the simulator this sizer sizes for). */
    public SizingAgentSizer subscribeTo(EventBus bus) {
        bus.subscribe(EventBus.Topic.POSITION_CLOSED, this::closed);
        return this;
    }

    @Override
    public Sizing size(Request request) {
        sized++;
        try {
            AtrAdxRegime regime = AtrAdxRegime.ofOrdinal(request.market().regime());
            double exposure = request.requestedNotional() / request.equity();
            SizingDecision decision = agent.decide(SizingStateV1.of(regime, request.confidence(), exposure,
                    request.winRate()));
            Sizing sizing = new Sizing(decision.action().multiplier(), decision.action().leverage());
            pending.put(request.traceId(), decision);
            return sizing;
        } catch (RuntimeException e) {
            fallbacks++;
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            return fallback.size(request);
        }
    }

    @Override
    public void runStarted(long seed) {
        pending.clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    private void closed(EventBus.PositionClosed event) {
        SizingDecision decision = pending.remove(event.traceId());
        if (decision == null) {
            return; // sized by the fallback
        }
        Trade t = event.trade();
        agent.learn(decision, LearningSizer.onBaseSize(t.pnlPercent(), t),
                t.durationMillis() / 3_600_000.0, Math.abs(LearningSizer.onBaseSize(t.maePercent(), t)),
                Instant.ofEpochMilli(t.exitTime()));
        learned++;
    }

    public PositionSizingAgentV1 agent() {
        return agent;
    }

    /** Entries sized (by the agent or, failing it, by the fallback). */
    @Override
    public int entriesSized() {
        return sized;
    }

    /** Entries the agent failed to size, sized by the ATR fallback instead. */
    @Override
    public int fallbacks() {
        return fallbacks;
    }

    /** Closed trades the agent learned from. */
    @Override
    public int learned() {
        return learned;
    }

    /** What made the last fallback necessary, or null. */
    @Override
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public QStats qStats() {
        return agent.stats();
    }

    @Override
    public QTableSnapshot snapshot() {
        return agent.snapshot();
    }
}
