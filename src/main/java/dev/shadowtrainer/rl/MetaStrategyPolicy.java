package dev.shadowtrainer.rl;

import dev.shadowtrainer.agent.signals.Signal;
import dev.shadowtrainer.agent.signals.SignalBars;
import dev.shadowtrainer.agent.signals.SignalModel;
import dev.shadowtrainer.features.TrailingWinRate;
import dev.shadowtrainer.features.TrendRegime;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.MarketView;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Trade;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The RL v2 meta-strategy agent trading through its signal models: at each decision bar it picks (strategy,
 * signal model, weight) and acts on that model's advice; it learns from every trade it opened when the trade
 * closes.
 *
 * <p>Deciding, at a bar's close (everything from bars up to that bar):
 * <ul>
 * <li>with an order pending: wait. In a position: exit when the model that opened it advises FLAT, else hold.</li>
 * <li>flat: every signal model is asked (the rule models read the bars, the PPO network's model the observation
 * at the bar); with none advising LONG there is nothing to choose and the agent is not
 * asked. Otherwise the meta state is built ({@link StateBuilderV2#meta}) from the bar's trend regime, the closes
 * up to the bar, the highest confidence among the LONG calls (the strongest entry on offer), the trailing win
 * rate of the agent's last 20 trades and the drawdown of its own equity (initial equity plus the pnl of its
 * closed trades in this run, below its peak); the agent selects an action &epsilon;-greedily. If the chosen model
 * advises LONG the policy enters, sized by the weight action: WEIGHT_UP large, WEIGHT_HOLD normal,
 * WEIGHT_DOWN small (numeric weights: above 1 large, 1 normal, below 1 small); its confidence is the model's
 * confidence &times; the weight multiplier ({@link MetaActions#weightMultiplier}), capped at 1. Else it stays
 * out.</li>
 * </ul>
 *
 * <p>Learning, on the simulator's event bus ({@link #subscribeTo}): {@code signal.generated} of the entry it asked
 * for starts an episode for that trace id; {@code position.closed} of that trace id gives the meta reward
 * {@link RewardEngineV2#meta}(pnl %, max drawdown % = |MAE %|, Sharpe signal of the pnl % of the agent's last 20
 * closed trades this one included, regime alignment = (+1 if the chosen strategy is the trend regime at the exit
 * bar, else &minus;0.5) &times; the entry confidence), one terminal TD update of (state, action), the episode's
 * end and one &epsilon; decay. An entry that never fills (its order expired) ends its episode without an update.
 * One agent learns online across runs (folds) in the order they are run; deterministic given the agent's seed.
 * The ta4j bars are seeded with up to {@value #LOOKBACK} bars before a run's first decision bar and grown bar by
 * bar. Not thread-safe.
 */
public final class MetaStrategyPolicy implements Policy {
    public static final String NAME = "meta-rl";
    /** Bars before a run's first decision that the signal models warm up on. */
    public static final int LOOKBACK = 200;
    static final int STATE_CLOSES = 20;
    static final int RECENT_TRADES = 20;

    private final TabularAgent<MetaActions> agent;
    private final List<SignalModel> models;
    private final byte[] trendRegimes;
    private final double initialEquity;
    private final StateBuilderV2 states = new StateBuilderV2();
    private final TrailingWinRate wins = new TrailingWinRate(RECENT_TRADES);
    private final double[] recentPnl = new double[RECENT_TRADES];
    private final double[] closes = new double[STATE_CLOSES];
    private final Map<Long, Decision> open = new HashMap<>();
    private final Signal[] signals;

    private SignalBars bars;
    private List<SignalModel.Bound> bound;
    private int feedOffset;
    private int fedBar = -2;
    private int recentCount;
    private int runs;
    private double equity;
    private double peak;
    private Decision pending;
    private Decision held;
    private double confidence;
    private int entries;
    private int learned;
    private int abandoned;
    private double rewardSum;

    /** What was chosen for an entry. */
    private record Decision(String episode, String state, int action, int model, String strategy, double confidence,
                            int bar) {
    }

    /**
     * @param agent         a meta-strategy agent whose signal models are {@code models}' names, in order
     * @param models        the signal models
     * @param trendRegimes  trend regime ordinal ({@link TrendRegime}) of every bar of the simulator's market; each
     *                      from bars up to its own
     * @param initialEquity the equity each run starts from (for the account-health drawdown)
     */
    public MetaStrategyPolicy(TabularAgent<MetaActions> agent, List<SignalModel> models, byte[] trendRegimes,
                              double initialEquity) {
        this.agent = Objects.requireNonNull(agent, "agent is null");
        this.models = List.copyOf(models);
        this.trendRegimes = Objects.requireNonNull(trendRegimes, "trendRegimes is null");
        if (!agent.space().signalModels().equals(SignalModel.names(this.models))) {
            throw new IllegalArgumentException("the agent's signal models " + agent.space().signalModels()
                    + " are not the policy's " + SignalModel.names(this.models));
        }
        this.initialEquity = initialEquity;
        this.signals = new Signal[this.models.size()];
        this.equity = initialEquity;
        this.peak = initialEquity;
    }

    /**
     * The policy over the four rule families ({@link SignalModel#families()}) in the {@code preset} grid
     * ({@link MetaActions#preset}); {@code file} is the agent's Q-table (null: none).
     */
    public static MetaStrategyPolicy create(String preset, TabularAgent.Settings settings, Path file,
                                            byte[] trendRegimes, double initialEquity) {
        return create(preset, settings, file, trendRegimes, initialEquity, List.of());
    }

    /**
     * The policy over the four rule families and then {@code extra} (e.g. the PPO network's model), the grid's
     * signal-model slots in that order.
     */
    public static MetaStrategyPolicy create(String preset, TabularAgent.Settings settings, Path file,
                                            byte[] trendRegimes, double initialEquity, List<SignalModel> extra) {
        List<SignalModel> models = new ArrayList<>(SignalModel.families());
        models.addAll(extra);
        MetaActions actions = MetaActions.preset(preset).withSignalModels(SignalModel.names(models));
        return new MetaStrategyPolicy(TabularAgent.metaStrategyV2(actions, settings, file), models, trendRegimes,
                initialEquity);
    }

    /** Learns from the events of {@code bus}, the bus of the simulator that runs this policy. */
    public MetaStrategyPolicy subscribeTo(EventBus bus) {
        bus.subscribe(EventBus.Topic.SIGNAL_GENERATED, this::signalled);
        bus.subscribe(EventBus.Topic.POSITION_CLOSED, this::closed);
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset(long seed) {
        runs++;
        equity = initialEquity;
        peak = initialEquity;
        pending = null;
        held = null;
        fedBar = -2; // the next run may start anywhere: reseed the bars
        abandonUnfilled();
    }

    @Override
    public double confidence() {
        return confidence;
    }

    @Override
    public Action decide(Observation observation) {
        MarketView m = observation.market();
        feed(m);
        pending = null;
        confidence = 0;
        if (observation.orderPending()) {
            return observation.inPosition() ? Action.HOLD : Action.DO_NOTHING;
        }
        if (observation.inPosition()) {
            if (held == null) {
                return Action.HOLD;
            }
            Signal s = bound.get(held.model).at(m.bar() - feedOffset, observation);
            confidence = s.confidence();
            return s.isLong() ? Action.HOLD : Action.EXIT;
        }
        abandonUnfilled();
        held = null;
        if (!m.tradeable()) {
            return Action.DO_NOTHING;
        }
        double best = -1;
        for (int i = 0; i < signals.length; i++) {
            signals[i] = bound.get(i).at(m.bar() - feedOffset, observation);
            if (signals[i].isLong()) {
                best = Math.max(best, signals[i].confidence());
            }
        }
        if (best < 0) {
            return Action.DO_NOTHING;
        }
        int n = Math.min(STATE_CLOSES, m.history());
        for (int k = 0; k < n; k++) {
            closes[k] = m.close(n - 1 - k);
        }
        TrendRegime regime = TrendRegime.ofOrdinal(trendRegimes[m.bar()]);
        MetaStateV2 state = states.meta(regime, closes, n - 1, best, wins, (peak - equity) / peak);
        String key = state.key();
        int action = agent.select(key).action();
        MetaAction a = agent.space().decode(action);
        int model = agent.space().signalModels().indexOf(a.signalModel());
        Signal s = signals[model];
        if (!s.isLong()) {
            return Action.DO_NOTHING;
        }
        double weight = MetaActions.weightMultiplier(a.weight());
        confidence = Math.min(1.0, s.confidence() * weight);
        pending = new Decision(null, key, action, model, a.strategy(), confidence, m.bar());
        return weight > 1 ? Action.ENTER_LONG_LARGE : weight < 1 ? Action.ENTER_LONG_SMALL : Action.ENTER_LONG_NORMAL;
    }

    /** Grows the signal bars to the current bar, reseeding them when the run jumped. */
    private void feed(MarketView m) {
        int bar = m.bar();
        if (bar == fedBar) {
            return;
        }
        if (bar != fedBar + 1) {
            int back = Math.min(LOOKBACK - 1, bar);
            bars = new SignalBars();
            for (int k = back; k > 0; k--) {
                bars.add(m.open(k), m.high(k), m.low(k), m.close(k), m.volume(k));
            }
            feedOffset = bar - back;
            bound = new ArrayList<>();
            for (SignalModel model : models) {
                bound.add(model.bind(bars.series()));
            }
        }
        bars.add(m.open(0), m.high(0), m.low(0), m.close(0), m.volume(0));
        fedBar = bar;
    }

    private void signalled(EventBus.SignalGenerated event) {
        if (!event.action().isEntry() || pending == null || event.bar() != pending.bar) {
            return;
        }
        String episode = "run" + runs + "-trade" + event.traceId();
        Decision d = new Decision(episode, pending.state, pending.action, pending.model, pending.strategy,
                pending.confidence, pending.bar);
        agent.startEpisode(episode);
        open.put(event.traceId(), d);
        held = d;
        pending = null;
        entries++;
    }

    private void closed(EventBus.PositionClosed event) {
        Decision d = open.remove(event.traceId());
        if (d == null) {
            return;
        }
        Trade t = event.trade();
        recentPnl[recentCount % RECENT_TRADES] = t.pnlPercent();
        recentCount++;
        double sharpe = RewardEngineV2.sharpeSignal(recentPnl, 0, Math.min(recentCount, RECENT_TRADES));
        TrendRegime atExit = TrendRegime.ofOrdinal(trendRegimes[t.exitBar()]);
        double alignment = RewardEngineV2.regimeAlignment(d.strategy, atExit.name(), d.confidence);
        double reward = RewardEngineV2.meta(t.pnlPercent(), Math.abs(t.maePercent()), sharpe, alignment);
        agent.learnStep(d.episode, d.state, d.action, reward, null);
        agent.endEpisode(d.episode);
        learned++;
        rewardSum += reward;
        wins.record(t.isWin());
        equity += t.pnl();
        peak = Math.max(peak, equity);
        if (held == d) {
            held = null;
        }
    }

    /** Entries whose order never filled: no trade to learn from, so their episodes end empty. */
    private void abandonUnfilled() {
        if (open.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(open.keySet());
        ids.sort(null);
        for (Long id : ids) {
            agent.endEpisode(open.remove(id).episode);
            abandoned++;
        }
    }

    /**
     * Lets go of the signal bars of the last run (ta4j bars and every model's cached indicator values, about
     * 1.2 KB per bar: 160 MB after a 90-day test window of 1m candles). Nothing is lost: the next run reseeds
     * them, as after {@link #reset}; the agent, its Q-table and the counts stay.
     */
    public void releaseBars() {
        bars = null;
        bound = null;
        fedBar = -2;
    }

    /** Saves the agent's Q-table to its file (none: nothing). */
    public void save() {
        agent.save();
    }

    public TabularAgent<MetaActions> agent() {
        return agent;
    }

    /** Entries that were placed (signal.generated), each an episode. */
    public int entries() {
        return entries;
    }

    /** Closed trades learned from (one TD update each). */
    public int learned() {
        return learned;
    }

    /** Entries whose order never filled. */
    public int abandoned() {
        return abandoned;
    }

    /** Mean meta reward of the closed trades, 0 before any. */
    public double meanReward() {
        return learned == 0 ? 0 : rewardSum / learned;
    }
}
