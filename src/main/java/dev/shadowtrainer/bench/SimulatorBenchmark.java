package dev.shadowtrainer.bench;

import dev.shadowtrainer.agent.rules.SmaCrossPolicy;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.BarSeries;

/**
 * Measures bars per second of the simulator running the SMA-cross policy, without and with shadow
 * trades, against ta4j's BarSeriesManager running the same strategy, on the same seeded 1-minute
 * candles in the same JVM. Each iteration runs the three cases in turn after a full GC, so each one
 * pays for its own garbage; warm-up iterations let the JIT compile all three before anything counts.
 */
public final class SimulatorBenchmark {
    /** Default bar count: a year of 1-minute candles. */
    public static final int YEAR_OF_MINUTES = 525_600;
    /** Where the generated candles start; fixed so a seed always means the same candles. */
    static final Instant FIRST_OPEN = Instant.parse("2024-01-01T00:00:00Z");
    static final double INITIAL_EQUITY = 10_000;
    static final double SPEEDUP_TARGET = 20;
    static final double SHADOW_COST_TARGET = 2;

    /**
     * What to measure.
     *
     * @param execution the fill rules and costs of the simulated runs (from training.shadow_trading)
     * @param stateDim  the observation size (training.rl_agent.state_dim)
     */
    public record Settings(int bars, int fastPeriod, int slowPeriod, int warmupIterations, int measuredIterations,
                           long seed, Symbol symbol, ExecutionConfig execution, int stateDim) {
        public Settings {
            Objects.requireNonNull(symbol, "symbol is null");
            Objects.requireNonNull(execution, "execution is null");
            if (fastPeriod < 1 || slowPeriod <= fastPeriod) {
                throw new IllegalArgumentException("SMA periods must satisfy 1 <= fast < slow, got " + fastPeriod + "/"
                        + slowPeriod);
            }
            if (bars < 2 * slowPeriod) {
                throw new IllegalArgumentException("--bars must be at least twice the slow period (" + 2 * slowPeriod
                        + "), got " + bars);
            }
            if (warmupIterations < 0 || measuredIterations < 1) {
                throw new IllegalArgumentException("warm-up iterations must be >= 0 and measured iterations >= 1");
            }
        }
    }

    public BenchReport run(Settings s, PrintWriter progress) {
        Objects.requireNonNull(s, "settings is null");
        Objects.requireNonNull(progress, "progress is null");
        long start = System.nanoTime();
        CandleSeries candles = new SyntheticMarket(s.seed()).generate(s.symbol(), Timeframe.M1, FIRST_OPEN, s.bars())
                .series();
        double generationMillis = millis(System.nanoTime() - start);

        start = System.nanoTime();
        BarSeries series = Ta4jSmaCross.barSeries(candles);
        double seriesMillis = millis(System.nanoTime() - start);

        SmaCrossMarket market = new SmaCrossMarket(s.fastPeriod(), s.slowPeriod());
        Ta4jSmaCross ta4j = new Ta4jSmaCross(s.fastPeriod(), s.slowPeriod());
        int iterations = s.warmupIterations() + s.measuredIterations();
        long[][] nanos = new long[3][s.measuredIterations()];
        int[] trades = {-1, -1, -1};
        int shadowTrades = -1;
        for (int it = 0; it < iterations; it++) {
            boolean warmup = it < s.warmupIterations();
            progress.printf("bench: iteration %d of %d%s%n", it + 1, iterations, warmup ? " (warm-up)" : "");
            progress.flush();
            int k = it - s.warmupIterations();

            System.gc();
            start = System.nanoTime();
            SimulationResult off = simulate(s, market, candles, false);
            long offNanos = System.nanoTime() - start;

            System.gc();
            start = System.nanoTime();
            SimulationResult on = simulate(s, market, candles, true);
            long onNanos = System.nanoTime() - start;

            System.gc();
            start = System.nanoTime();
            int positions = ta4j.run(series);
            long ta4jNanos = System.nanoTime() - start;

            trades[0] = same("simulator trades", trades[0], off.trades().size());
            trades[1] = same("simulator trades with shadow trades", trades[1], on.trades().size());
            trades[2] = same("ta4j positions", trades[2], positions);
            shadowTrades = same("shadow trades", shadowTrades, on.shadowTrades().size());
            if (!warmup) {
                nanos[0][k] = offNanos;
                nanos[1][k] = onNanos;
                nanos[2][k] = ta4jNanos;
            }
        }
        BenchReport.Case a = measured("simulator, shadow trades off", nanos[0], s.bars(), trades[0]);
        BenchReport.Case b = measured("simulator, shadow trades every bar", nanos[1], s.bars(), trades[1]);
        BenchReport.Case c = measured("ta4j 0.17 BarSeriesManager", nanos[2], s.bars(), trades[2]);
        double speedup = c.medianMillis() / a.medianMillis();
        double shadowCost = b.medianMillis() / a.medianMillis();
        double countRatio = Math.max(a.trades(), c.trades()) / (double) Math.max(1, Math.min(a.trades(), c.trades()));
        return new BenchReport(s.bars(), Timeframe.M1.label(), s.symbol().toString(), s.seed(), s.fastPeriod(),
                s.slowPeriod(), s.warmupIterations(), s.measuredIterations(), generationMillis, seriesMillis, a, b, c,
                shadowTrades, speedup, shadowCost, SPEEDUP_TARGET, SHADOW_COST_TARGET, speedup >= SPEEDUP_TARGET,
                shadowCost <= SHADOW_COST_TARGET,
                a.trades() > 0 && c.trades() > 0 && countRatio <= BenchReport.COMPARABLE_FACTOR,
                BenchReport.Machine.current());
    }

    /** One timed simulator case: features and market data are built inside, as a real run builds them. */
    private static SimulationResult simulate(Settings s, SmaCrossMarket market, CandleSeries candles,
                                             boolean shadowTrades) {
        MarketData data = market.apply(candles);
        Simulator simulator = new Simulator(data, s.execution(), s.stateDim(), new EventBus(), new ShadowStatistics(),
                EntryFilter.NONE, shadowTrades);
        return simulator.run(new SmaCrossPolicy(), 0, data.size(), INITIAL_EQUITY, s.seed());
    }

    /** Every iteration must do the same work; a difference would make the timings incomparable. */
    private static int same(String what, int before, int now) {
        if (before >= 0 && before != now) {
            throw new IllegalStateException(what + " changed between iterations: " + before + " then " + now);
        }
        return now;
    }

    private static BenchReport.Case measured(String name, long[] nanos, int bars, int trades) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        List<Double> samples = new ArrayList<>(n);
        for (long v : nanos) {
            samples.add(millis(v));
        }
        return new BenchReport.Case(name, millis(median), bars / (median / 1e9), trades, samples);
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }
}
