package dev.shadowtrainer.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RL v2 agent: a Q-table over string state keys (from {@link StateBuilderV2}) and an {@link ActionSpace},
 * learned with the TD update of {@link QLearning}, acting &epsilon;-greedily with &epsilon; decayed once per
 * finished episode, and tracking episodes. The meta-strategy agent is one over {@link MetaActions}
 * ({@link #metaStrategyV2}), the position-sizing agent one over {@link SizingActions}
 * ({@link #positionSizingV2}).
 *
 * <p>With a file, the table and metadata are read at construction (missing: start afresh; unusable: exit code 3,
 * file untouched) and written atomically every {@link Settings#saveEvery} updates and by {@link #save()}.
 * Not thread-safe.
 *
 * @param <S> the action space
 */
public final class TabularAgent<S extends ActionSpace> {
    public static final String META_STRATEGY_V2 = "meta_strategy_v2";
    public static final String POSITION_SIZING_V2 = "position_sizing_v2";
    /** File names of the two agents inside a model folder. */
    public static final String META_STRATEGY_FILE = "meta_strategy_q_table.json";
    public static final String POSITION_SIZING_FILE = "position_sizing_q_table.json";

    private final String name;
    private final S space;
    private final Settings settings;
    private final Path file;
    private final QTable table;
    private final QLearning learning;
    private final EpsilonGreedy policy;
    private final EpisodeTracker episodes;
    private long episodeCount;

    /**
     * Hyperparameters of a v2 agent.
     *
     * @param alpha        learning rate &alpha;
     * @param gamma        discount &gamma; (TD target and episode returns)
     * @param epsilon      initial exploration rate
     * @param epsilonDecay multiplier of &epsilon; per finished episode
     * @param epsilonFloor lowest &epsilon;
     * @param saveEvery    updates between saves
     * @param seed         seed of the exploration draws
     */
    public record Settings(double alpha, double gamma, double epsilon, double epsilonDecay, double epsilonFloor,
                           int saveEvery, long seed) {
        public Settings {
            if (saveEvery < 1) {
                throw new IllegalArgumentException("saveEvery must be >= 1, got " + saveEvery);
            }
        }

        /** RL v2 (architecture document): &alpha; 0.01, &gamma; 0.99, &epsilon; 0.1 &times;0.995 per episode to 0.01, saved every 100. */
        public static Settings v2(long seed) {
            return new Settings(0.01, 0.99, 0.1, 0.995, 0.01, 100, seed);
        }

        /** The domain-architecture variant: as {@link #v2} but &epsilon; decays &times;0.999 per episode. */
        public static Settings v2Domain(long seed) {
            return new Settings(0.01, 0.99, 0.1, 0.999, 0.01, 100, seed);
        }

        /** {@code v2} or {@code v2_domain}. */
        public static Settings preset(String name, long seed) {
            return switch (name) {
                case "v2" -> v2(seed);
                case "v2_domain" -> v2Domain(seed);
                default -> throw new IllegalArgumentException("unknown RL v2 preset '" + name
                        + "'; use v2 or v2_domain");
            };
        }
    }

    public TabularAgent(String name, S space, Settings settings, Path file) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.space = Objects.requireNonNull(space, "space is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.file = file;
        this.learning = new QLearning(settings.alpha(), settings.gamma());
        this.policy = new EpsilonGreedy(settings.epsilon(), settings.epsilonDecay(), settings.epsilonFloor(),
                settings.seed());
        this.episodes = new EpisodeTracker(settings.gamma(), EpisodeTracker.DEFAULT_KEPT);
        Optional<QTableSnapshot> saved = file == null ? Optional.empty() : QTableFile.load(file, space);
        this.table = saved.map(QTableSnapshot::toTable).orElseGet(() -> new QTable(space.size()));
        saved.ifPresent(s -> {
            learning.restoreUpdates(s.metadata().totalUpdates());
            policy.restoreEpsilon(Math.min(1.0, Math.max(settings.epsilonFloor(), s.metadata().explorationRate())));
            episodeCount = s.metadata().episodes();
        });
    }

    /** The meta-strategy agent v2 over {@code actions}; file null for none. */
    public static TabularAgent<MetaActions> metaStrategyV2(MetaActions actions, Settings settings, Path file) {
        return new TabularAgent<>(META_STRATEGY_V2, actions, settings, file);
    }

    /** The position-sizing agent v2 over {@code actions}; file null for none. */
    public static TabularAgent<SizingActions> positionSizingV2(SizingActions actions, Settings settings, Path file) {
        return new TabularAgent<>(POSITION_SIZING_V2, actions, settings, file);
    }

    /** An action for {@code state}: random with probability &epsilon;, else greedy. */
    public EpsilonGreedy.Choice select(String state) {
        return policy.select(table, state);
    }

    /** Updates of {@code state} since this agent was made or loaded ({@link QTable#writes}). */
    public int updates(String state) {
        return table.writes(state);
    }

    /** The greedy action of {@code state} (lowest index among ties). */
    public int greedy(String state) {
        return table.greedyAction(state);
    }

    /**
     * TD update of Q(state, action) with {@code reward} and {@code next} (null: terminal, target = reward).
     * Saves when the update count reaches a multiple of saveEvery. Returns the new Q-value.
     */
    public double learn(String state, int action, double reward, String next) {
        double q = learning.tdUpdate(table, state, action, reward, next);
        if (file != null && learning.updates() % settings.saveEvery() == 0) {
            save();
        }
        return q;
    }

    public void startEpisode(String id) {
        episodes.start(id);
    }

    /** {@link #learn} plus recording the step in the open episode {@code id}. */
    public double learnStep(String id, String state, int action, double reward, String next) {
        if (!episodes.isOpen(id)) {
            throw new IllegalStateException("episode '" + id + "' of " + name + " is not open; start it first");
        }
        double q = learn(state, action, reward, next);
        episodes.step(id, state, space.key(action), reward);
        return q;
    }

    /** Ends episode {@code id} and decays &epsilon; once. */
    public Episode endEpisode(String id) {
        Episode episode = episodes.end(id);
        policy.decay();
        episodeCount++;
        return episode;
    }

    public void save() {
        if (file != null) {
            QTableFile.save(file, snapshot());
        }
    }

    public QTableSnapshot snapshot() {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < space.size(); i++) {
            actions.add(space.key(i));
        }
        return new QTableSnapshot(name, space.name(), actions, table.rows(), List.of(),
                new QMetadata(learning.alpha(), learning.gamma(), policy.epsilon(), 0.5, learning.updates(),
                        episodeCount, null));
    }

    public double q(String state, int action) {
        return table.value(state, action);
    }

    public S space() {
        return space;
    }

    public String name() {
        return name;
    }

    public double epsilon() {
        return policy.epsilon();
    }

    public AgentStats stats() {
        return new AgentStats(name, space.name(), space.size(), QStats.of(table, learning, policy), episodes.stats());
    }
}
