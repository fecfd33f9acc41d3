package dev.shadowtrainer.rl;

import dev.shadowtrainer.sim.AtrPositionSizer;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.MarketView;
import dev.shadowtrainer.sim.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sizing half of the RL v2 subscriber: each entry of the policy is sized by the position-sizing agent v2
 * ({@link TabularAgent#positionSizingV2}) with a (multiplier, leverage) action of its {@link SizingActions} preset,
 * and the agent learns when that trade closes.
 *
 * <p>State of an entry, at the decision bar's close, from the past only ({@link StateBuilderV2#sizing}):
 * <ul>
 * <li>confidence: the policy's confidence of the decision</li>
 * <li>exposure: the notional the entry action asks for (position_size &times; the action's multiplier) / equity
 * at the decision bar, as in v1 (one position at a time, ordered only when flat, so that is the whole
 * exposure)</li>
 * <li>trailing win rate: the simulator's, over {@code training.shadow_trading.win_rate_window}</li>
 * <li>volatility: realised, the sample std of the last {@value StateBuilderV2#DEFAULT_VOLATILITY_LOOKBACK} one-bar
 * returns of the closes ending at the decision bar ({@link StateBuilderV2#volatility}), the same measure as the
 * meta state's</li>
 * <li>equity-curve slope: {@link dev.shadowtrainer.features.EquitySlope} of the equity marked at this run's
 * entry decisions so far, this one included (the last {@value StateBuilderV2#DEFAULT_EQUITY_WINDOW}); it restarts
 * with every run, as the run's equity does</li>
 * </ul>
 *
 * <p>Learning, on the simulator's event bus ({@link #subscribeTo}): {@code trade.executed} of the entry fill of a
 * trace id it sized starts an episode; {@code position.closed} of that trace id gives the reward
 * {@link RewardEngineV2#sizing}(the trade's pnl % on the base position size ({@link LearningSizer#onBaseSize}), its
 * leverage, the exposure and volatility at entry), one
 * terminal TD update of (state, action), the episode's end and one &epsilon; decay. Orders that never fill start
 * no episode and are dropped when the next run starts. If the state cannot be built or the agent throws, the
 * entry is sized by the ATR sizer instead and counted as a fallback (the agent does not learn from it).
 * Deterministic: the agent's exploration draws come from its seed, and the simulator calls in time order.
 * Not thread-safe.
 */
public final class SizingAgentV2Sizer implements LearningSizer {
    public static final String NAME = "rl-v2";

    private final TabularAgent<SizingActions> agent;
    private final AtrPositionSizer fallback;
    private final StateBuilderV2 states = new StateBuilderV2();
    private final double[] closes = new double[StateBuilderV2.DEFAULT_VOLATILITY_LOOKBACK + 1];
    private final double[] equity = new double[StateBuilderV2.DEFAULT_EQUITY_WINDOW];
    private final Map<Long, Decision> pending = new HashMap<>();
    private final Map<Long, Decision> open = new HashMap<>();
    private int points;
    private int runs;
    private int sized;
    private int fallbacks;
    private int entries;
    private int learned;
    private int abandoned;
    private double rewardSum;
    private String lastFailure;

    /** What was chosen for an entry; episode is null until its order fills. */
    private record Decision(String state, int action, double exposure, double volatility, String episode) {
        Decision opened(String id) {
            return new Decision(state, action, exposure, volatility, id);
        }
    }

    public SizingAgentV2Sizer(TabularAgent<SizingActions> agent, AtrPositionSizer fallback) {
        this.agent = Objects.requireNonNull(agent, "agent is null");
        this.fallback = Objects.requireNonNull(fallback, "fallback is null");
    }

    /** Learns from the fills and closed positions on {@code bus} (the bus of the simulator this sizer sizes for). */
    public SizingAgentV2Sizer subscribeTo(EventBus bus) {
        bus.subscribe(EventBus.Topic.TRADE_EXECUTED, this::executed);
        bus.subscribe(EventBus.Topic.POSITION_CLOSED, this::closed);
        return this;
    }

    @Override
    public Sizing size(Request request) {
        sized++;
        recordEquity(request.equity());
        try {
            double exposure = request.requestedNotional() / request.equity();
            double volatility = volatility(request.market());
            SizingStateV2 state = states.sizing(request.confidence(), exposure, request.winRate(), volatility,
                    equity, points);
            String key = state.key();
            int action = agent.select(key).action();
            SizingAction a = agent.space().decode(action);
            Sizing sizing = new Sizing(a.multiplier(), a.leverage());
            pending.put(request.traceId(), new Decision(key, action, exposure, volatility, null));
            return sizing;
        } catch (RuntimeException e) {
            fallbacks++;
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            return fallback.size(request);
        }
    }

    private double volatility(MarketView m) {
        int n = Math.min(closes.length, m.history());
        for (int k = 0; k < n; k++) {
            closes[k] = m.close(n - 1 - k);
        }
        return states.volatility(closes, n - 1);
    }

    private void recordEquity(double value) {
        if (points == equity.length) {
            System.arraycopy(equity, 1, equity, 0, equity.length - 1);
            points--;
        }
        equity[points++] = value;
    }

    @Override
    public void runStarted(long seed) {
        runs++;
        pending.clear();
        points = 0;
        // every position closes by the end of its run; should one not have, its episode ends without an update
        List<Long> ids = new ArrayList<>(open.keySet());
        ids.sort(null);
        for (Long id : ids) {
            agent.endEpisode(open.remove(id).episode());
            abandoned++;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    private void executed(EventBus.TradeExecuted event) {
        if (!event.entry()) {
            return;
        }
        Decision d = pending.remove(event.traceId());
        if (d == null) {
            return; // sized by the fallback
        }
        String id = "run" + runs + "-trade" + event.traceId();
        agent.startEpisode(id);
        open.put(event.traceId(), d.opened(id));
        entries++;
    }

    private void closed(EventBus.PositionClosed event) {
        Decision d = open.remove(event.traceId());
        if (d == null) {
            return;
        }
        Trade t = event.trade();
        double reward = RewardEngineV2.sizing(LearningSizer.onBaseSize(t.pnlPercent(), t), t.leverage(), d.exposure(), d.volatility());
        agent.learnStep(d.episode(), d.state(), d.action(), reward, null);
        agent.endEpisode(d.episode());
        learned++;
        rewardSum += reward;
    }

    public TabularAgent<SizingActions> agent() {
        return agent;
    }

    @Override
    public int entriesSized() {
        return sized;
    }

    @Override
    public int fallbacks() {
        return fallbacks;
    }

    /** Entries the agent sized whose order filled, each an episode. */
    public int entries() {
        return entries;
    }

    @Override
    public int learned() {
        return learned;
    }

    /** Episodes ended without a closed trade (none when every run closes its positions). */
    public int abandoned() {
        return abandoned;
    }

    /** Mean sizing reward of the closed trades, 0 before any. */
    public double meanReward() {
        return learned == 0 ? 0 : rewardSum / learned;
    }

    @Override
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public QStats qStats() {
        return agent.stats().q();
    }

    @Override
    public QTableSnapshot snapshot() {
        return agent.snapshot();
    }
}
