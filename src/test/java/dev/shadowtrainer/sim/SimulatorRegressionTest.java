package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.agent.rules.RandomPolicy;
import dev.shadowtrainer.agent.rules.TrendRulePolicy;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticHistory;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.pipeline.MarketPreparation;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the complete outcome of fixed runs on seeded synthetic data (every trade field, every equity
 * value, every shadow trade, every post-exit row and counter, bit for bit) so that speed work on the
 * simulator cannot change what it computes. The pinned values were recorded before any optimisation;
 * a change here means the simulator's behaviour changed and needs a reason of its own.
 */
class SimulatorRegressionTest {
    private static final Symbol BTC = new Symbol("BTC", "USDT");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    // Recorded from the simulator before any speed work (986da18); C re-recorded on main's unoptimised
    // simulator after its fix that ends a shadow trade timed out at the last close with the data (one
    // more shadow trade, 5509), and the optimised simulator matches it.
    private static final int PINNED_A_TRADES = 865;
    private static final int PINNED_A_SHADOWS = 7732;
    private static final double PINNED_A_EQUITY = 8759.24387510441;
    private static final String PINNED_A_DIGEST = "fe5146becd618d09bcac417bb2f66e34";
    private static final int PINNED_B_TRADES = 927;
    private static final int PINNED_B_SHADOWS = 29825;
    private static final double PINNED_B_EQUITY = 8901.237787296941;
    private static final String PINNED_B_DIGEST = "8d928112de88846f775759533cd9afeb";
    private static final int PINNED_C_TRADES = 475;
    private static final int PINNED_C_SHADOWS = 5509;
    private static final double PINNED_C_EQUITY = 9429.3420244843;
    private static final String PINNED_C_DIGEST = "a9f4e1b0dc9b8695e4df3c6757630bae";
    private static final int PINNED_D_TRADES = 344;
    private static final int PINNED_D_SHADOWS = 3732;
    private static final double PINNED_D_EQUITY = 9638.533570827007;
    private static final String PINNED_D_DIGEST = "36032ccc76638060976710488188ffb7";

    /** The shipped shadow_trading defaults, written out so a change of config/base.yaml cannot move the pins. */
    static ExecutionConfig defaultsFor(Timeframe timeframe) {
        return defaults(timeframe);
    }

    private static ExecutionConfig defaults(Timeframe timeframe) {
        long minutes = timeframe.duration().toMinutes();
        int maxHoldBars = (int) Math.max(1, (120 + minutes - 1) / minutes);
        return new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 15, 20, maxHoldBars, 2, 5, 1, false,
                2, 3, 0.52, 20, 96, 100);
    }

    @Test
    void trendRuleOnFifteenMinuteFeatures() {
        CandleSeries candles = new SyntheticMarket(7).generate(BTC, Timeframe.M15, START, 8_000).series();
        MarketData data = new MarketPreparation(500).apply(candles);
        SimulationResult r = new Simulator(data, defaults(Timeframe.M15), 80)
                .run(new TrendRulePolicy(), 0, data.size(), 10_000, 5);

        print("trend-rule 15m", r);
        assertThat(r.trades()).hasSize(PINNED_A_TRADES);
        assertThat(r.shadowTrades().size()).isEqualTo(PINNED_A_SHADOWS);
        assertThat(r.finalEquity()).isEqualTo(PINNED_A_EQUITY);
        assertThat(fingerprint(r)).isEqualTo(PINNED_A_DIGEST);
    }

    @Test
    void randomPolicyOnOneMinuteBarsWithGaps() {
        SyntheticHistory history = new SyntheticMarket(11).generate(BTC, Timeframe.M1, START, 30_000);
        MarketData data = oneMinuteData(history, 3);
        SimulationResult r = new Simulator(data, defaults(Timeframe.M1), 80)
                .run(new RandomPolicy(), 100, data.size() - 50, 10_000, 3);

        print("random 1m", r);
        assertThat(r.trades()).hasSize(PINNED_B_TRADES);
        assertThat(r.shadowTrades().size()).isEqualTo(PINNED_B_SHADOWS);
        assertThat(r.finalEquity()).isEqualTo(PINNED_B_EQUITY);
        assertThat(fingerprint(r)).isEqualTo(PINNED_B_DIGEST);
    }

    @Test
    void makerEntriesWithLeverage() {
        CandleSeries candles = new SyntheticMarket(23).generate(BTC, Timeframe.M15, START, 6_000).series();
        MarketData data = new MarketPreparation(500).apply(candles);
        ExecutionConfig config = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 50, 0.005, 200, 100, 8, 2, 5,
                1, true, 2, 3, 0.0, 10, 20, 0);
        SimulationResult r = new Simulator(data, config, 80).run(new RandomPolicy(0.2, 0.1), 0, data.size(), 10_000, 9);

        print("maker x50 15m", r);
        assertThat(r.counts().liquidations()).isPositive();
        assertThat(r.counts().makerExpired()).isPositive();
        assertThat(r.counts().shadowMakerExpired()).isPositive();
        assertThat(r.trades()).hasSize(PINNED_C_TRADES);
        assertThat(r.shadowTrades().size()).isEqualTo(PINNED_C_SHADOWS);
        assertThat(r.finalEquity()).isEqualTo(PINNED_C_EQUITY);
        assertThat(fingerprint(r)).isEqualTo(PINNED_C_DIGEST);
    }

    @Test
    void lowerTimeframeAndDailyLossBreaker() {
        CandleSeries minutes = new SyntheticMarket(29).generate(BTC, Timeframe.M1, START, 15 * 4_000).series();
        CandleSeries quarters = aggregate(minutes, 15, Timeframe.M15);
        MarketData data = new MarketPreparation(500).apply(quarters).withLowerTimeframe(minutes);
        ExecutionConfig config = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 30, 30, 8, 2, 5, 1,
                false, 2, 3, 0.0, 20, 96, 15);
        SimulationResult r = new Simulator(data, config, 80).run(new RandomPolicy(0.3, 0.1), 0, data.size(), 10_000, 4);

        print("lower timeframe 15m/1m", r);
        assertThat(r.counts().resolvedByLowerTimeframe()).isPositive();
        assertThat(r.counts().dailyLossTrips()).isPositive();
        assertThat(r.trades()).hasSize(PINNED_D_TRADES);
        assertThat(r.shadowTrades().size()).isEqualTo(PINNED_D_SHADOWS);
        assertThat(r.finalEquity()).isEqualTo(PINNED_D_EQUITY);
        assertThat(fingerprint(r)).isEqualTo(PINNED_D_DIGEST);
    }

    /** 1m candles with three gaps of filler bars, one feature (the bar's return) and the generator's regimes. */
    static MarketData oneMinuteData(SyntheticHistory history, int gaps) {
        CandleSeries s = history.series();
        int n = s.size();
        CandleSeries.Builder b = CandleSeries.builder(s.id(), n);
        double previousClose = s.close(0);
        for (int i = 0; i < n; i++) {
            boolean filler = i > 0 && (i % (n / (gaps + 1))) < 7 && i >= n / (gaps + 1);
            if (filler) {
                b.addFiller(s.openTime(i), previousClose);
            } else {
                b.addBar(s, i);
                previousClose = s.close(i);
            }
        }
        CandleSeries candles = b.build();
        float[] values = new float[n];
        boolean[] usable = new boolean[n];
        byte[] regimes = new byte[n];
        for (int i = 1; i < n; i++) {
            values[i] = (float) (candles.close(i) / candles.close(i - 1) - 1);
            usable[i] = !candles.isFiller(i) && !candles.isFiller(i - 1);
            regimes[i] = (byte) history.regime(i).ordinal();
        }
        FeatureMatrix features = FeatureMatrix.of(List.of(new FeatureColumn("return_1", 1)), values, usable, false);
        return new MarketData(candles, features, features, regimes, null);
    }

    static CandleSeries aggregate(CandleSeries fine, int factor, Timeframe timeframe) {
        int n = fine.size() / factor;
        SeriesId id = new SeriesId(fine.id().exchange(), fine.id().symbol(), timeframe);
        CandleSeries.Builder b = CandleSeries.builder(id, n);
        for (int k = 0; k < n; k++) {
            int first = k * factor;
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            double volume = 0;
            for (int i = first; i < first + factor; i++) {
                high = Math.max(high, fine.high(i));
                low = Math.min(low, fine.low(i));
                volume += fine.volume(i);
            }
            b.add(fine.openTime(first), fine.open(first), high, low, fine.close(first + factor - 1), volume);
        }
        return b.build();
    }

    private static void print(String name, SimulationResult r) {
        System.out.printf("%s: trades %d, shadows %d, equity %s, digest %s, counts %s%n", name, r.trades().size(),
                r.shadowTrades().size(), Double.toString(r.finalEquity()), fingerprint(r), r.counts());
    }

    /** SHA-256 over every number a run produces, as raw bits, so any change shows. */
    static String fingerprint(SimulationResult r) {
        Digest d = new Digest();
        d.longs(r.from(), r.to(), r.trades().size(), r.shadowTrades().size());
        for (double e : r.equity()) {
            d.dbl(e);
        }
        d.dbl(r.feesPaid());
        SimulationCounts c = r.counts();
        d.longs(c.invalidActions(), c.lowConfidenceSkips(), c.ambiguousBars(), c.resolvedByLowerTimeframe(),
                c.liquidations(), c.winRateTrips(), c.dailyLossTrips(), c.breakerBlockedEntries(),
                c.filterBlockedEntries(), c.makerExpired(), c.shadowMakerExpired(), c.barsInPosition());
        for (Trade t : r.trades()) {
            trade(d, t);
            for (float v : t.entryObservation()) {
                d.longs(Float.floatToRawIntBits(v));
            }
        }
        ShadowTrades s = r.shadowTrades();
        for (int i = 0; i < s.size(); i++) {
            trade(d, s.trade(i, 1.0, 0, 0));
        }
        postExit(d, r.agentPostExit());
        postExit(d, r.shadowPostExit());
        return d.hex();
    }

    private static void trade(Digest d, Trade t) {
        d.longs(t.traceId(), t.kind().ordinal(), t.entryBar(), t.exitBar(), t.entryTime(), t.exitTime(),
                t.exitReason().ordinal(), t.entryRegime(), t.exitRegime());
        d.dbl(t.entryPrice());
        d.dbl(t.exitPrice());
        d.dbl(t.sizeMultiplier());
        d.dbl(t.notional());
        d.dbl(t.quantity());
        d.dbl(t.leverage());
        d.dbl(t.fees());
        d.dbl(t.pnl());
        d.dbl(t.pnlPercent());
        d.dbl(t.mfePercent());
        d.dbl(t.maePercent());
    }

    private static void postExit(Digest d, PostExitTracker p) {
        d.longs(p.size());
        for (int i = 0; i < p.size(); i++) {
            d.longs(p.exitBar(i), p.verdict(i).ordinal());
            for (int w = 0; w < PostExitTracker.WINDOW_MINUTES.length; w++) {
                d.dbl(p.priceAfter(w, i));
                d.dbl(p.bestAfter(w, i));
            }
            d.dbl(p.missedProfit(i));
        }
    }

    private static final class Digest {
        private final MessageDigest sha;
        private final ByteBuffer buffer = ByteBuffer.allocate(8);

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void longs(long... values) {
            for (long v : values) {
                buffer.clear();
                sha.update(buffer.putLong(v).array());
            }
        }

        void dbl(double v) {
            longs(Double.doubleToRawLongBits(v));
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        }
    }
}
