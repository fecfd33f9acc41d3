package dev.shadowtrainer.rl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Episodes by id (e.g. one per trade: the signal starts it, the close ends it): {@link #start}, any number of
 * {@link #step}s, {@link #end}. Ending computes the total reward and the discounted return
 * G = &Sigma;_{k=0}^{T-1} &gamma;^k r_k (&gamma; 0.99 by default: rewards [1.5, 2.0, &minus;0.5] give
 * 1.5 + 0.99 &times; 2.0 &minus; 0.9801 &times; 0.5 = 2.98995, which the design rounds to 2.99). The latest
 * {@link #DEFAULT_KEPT} finished episodes are kept for {@link #stats()}; older ones are dropped. Not
 * thread-safe.
 */
public final class EpisodeTracker {
    public static final double DEFAULT_GAMMA = 0.99;
    public static final int DEFAULT_KEPT = 1000;

    private final double gamma;
    private final int kept;
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final Deque<Episode> finished = new ArrayDeque<>();
    private long finishedCount;

    public EpisodeTracker() {
        this(DEFAULT_GAMMA, DEFAULT_KEPT);
    }

    public EpisodeTracker(double gamma, int kept) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("discount gamma must be in [0, 1], got " + gamma);
        }
        if (kept < 1) {
            throw new IllegalArgumentException("episodes kept must be >= 1, got " + kept);
        }
        this.gamma = gamma;
        this.kept = kept;
    }

    /** G = &Sigma; &gamma;^k r_k over {@code rewards} in order. */
    public static double discountedReturn(double[] rewards, double gamma) {
        double g = 0;
        double discount = 1;
        for (double r : rewards) {
            g += discount * r;
            discount *= gamma;
        }
        return g;
    }

    public void start(String id) {
        Objects.requireNonNull(id, "episode id is null");
        if (open.containsKey(id)) {
            throw new IllegalStateException("episode '" + id + "' is already open");
        }
        open.put(id, new Open());
    }

    public boolean isOpen(String id) {
        return open.containsKey(id);
    }

    /** Appends a step (state, action, reward) to the open episode {@code id}. */
    public void step(String id, String state, String action, double reward) {
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward of episode '" + id + "' must be finite, got " + reward);
        }
        Open episode = openEpisode(id);
        episode.states.add(state);
        episode.actions.add(action);
        episode.rewards.add(reward);
    }

    /** Closes episode {@code id}, keeps it (dropping the oldest beyond the cap) and returns it. */
    public Episode end(String id) {
        Open episode = openEpisode(id);
        open.remove(id);
        double[] rewards = episode.rewards.stream().mapToDouble(Double::doubleValue).toArray();
        double total = 0;
        for (double r : rewards) {
            total += r;
        }
        Episode done = new Episode(id, episode.states, episode.actions, rewards, total,
                discountedReturn(rewards, gamma));
        finished.addLast(done);
        if (finished.size() > kept) {
            finished.removeFirst();
        }
        finishedCount++;
        return done;
    }

    private Open openEpisode(String id) {
        Open episode = open.get(id);
        if (episode == null) {
            throw new IllegalStateException("episode '" + id + "' is not open; start it first");
        }
        return episode;
    }

    public EpisodeStats stats() {
        int n = finished.size();
        if (n == 0) {
            return new EpisodeStats(finishedCount, 0, 0, 0, 0);
        }
        double reward = 0;
        double discounted = 0;
        double steps = 0;
        for (Episode e : finished) {
            reward += e.totalReward();
            discounted += e.discountedReturn();
            steps += e.steps();
        }
        return new EpisodeStats(finishedCount, n, reward / n, discounted / n, steps / n);
    }

    /** The kept finished episodes, oldest first. */
    public List<Episode> finished() {
        return List.copyOf(finished);
    }

    public int openCount() {
        return open.size();
    }

    public double gamma() {
        return gamma;
    }

    private static final class Open {
        final List<String> states = new ArrayList<>();
        final List<String> actions = new ArrayList<>();
        final List<Double> rewards = new ArrayList<>();
    }
}
