/**
 * The speed benchmark behind {@code scripts/bench}: the simulator against ta4j's backtest loop on the
 * same candles, in one JVM run, with warm-up. Like {@code pipeline}, it wires market, features, sim and
 * agent together, so it sits at the end of the data flow and nothing imports it but {@code cli}.
 */
package dev.shadowtrainer.bench;
