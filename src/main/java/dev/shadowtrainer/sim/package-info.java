/**
 * The shadow market: a walk-forward simulator that replays a candle series bar by bar.
 *
 * <h2>No-lookahead contract</h2>
 * <ul>
 *   <li>At bar t, once t has closed, the policy receives an {@link dev.shadowtrainer.sim.Observation}
 *       built only from bars &le; t: candles and features through {@link dev.shadowtrainer.sim.MarketView},
 *       which cannot address a later bar, its own position, and memory features from trades that have
 *       already exited.</li>
 *   <li>An order decided at t fills no earlier than t+1: market orders at t+1's open plus slippage; maker
 *       (post-only limit) entries only if a later bar trades through the limit, else they expire after
 *       {@code maker_expiry_bars} and the opportunity is lost.</li>
 *   <li>Stops, targets, timeouts and liquidations are checked against each bar as it arrives.</li>
 *   <li>A shadow trade (the hypothetical entry at every bar) and a post-exit window become visible to
 *       memory, statistics and rewards only from their exit bar, respectively the window's last bar.</li>
 *   <li>Nothing trades on gap-filler bars, and no decision is taken on a bar whose features are not
 *       usable (warm-up, or a window that spans a gap).</li>
 * </ul>
 * The {@code lookahead-check} command verifies this for a whole pipeline by rerunning on cut and
 * garbage-extended series.
 */
package dev.shadowtrainer.sim;
