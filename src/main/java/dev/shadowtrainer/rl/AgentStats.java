package dev.shadowtrainer.rl;

/**
 * A v2 agent's statistics, as the design's get_stats reports them.
 *
 * @param agent       agent name, e.g. {@code position_sizing_v2}
 * @param actionSpace preset of its actions
 * @param actions     number of actions
 * @param q           Q-table statistics (states, updates, &epsilon;, mean and max Q)
 * @param episodes    episode statistics
 */
public record AgentStats(String agent, String actionSpace, int actions, QStats q, EpisodeStats episodes) {
}
