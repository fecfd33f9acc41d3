package dev.shadowtrainer.rl;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.features.TrailingWinRate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Position sizing v1: a 300-state ({@link SizingStateV1}) &times; 25-action ({@link SizingActions#V1}) Q-table
 * learned one trade at a time with the bandit update Q &larr; Q + &alpha; (r &minus; Q) on the
 * {@link SizingRewardV1}, &alpha; 0.15, and &epsilon;-greedy choices with a fixed &epsilon; 0.10.
 *
 * <p>With a file, the table, the latest {@link Settings#keptOutcomes} outcomes and the metadata are read at
 * construction (a missing file starts afresh, a bad one is refused, exit code 3) and written atomically every
 * {@link Settings#saveEvery} updates and by {@link #save()}. The trailing win rate (20 trades) is rebuilt from
 * the saved outcomes. Not thread-safe.
 */
public final class PositionSizingAgentV1 {
    public static final String AGENT = "position_sizing_v1";

    private final Settings settings;
    private final Path file;
    private final QTable table;
    private final QLearning learning;
    private final EpsilonGreedy policy;
    private final TrailingWinRate winRate = new TrailingWinRate();
    private final Deque<TradeOutcome> outcomes = new ArrayDeque<>();
    private Instant lastUpdated;

    /**
     * Settings of the v1 sizing agent.
     *
     * @param alpha        learning rate (design: 0.15)
     * @param epsilon      exploration rate, fixed (design: 0.10)
     * @param saveEvery    updates between saves (default 100)
     * @param keptOutcomes latest outcomes kept in memory and in the file (default 1000, at least 20)
     * @param seed         seed of the exploration draws
     */
    public record Settings(double alpha, double epsilon, int saveEvery, int keptOutcomes, long seed) {
        public Settings {
            if (saveEvery < 1) {
                throw new IllegalArgumentException("saveEvery must be >= 1, got " + saveEvery);
            }
            if (keptOutcomes < TrailingWinRate.DEFAULT_CAPACITY) {
                throw new IllegalArgumentException("keptOutcomes must be >= " + TrailingWinRate.DEFAULT_CAPACITY
                        + " to rebuild the trailing win rate, got " + keptOutcomes);
            }
        }

        /** The design's numbers: &alpha; 0.15, &epsilon; 0.10, saved every 100 updates, 1000 outcomes kept. */
        public static Settings defaults(long seed) {
            return new Settings(0.15, 0.10, 100, 1000, seed);
        }
    }

    /** An agent without a file (nothing saved). */
    public PositionSizingAgentV1(Settings settings) {
        this(settings, null);
    }

    /** An agent that reads {@code file} if it exists and saves to it; null for none. */
    public PositionSizingAgentV1(Settings settings, Path file) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.file = file;
        this.learning = new QLearning(settings.alpha(), 0.0);
        this.policy = new EpsilonGreedy(settings.epsilon(), 1.0, settings.epsilon(), settings.seed());
        Optional<QTableSnapshot> saved = file == null ? Optional.empty() : QTableFile.load(file, SizingActions.V1);
        this.table = saved.map(QTableSnapshot::toTable).orElseGet(() -> new QTable(SizingActions.V1.size()));
        saved.ifPresent(s -> {
            for (String key : s.qTable().keySet()) {
                checkStateKey(file, key);
            }
            for (TradeOutcome o : s.outcomes()) {
                checkStateKey(file, o.stateKey());
            }
            learning.restoreUpdates(s.metadata().totalUpdates());
            lastUpdated = s.metadata().lastUpdated();
            List<TradeOutcome> kept = s.outcomes();
            kept.subList(Math.max(0, kept.size() - settings.keptOutcomes()), kept.size()).forEach(this::remember);
        });
    }

    private static void checkStateKey(Path file, String key) {
        try {
            SizingStateV1.parse(key);
        } catch (IllegalArgumentException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "Q-table file " + file + " is not a usable table: "
                    + e.getMessage() + "; it was left unchanged: repair it, move it away to start afresh, or use"
                    + " another file");
        }
    }

    /** Chooses a multiplier and leverage for {@code state}: random with probability &epsilon;, else greedy. */
    public SizingDecision decide(SizingStateV1 state) {
        String key = state.key();
        EpsilonGreedy.Choice choice = policy.select(table, key);
        return new SizingDecision(key, SizingActions.V1.decode(choice.action()), table.value(key, choice.action()),
                choice.explored());
    }

    /**
     * Learns from a closed trade sized by {@code decision}: reward {@link SizingRewardV1#of}, then
     * Q &larr; Q + &alpha; (r &minus; Q). Saves when the update count reaches a multiple of saveEvery.
     */
    public TradeOutcome learn(SizingDecision decision, double pnlPercent, double durationHours,
                              double maxDrawdownPercent, Instant closedAt) {
        SizingStateV1.parse(decision.stateKey());
        double reward = SizingRewardV1.of(pnlPercent, durationHours, maxDrawdownPercent);
        learning.banditUpdate(table, decision.stateKey(), decision.action().index(), reward);
        TradeOutcome outcome = new TradeOutcome(decision.stateKey(), SizingActions.V1.key(decision.action().index()),
                reward, pnlPercent, durationHours, maxDrawdownPercent, closedAt);
        remember(outcome);
        lastUpdated = closedAt;
        if (file != null && learning.updates() % settings.saveEvery() == 0) {
            save();
        }
        return outcome;
    }

    private void remember(TradeOutcome outcome) {
        outcomes.addLast(outcome);
        if (outcomes.size() > settings.keptOutcomes()) {
            outcomes.removeFirst();
        }
        winRate.record(outcome.win());
    }

    /** Writes the table, outcomes and metadata to the file (atomically); does nothing without a file. */
    public void save() {
        if (file != null) {
            QTableFile.save(file, snapshot());
        }
    }

    public QTableSnapshot snapshot() {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < SizingActions.V1.size(); i++) {
            actions.add(SizingActions.V1.key(i));
        }
        return new QTableSnapshot(AGENT, SizingActions.V1.name(), actions, table.rows(), List.copyOf(outcomes),
                new QMetadata(learning.alpha(), learning.gamma(), policy.epsilon(), winRate.rate(),
                        learning.updates(), 0, lastUpdated));
    }

    /** Q(state, action) as learned so far. */
    public double q(String stateKey, int action) {
        return table.value(stateKey, action);
    }

    /** Updates of the state with key {@code stateKey} since this agent was made or loaded ({@link QTable#writes}). */
    public int updates(String stateKey) {
        return table.writes(stateKey);
    }

    /** The greedy (no exploration) action of {@code state}. */
    public SizingAction greedy(SizingStateV1 state) {
        return SizingActions.V1.decode(table.greedyAction(state.key()));
    }

    /** Trailing win rate of the last 20 learned-from trades; 0.5 before any. */
    public double recentWinRate() {
        return winRate.rate();
    }

    public QStats stats() {
        return QStats.of(table, learning, policy);
    }
}
