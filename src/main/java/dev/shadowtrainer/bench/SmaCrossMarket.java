package dev.shadowtrainer.bench;

import dev.shadowtrainer.agent.rules.SmaCrossPolicy;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.sim.MarketData;
import java.util.List;
import java.util.function.Function;

/**
 * What the simulator replays for the SMA-cross policy: the fast and slow simple moving averages of the
 * close, computed once per series with running sums (O(1) per bar), and no regimes. A bar is usable when
 * the slow window of it and of the bar before hold only real candles, since a cross compares the two.
 */
public final class SmaCrossMarket implements Function<CandleSeries, MarketData> {
    private final int fastPeriod;
    private final int slowPeriod;

    public SmaCrossMarket(int fastPeriod, int slowPeriod) {
        if (fastPeriod < 1 || slowPeriod <= fastPeriod) {
            throw new IllegalArgumentException("SMA periods must satisfy 1 <= fast < slow, got " + fastPeriod + "/"
                    + slowPeriod);
        }
        this.fastPeriod = fastPeriod;
        this.slowPeriod = slowPeriod;
    }

    @Override
    public MarketData apply(CandleSeries candles) {
        int n = candles.size();
        float[] values = new float[2 * n];
        boolean[] usable = new boolean[n];
        double fastSum = 0;
        double slowSum = 0;
        int lastFiller = -1;
        // The mean as sum times the reciprocal: a multiplication per bar instead of a division.
        double fastScale = 1.0 / fastPeriod;
        double slowScale = 1.0 / slowPeriod;
        for (int i = 0; i < n; i++) {
            double close = candles.close(i);
            fastSum += close;
            slowSum += close;
            if (i >= fastPeriod) {
                fastSum -= candles.close(i - fastPeriod);
            }
            if (i >= slowPeriod) {
                slowSum -= candles.close(i - slowPeriod);
            }
            values[2 * i] = i >= fastPeriod - 1 ? (float) (fastSum * fastScale) : Float.NaN;
            values[2 * i + 1] = i >= slowPeriod - 1 ? (float) (slowSum * slowScale) : Float.NaN;
            if (candles.isFiller(i)) {
                lastFiller = i;
            }
            // Bars [i - slow, i] are the slow windows of i and i - 1.
            usable[i] = i >= slowPeriod && i - lastFiller > slowPeriod;
        }
        FeatureMatrix features = FeatureMatrix.of(List.of(new FeatureColumn(SmaCrossPolicy.FAST_COLUMN, fastPeriod - 1),
                new FeatureColumn(SmaCrossPolicy.SLOW_COLUMN, slowPeriod - 1)), values, usable, false);
        return new MarketData(candles, features, features, new byte[n], null);
    }
}
