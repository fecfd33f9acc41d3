package dev.shadowtrainer.agent.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.pipeline.GarbageFuture;
import dev.shadowtrainer.pipeline.MarketPreparation;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.Simulator;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TradingVectorEnvTest {
    private static final SeriesId ID = new SeriesId("test", Symbol.parse("BTC/USDT"), Timeframe.M15);
    private static final long T0 = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
    private static final int STATE = 16;
    private static final int N = Action.count();

    /** No fees, no slippage, stop 1%, target 2%, max hold 8 bars, breakers off. */
    private static ExecutionConfig frictionless() {
        return new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 100, 200, 8, 0, 0, 0, false, 2, 3,
                0.0, 20, 0, 0);
    }

    /** Flat bars at 100 with a tiny range; bar {@code up} rises to 103 (through a 2% target). */
    private static MarketData market(int bars, int up) {
        CandleSeries.Builder b = CandleSeries.builder(ID, bars);
        for (int i = 0; i < bars; i++) {
            double p = 100;
            if (i == up) {
                b.add(T0 + i * Timeframe.M15.millis(), p, 103, p * 0.9999, 103, 1);
            } else {
                double level = i > up ? 103 : p;
                b.add(T0 + i * Timeframe.M15.millis(), level, level * 1.0001, level * 0.9999, level, 1);
            }
        }
        CandleSeries candles = b.build();
        float[] values = new float[bars];
        boolean[] usable = new boolean[bars];
        Arrays.fill(usable, true);
        FeatureMatrix f = FeatureMatrix.of(List.of(new FeatureColumn("x", 0)), values, usable, true);
        return new MarketData(candles, f, f, new byte[bars], null);
    }

    private static TradingVectorEnv env(MarketData data, ExecutionConfig config, int numEnvs, int from, int to,
                                        int episodeBars) {
        return new TradingVectorEnv(() -> new Simulator(data, config, STATE, new EventBus(), new ShadowStatistics(),
                EntryFilter.NONE, true), numEnvs, from, to, episodeBars, new DefaultReward(), 10_000);
    }

    @Test
    void aTakeProfitPaysItsPnlInPercentOfThePositionAtTheStepThatClosesIt() {
        MarketData data = market(40, 5);
        TradingVectorEnv env = env(data, frictionless(), 1, 0, 40, 40);
        float[] obs = new float[STATE];
        float[] rewards = new float[1];
        boolean[] dones = new boolean[1];
        env.reset(3, obs);
        assertThat(env.bar(0)).isZero();
        float total = 0;
        // Bar 0: enter (fills at bar 1's open, 100); bars 1-3 hold; bar 4's decision holds and bar 5 hits 102.
        int[] script = {Action.ENTER_LONG_NORMAL.ordinal(), Action.HOLD.ordinal(), Action.HOLD.ordinal(),
            Action.HOLD.ordinal(), Action.HOLD.ordinal()};
        for (int a : script) {
            env.step(new int[] {a}, obs, rewards, dones);
            if (env.bar(0) < 5) {
                assertThat(rewards[0]).isZero();
            }
            total += rewards[0];
        }
        assertThat(env.bar(0)).isEqualTo(5);
        // 1000 notional at 100, out at the 102 target: +20 quote = +2% of the position, no fees.
        assertThat(total).isCloseTo(2.0f, within(1e-5f));
        assertThat(dones[0]).isFalse();
    }

    @Test
    void theMissedOpportunityPenaltyChargesWhatThePriceDidWithinFourHoursAfterTheExit() {
        float reward = enterThenExitReward(40);
        // The exit's step pays pnl 0 (flat prices, no fees) minus half the 4h missed profit: within the 16
        // bars after the exit the high reaches 103 * 1.0001, and 10 units were held.
        double missedQuote = 10 * (103 * 1.0001 - 100);
        double expected = 0.0 - 0.5 * missedQuote * 100 / 1000;
        assertThat((double) reward).isCloseTo(expected, within(1e-4));
    }

    @Test
    void theMissedProfitNeverLooksPastTheEndOfTheTrainingRange() {
        // The same trade, but the training range ends at bar 5, before the rise at bar 5: the purge gap
        // and the test window after it must not reach even the rewards, so nothing was missed.
        float reward = enterThenExitReward(5);
        // the best high in bars 3..4 is 100 * 1.0001: 10 units missed 0.001 quote each
        double expected = 0.0 - 0.5 * 10 * (100 * 1.0001 - 100) * 100 / 1000;
        assertThat((double) reward).isCloseTo(expected, within(1e-6));
    }

    /**
     * On the flat market that rises at bar 5, with a training range [0, to) and half the missed profit
     * charged: enter at bar 0 (fills at bar 1's open, 100), exit at bar 1 (bar 2's open, 100); the
     * reward of the exit's step.
     */
    private static float enterThenExitReward(int to) {
        MarketData data = market(40, 5);
        TradingVectorEnv env = new TradingVectorEnv(() -> new Simulator(data, frictionless(), STATE), 1, 0, to, to,
                reward(new RewardWeights(1.0, 0.5, 0.0)), 10_000);
        float[] obs = new float[STATE];
        float[] rewards = new float[1];
        boolean[] dones = new boolean[1];
        env.reset(3, obs);
        env.step(new int[] {Action.ENTER_LONG_NORMAL.ordinal()}, obs, rewards, dones);
        env.step(new int[] {Action.EXIT.ordinal()}, obs, rewards, dones);
        return rewards[0];
    }

    private static RewardFunction reward(RewardWeights weights) {
        DefaultReward r = new DefaultReward();
        r.configure(weights);
        return r;
    }

    @Test
    void masksFollowThePositionAndInvalidChoicesAreMarked() {
        MarketData data = market(40, 30);
        TradingVectorEnv env = env(data, frictionless(), 1, 0, 40, 40);
        float[] obs = new float[STATE];
        boolean[] mask = new boolean[N];
        env.reset(1, obs);
        env.actionMask(mask);
        assertThat(allowed(mask)).containsExactly(Action.ENTER_LONG_SMALL, Action.ENTER_LONG_NORMAL,
                Action.ENTER_LONG_LARGE, Action.DO_NOTHING);
        env.step(new int[] {Action.ENTER_LONG_LARGE.ordinal()}, obs, new float[1], new boolean[1]);
        env.actionMask(mask);
        assertThat(allowed(mask)).containsExactly(Action.HOLD, Action.EXIT);
    }

    private static List<Action> allowed(boolean[] mask) {
        return Arrays.stream(Action.values()).filter(a -> mask[a.ordinal()]).toList();
    }

    @Test
    void episodesEndResetAndStayInsideTheTrainingRange() {
        MarketData data = market(200, 1000);
        int from = 20;
        int to = 150;
        TradingVectorEnv env = env(data, frictionless(), 3, from, to, 30);
        float[] obs = new float[3 * STATE];
        float[] rewards = new float[3];
        boolean[] dones = new boolean[3];
        env.reset(9, obs);
        int doneCount = 0;
        SplittableRandom r = new SplittableRandom(5);
        for (int s = 0; s < 300; s++) {
            int[] actions = new int[3];
            boolean[] mask = new boolean[3 * N];
            env.actionMask(mask);
            for (int i = 0; i < 3; i++) {
                actions[i] = randomAllowed(r, mask, i);
            }
            env.step(actions, obs, rewards, dones);
            for (int i = 0; i < 3; i++) {
                assertThat(env.bar(i)).isBetween(from, to - 2);
                doneCount += dones[i] ? 1 : 0;
            }
        }
        // 29 decisions per 30-bar episode: 300 steps end about 10 episodes in each of the 3 environments.
        assertThat(doneCount).isBetween(27, 33);
        assertThat(env.episodes(0)).isGreaterThan(9);
    }

    @Test
    void theSameSeedGivesTheSameEpisodesAndObservations() {
        MarketData data = new MarketPreparation(500).apply(synthetic(3_000));
        float[][] a = rollout(data, 4, 77);
        float[][] b = rollout(data, 4, 77);
        float[][] c = rollout(data, 4, 78);
        assertThat(a).isDeepEqualTo(b);
        assertThat(Arrays.deepEquals(a, c)).isFalse();
    }

    @Test
    void observationsNeverDependOnBarsAfterTheDecision() {
        CandleSeries candles = synthetic(3_000);
        int cut = 2_000;
        CandleSeries garbage = GarbageFuture.after(candles, cut, 99);
        MarketPreparation prep = new MarketPreparation(500);
        // One environment whose single episode covers the cut: decisions up to the cut see the same past.
        float[][] real = rolloutWindow(prep.apply(candles), 1_000, 2_500);
        float[][] fake = rolloutWindow(prep.apply(garbage), 1_000, 2_500);
        int decisionsBeforeCut = 0;
        for (int s = 0; s < real.length && real[s][80] <= cut; s++) {
            assertThat(fake[s]).as("step %d", s).isEqualTo(real[s]);
            decisionsBeforeCut++;
        }
        assertThat(decisionsBeforeCut).isGreaterThan(900);
        assertThat(Arrays.deepEquals(real, fake)).isFalse();
    }

    /** A uniformly random action among those environment {@code env}'s mask allows. */
    private static int randomAllowed(SplittableRandom random, boolean[] mask, int env) {
        int a;
        do {
            a = random.nextInt(N);
        } while (!mask[env * N + a]);
        return a;
    }

    private static CandleSeries synthetic(int bars) {
        return new SyntheticMarket(13).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
                Instant.parse("2024-01-01T00:00:00Z"), bars).series();
    }

    private static ExecutionConfig defaults() {
        return new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 15, 20, 8, 2, 5, 1, false, 2, 3,
                0.52, 20, 96, 100);
    }

    /** Observations of 200 steps of 4 environments with seeded random valid actions. */
    private static float[][] rollout(MarketData data, int numEnvs, long seed) {
        int state = 80;
        TradingVectorEnv env = new TradingVectorEnv(() -> new Simulator(data, defaults(), state), numEnvs, 600, 2_900,
                300, new DefaultReward(), 10_000);
        float[] obs = new float[numEnvs * state];
        float[] rewards = new float[numEnvs];
        boolean[] dones = new boolean[numEnvs];
        boolean[] mask = new boolean[numEnvs * N];
        env.reset(seed, obs);
        SplittableRandom r = new SplittableRandom(1);
        float[][] seen = new float[200][];
        for (int s = 0; s < 200; s++) {
            env.actionMask(mask);
            int[] actions = new int[numEnvs];
            for (int i = 0; i < numEnvs; i++) {
                actions[i] = randomAllowed(r, mask, i);
            }
            env.step(actions, obs, rewards, dones);
            seen[s] = obs.clone();
        }
        return seen;
    }

    /** Each step's observation plus the bar it was taken at, for one episode over [from, to). */
    private static float[][] rolloutWindow(MarketData data, int from, int to) {
        int state = 80;
        TradingVectorEnv env = new TradingVectorEnv(() -> new Simulator(data, defaults(), state), 1, from, to,
                to - from, new DefaultReward(), 10_000);
        float[] obs = new float[state];
        float[] rewards = new float[1];
        boolean[] dones = new boolean[1];
        boolean[] mask = new boolean[N];
        env.reset(4, obs);
        SplittableRandom r = new SplittableRandom(2);
        List<float[]> seen = new java.util.ArrayList<>();
        while (true) {
            float[] row = Arrays.copyOf(obs, state + 1);
            row[state] = env.bar(0);
            seen.add(row);
            env.actionMask(mask);
            env.step(new int[] {randomAllowed(r, mask, 0)}, obs, rewards, dones);
            if (dones[0]) {
                return seen.toArray(new float[0][]);
            }
        }
    }
}
