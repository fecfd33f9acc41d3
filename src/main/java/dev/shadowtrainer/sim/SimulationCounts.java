package dev.shadowtrainer.sim;

/**
 * Things a run counts besides trades.
 *
 * @param invalidActions        actions that made no sense (EXIT or HOLD when flat, ENTER when in a position
 *                              or with an order pending), executed as DO_NOTHING
 * @param lowConfidenceSkips    entries skipped for confidence below the threshold
 * @param ambiguousBars         bars whose range held both stop and target (policy trades)
 * @param resolvedByLowerTimeframe ambiguous bars decided by lower-timeframe candles
 * @param liquidations          positions liquidated
 * @param winRateTrips          trips of the trailing-win-rate breaker
 * @param dailyLossTrips        trips of the daily-loss breaker
 * @param breakerBlockedEntries entries refused while a breaker was tripped
 * @param filterBlockedEntries  entries refused by the entry filter (pattern blacklist)
 * @param makerExpired          maker entries that expired unfilled (policy trades)
 * @param shadowMakerExpired    maker entries of shadow trades that expired unfilled
 * @param barsInPosition        bars at whose close a position was open
 */
public record SimulationCounts(int invalidActions, int lowConfidenceSkips, int ambiguousBars,
                               int resolvedByLowerTimeframe, int liquidations, int winRateTrips, int dailyLossTrips,
                               int breakerBlockedEntries, int filterBlockedEntries, int makerExpired,
                               int shadowMakerExpired, int barsInPosition) {
    public int circuitBreakerTrips() {
        return winRateTrips + dailyLossTrips;
    }
}
