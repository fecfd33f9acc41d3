/**
 * The pattern library of the trade memory: clusters of entry embeddings fitted on past trades only
 * (deterministic cosine k-means), each pattern's win rate, Wilson bound, Sharpe, profit factor, size
 * multiplier and exit thresholds, trust from memory.min_pattern_occurrences trades, blacklisting of a
 * trusted pattern whose win rate inverted beyond noise, the simulator's entry filter that refuses
 * entries like a blacklisted pattern, and the pattern_library table. Depends on memory and sim, never
 * the reverse.
 */
package dev.shadowtrainer.patterns;
