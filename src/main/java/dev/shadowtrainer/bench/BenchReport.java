package dev.shadowtrainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one {@code bench} run measured. Times are medians of the measured iterations; a speed-up is a
 * ratio of median times on the same candles in the same JVM.
 *
 * @param simulator            (a) the simulator with shadow trades off, SMA and market-data build included
 * @param simulatorWithShadows (b) the same with a shadow trade opened at every tradeable bar
 * @param ta4j                 (c) ta4j's BarSeriesManager with the same strategy, indicators included,
 *                             series construction not included (see {@code ta4jSeriesMillis})
 * @param speedupOverTa4j      time of (c) / time of (a)
 * @param shadowTradeCost      time of (b) / time of (a)
 * @param tradeCountsComparable whether (a) and (c) closed a similar number of round trips (within a
 *                             factor of {@value #COMPARABLE_FACTOR}), a sanity check that both did the same work
 */
public record BenchReport(int bars, String timeframe, String symbol, long seed, int fastPeriod, int slowPeriod,
                          int warmupIterations, int measuredIterations, double candleGenerationMillis,
                          double ta4jSeriesMillis, Case simulator, Case simulatorWithShadows, Case ta4j,
                          int shadowTrades, double speedupOverTa4j, double shadowTradeCost,
                          double speedupTarget, double shadowCostTarget, boolean speedupTargetMet,
                          boolean shadowCostTargetMet, boolean tradeCountsComparable, Machine machine) {
    static final double COMPARABLE_FACTOR = 2.0;

    /**
     * One measured case.
     *
     * @param trades closed round trips of one run (identical in every iteration, or the run fails)
     */
    public record Case(String name, double medianMillis, double barsPerSecond, int trades,
                       List<Double> samplesMillis) {
        public Case {
            Objects.requireNonNull(name, "name is null");
            samplesMillis = List.copyOf(samplesMillis);
        }
    }

    /** Where it ran: timings mean little without it. */
    public record Machine(int processors, String javaVersion, String vm, long maxHeapMb) {
        static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    public BenchReport {
        Objects.requireNonNull(simulator, "simulator is null");
        Objects.requireNonNull(simulatorWithShadows, "simulatorWithShadows is null");
        Objects.requireNonNull(ta4j, "ta4j is null");
        Objects.requireNonNull(machine, "machine is null");
    }

    /** The report as short text lines for the console. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "bench: %,d synthetic %s candles of %s (seed %d), SMA cross %d/%d; "
                        + "%d warm-up + %d measured iterations, medians", bars, timeframe, symbol, seed, fastPeriod,
                slowPeriod, warmupIterations, measuredIterations));
        out.add(String.format(Locale.ROOT, "  machine: %d cores, Java %s (%s), max heap %,d MB", machine.processors(),
                machine.javaVersion(), machine.vm(), machine.maxHeapMb()));
        out.add(String.format(Locale.ROOT, "  candle generation %.0f ms; ta4j series construction %.0f ms "
                + "(not included in (c))", candleGenerationMillis, ta4jSeriesMillis));
        out.add(caseLine("(a)", simulator, "trades " + simulator.trades()));
        out.add(caseLine("(b)", simulatorWithShadows, "trades " + simulatorWithShadows.trades() + ", shadow trades "
                + String.format(Locale.ROOT, "%,d", shadowTrades)));
        out.add(caseLine("(c)", ta4j, "positions " + ta4j.trades()));
        out.add(String.format(Locale.ROOT, "  speed (a) vs (c): %.1fx ta4j (target >= %.0fx: %s)", speedupOverTa4j,
                speedupTarget, speedupTargetMet ? "met" : "NOT met"));
        out.add(String.format(Locale.ROOT, "  shadow-trade cost (b)/(a): %.2fx (target <= %.0fx: %s)", shadowTradeCost,
                shadowCostTarget, shadowCostTargetMet ? "met" : "NOT met"));
        out.add(String.format(Locale.ROOT, "  trade counts (a) %d vs (c) %d: %s", simulator.trades(), ta4j.trades(),
                tradeCountsComparable ? "comparable (within " + (int) COMPARABLE_FACTOR + "x)"
                        : "NOT comparable: the two runs do different work"));
        return out;
    }

    private static String caseLine(String label, Case c, String counts) {
        return String.format(Locale.ROOT, "  %s %-36s %9.1f ms  %,14.0f bars/s  %s", label, c.name(), c.medianMillis(),
                c.barsPerSecond(), counts);
    }
}
