/**
 * The speed benchmarks behind {@code scripts/bench}, in one JVM run, with warm-up: the simulator against
 * ta4j's backtest loop on the same candles, and the PPO learner's environment steps per second on the
 * trading environment against the naive one-environment loop, and (on request) the trade memory's
 * write and look-up speed on PostgreSQL. Like {@code pipeline}, it wires market,
 * features, sim and agent together, so it sits at the end of the data flow and nothing imports it but
 * {@code cli}.
 */
package dev.shadowtrainer.bench;
