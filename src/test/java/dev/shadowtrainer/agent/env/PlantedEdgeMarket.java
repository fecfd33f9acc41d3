package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.MarketData;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Markets for checking that the agent learns what is there and nothing else. A signal, published as a
 * feature at each bar's close, says whether the next {@code horizon} bars drift up ({@code +1}) or
 * not ({@code -1}); with no drift the signal is noise and the prices a driftless random walk.
 * Signals come in runs (a persistent two-state chain), like regimes. A second feature is pure noise.
 * Every feature at bar t is known at t's close; only returns after t depend on the signal.
 */
final class PlantedEdgeMarket {
    static final SeriesId ID = new SeriesId("synthetic", Symbol.parse("BTC/USDT"), Timeframe.M15);
    static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    private PlantedEdgeMarket() {
    }

    /**
     * @param drift       log-return per bar added while the last signal was +1 (e.g. 0.0010 = 10 bps)
     * @param volatility  per-bar log-return noise
     * @param stay        probability that the signal keeps its value from one bar to the next
     */
    static MarketData generate(long seed, int bars, double drift, double volatility, double stay) {
        return generate(seed, bars, drift, -drift / 4, volatility, stay);
    }

    /**
     * @param upDrift    log-return per bar added while the last signal was +1
     * @param downDrift  log-return per bar added while it was -1 (e.g. -upDrift: buy-and-hold has no edge)
     */
    static MarketData generate(long seed, int bars, double upDrift, double downDrift, double volatility,
                               double stay) {
        SplittableRandom random = new SplittableRandom(seed);
        CandleSeries.Builder b = CandleSeries.builder(ID, bars);
        float[] values = new float[2 * bars];
        boolean[] usable = new boolean[bars];
        double close = 100;
        int signal = 1;
        for (int i = 0; i < bars; i++) {
            double open = close;
            // This bar's move follows the signal published at the previous bar's close.
            double ret = (signal > 0 ? upDrift : downDrift) + volatility * gaussian(random);
            close = open * StrictMath.exp(ret);
            double high = Math.max(open, close) * StrictMath.exp(Math.abs(volatility * 0.5 * gaussian(random)));
            double low = Math.min(open, close) * StrictMath.exp(-Math.abs(volatility * 0.5 * gaussian(random)));
            b.add(T0 + i * ID.timeframe().millis(), open, high, low, close, 1 + random.nextDouble());
            if (random.nextDouble() > stay) {
                signal = -signal;
            }
            values[2 * i] = signal;
            values[2 * i + 1] = (float) gaussian(random);
            usable[i] = true;
        }
        FeatureMatrix features = FeatureMatrix.of(List.of(new FeatureColumn("signal", 0),
                new FeatureColumn("noise", 0)), values, usable, true);
        return new MarketData(b.build(), features, features, new byte[bars], null);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }
}
