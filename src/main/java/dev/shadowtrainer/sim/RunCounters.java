package dev.shadowtrainer.sim;

/**
 * What the simulator counts besides equity and trades.
 *
 * @param invalidActions      actions the policy chose that could not be carried out (e.g. exit while flat)
 * @param circuitBreakerTrips times the circuit breaker stopped trading
 * @param barsInPosition      bars spent holding a position (exposure is this over all bars)
 */
public record RunCounters(long invalidActions, long circuitBreakerTrips, long barsInPosition) {
    public static final RunCounters NONE = new RunCounters(0, 0, 0);

    public RunCounters {
        if (invalidActions < 0 || circuitBreakerTrips < 0 || barsInPosition < 0) {
            throw new IllegalArgumentException("counters must not be negative: " + invalidActions + ", "
                    + circuitBreakerTrips + ", " + barsInPosition);
        }
    }

    public RunCounters plus(RunCounters other) {
        return new RunCounters(invalidActions + other.invalidActions, circuitBreakerTrips + other.circuitBreakerTrips,
                barsInPosition + other.barsInPosition);
    }
}
