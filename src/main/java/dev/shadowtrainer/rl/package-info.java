/**
 * Tabular reinforcement learning: the Q-learning core ({@link dev.shadowtrainer.rl.QTable},
 * {@link dev.shadowtrainer.rl.QLearning}, {@link dev.shadowtrainer.rl.EpsilonGreedy}), its JSON persistence
 * ({@link dev.shadowtrainer.rl.QTableFile}), the position-sizing agent v1
 * ({@link dev.shadowtrainer.rl.PositionSizingAgentV1}) and the parts of RL v2: reward engine
 * ({@link dev.shadowtrainer.rl.RewardEngineV2}), states ({@link dev.shadowtrainer.rl.StateBuilderV2}), action
 * spaces ({@link dev.shadowtrainer.rl.SizingActions}, {@link dev.shadowtrainer.rl.MetaActions}), episodes
 * ({@link dev.shadowtrainer.rl.EpisodeTracker}) and the v2 agents ({@link dev.shadowtrainer.rl.TabularAgent}).
 *
 * <p>Pure Java, no simulator types: the event-bus subscriber that feeds these agents lives with the wiring.
 * Everything random is drawn from a seeded generator, so the same seed and the same inputs give the same
 * choices and the same tables.
 */
package dev.shadowtrainer.rl;
