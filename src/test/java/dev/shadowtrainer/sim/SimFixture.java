package dev.shadowtrainer.sim;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-built markets and scripted policies for simulator tests. */
final class SimFixture {
    static final long T0 = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
    static final SeriesId ID = new SeriesId("test", Symbol.parse("BTC/USDT"), Timeframe.M15);
    static final long STEP = Timeframe.M15.millis();

    private SimFixture() {
    }

    /** Bars given as {open, high, low, close} rows; volume 1. Bars listed in {@code fillers} are gap fillers. */
    static CandleSeries candles(double[][] ohlc, int... fillers) {
        CandleSeries.Builder b = CandleSeries.builder(ID, ohlc.length);
        java.util.Set<Integer> fill = new java.util.HashSet<>();
        for (int f : fillers) {
            fill.add(f);
        }
        for (int i = 0; i < ohlc.length; i++) {
            if (fill.contains(i)) {
                b.addFiller(T0 + i * STEP, ohlc[i - 1][3]);
            } else {
                b.add(T0 + i * STEP, ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3], 1);
            }
        }
        return b.build();
    }

    /** {@code n} flat bars at {@code price} with a tiny range that touches no stop or target. */
    static double[][] flat(int n, double price) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {price, price * 1.0001, price * 0.9999, price};
        }
        return rows;
    }

    /** Market data with one dummy feature, every bar usable except fillers, regime 0. */
    static MarketData market(CandleSeries candles) {
        int n = candles.size();
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            usable[i] = !candles.isFiller(i);
        }
        FeatureMatrix features = FeatureMatrix.of(List.of(new FeatureColumn("close_copy", 0)), closes(candles),
                usable, true);
        return new MarketData(candles, features, features, new byte[n], null);
    }

    private static float[] closes(CandleSeries candles) {
        float[] v = new float[candles.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) candles.close(i);
        }
        return v;
    }

    /**
     * Costs in bps: maker 2, taker 5, slippage 1; stop 100, target 200; max hold 4 bars; size 1000;
     * market entries; breakers off.
     */
    static ExecutionConfig config() {
        return new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 100, 200, 4, 2, 5, 1, false, 2, 3,
                0.5, 20, 0, 0);
    }

    static ExecutionConfig config(double leverage, double stopBps, boolean maker, double makerFee, int cooldown,
                                  int winWindow, double dailyLoss) {
        return new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, leverage, 0.005, stopBps, 200, 4, makerFee, 5,
                1, maker, 2, 3, 0.5, winWindow, cooldown, dailyLoss);
    }

    /** A policy that plays a fixed action at given bars and DO_NOTHING (flat) or HOLD (in position) otherwise. */
    static Policy script(Object... barThenAction) {
        Map<Integer, Action> plan = new HashMap<>();
        for (int i = 0; i < barThenAction.length; i += 2) {
            plan.put((Integer) barThenAction[i], (Action) barThenAction[i + 1]);
        }
        return new Policy() {
            @Override
            public String name() {
                return "script";
            }

            @Override
            public Action decide(Observation o) {
                Action a = plan.get(o.market().bar());
                if (a != null) {
                    return a;
                }
                return o.inPosition() ? Action.HOLD : Action.DO_NOTHING;
            }
        };
    }

    static SimulationResult run(MarketData data, ExecutionConfig config, Policy policy) {
        return new Simulator(data, config, 16).run(policy, 0, data.size(), 10_000, 1);
    }
}
