package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.agent.env.NetworkPolicy;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.pipeline.LookaheadDifference.Kind;
import dev.shadowtrainer.pipeline.LookaheadDifference.Variant;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MemoryLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The lookahead check of a network with its reruns in lockstep (one batched forward pass per step): it
 * compares the same runs as the check that runs a fresh {@link NetworkPolicy} per run, still catches a
 * leaky feature, and a run's record does not depend on which other runs share its forward passes.
 */
class NetworkLookaheadCheckTest {
    private static final int STATE_DIM = 80;
    private static final int SAMPLES = 6;
    private static final long SEED = 42;
    private static final double EQUITY = 10_000;

    private final MarketPreparation preparation = new MarketPreparation(500);
    private final ExecutionConfig execution = ExecutionConfig.from(
            new ConfigLoader().load(null, Map.of(), Map.of()).training().shadowTrading(), Timeframe.M15);
    private final CandleSeries series = new SyntheticMarket(11).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
            Instant.parse("2025-01-01T00:00:00Z"), 1700).series();
    private final int from = preparation.leadInBars();
    private final ActorCritic network = trader();
    private final Function<MarketData, MemoryLookup> memories =
            data -> new NearestTrades(data, 64, 10, NearestTrades.Past.NONE);

    /** A network with weights large enough that it enters, holds and exits, so fills are compared too. */
    private static ActorCritic trader() {
        ActorCritic net = ActorCritic.create(STATE_DIM, Action.count(), new int[] {16, 16}, 3);
        float[] params = net.params();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (0.4 * random.nextGaussian());
        }
        net.setParams(params);
        return net;
    }

    private LookaheadReport lockstep(Function<dev.shadowtrainer.market.CandleSeries, MarketData> prepare) {
        return LookaheadCheck.ofNetwork(prepare, "ppo", network, memories, execution, STATE_DIM)
                .run(series, from, SAMPLES, EQUITY, SEED);
    }

    @Test
    void aCleanNetworkIsCleanAndTheSameRunsAreComparedAsOneRunAtATime() {
        LookaheadReport batched = lockstep(preparation);
        LookaheadReport oneByOne = new LookaheadCheck(preparation, data -> new NetworkPolicy("ppo", network),
                memories, execution, STATE_DIM).run(series, from, SAMPLES, EQUITY, SEED);

        assertThat(batched.clean()).isTrue();
        assertThat(batched.differences()).isEmpty();
        assertThat(oneByOne.clean()).isTrue();
        assertThat(batched.policy()).isEqualTo("ppo");
        assertThat(batched.cutPoints()).hasSize(SAMPLES).isEqualTo(oneByOne.cutPoints());
        // The same decisions are compared; fills could differ if a last-bit rounding flipped a near tie.
        assertThat(batched.compared().decisions()).isEqualTo(oneByOne.compared().decisions());
        assertThat(batched.compared().featureValues()).isEqualTo(oneByOne.compared().featureValues());
        assertThat(batched.compared().decisions()).isGreaterThan(SAMPLES * 100L);
        assertThat(batched.compared().fills()).isPositive();
        assertThat(batched.compared().shadowTrades()).isPositive();
    }

    @Test
    void aFeatureThatReadsTheNextBarIsStillCaught() {
        LookaheadReport leaky = lockstep(new LookaheadCheckTest.WithReturnColumn(preparation, +1));

        assertThat(leaky.clean()).isFalse();
        assertThat(leaky.found(Kind.FEATURE)).isTrue();
        assertThat(leaky.differences()).filteredOn(d -> d.kind() == Kind.FEATURE)
                .extracting(LookaheadDifference::variant).contains(Variant.CUT, Variant.GARBAGE);
        assertThat(leaky.leakyCutPoints()).isEqualTo(leaky.cutPoints());

        assertThat(lockstep(new LookaheadCheckTest.WithReturnColumn(preparation, -1)).clean()).isTrue();
    }

    @Test
    void aRunRecordsTheSameWhicheverRunsShareItsForwardPasses() {
        int n = series.size();
        List<RecordedRun.Spec> specs = List.of(
                new RecordedRun.Spec(preparation.apply(series), from, n),
                new RecordedRun.Spec(preparation.apply(series.slice(0, 1400)), from, 1400),
                new RecordedRun.Spec(preparation.apply(GarbageFuture.after(series, 1100, 9)), from, n));
        int width = 4;
        List<RecordedRun> together = RecordedRun.lockstep(specs, "ppo", network, memories, execution, STATE_DIM,
                EQUITY, SEED, width);
        for (int i = 0; i < specs.size(); i++) {
            // Run i in the same row, every other row holding another run than before.
            List<RecordedRun.Spec> others = new ArrayList<>();
            for (int row = 0; row < width; row++) {
                others.add(specs.get(row == i ? i : (i + 1) % specs.size()));
            }
            RecordedRun shared = together.get(i);
            RecordedRun otherwise = RecordedRun.lockstep(others, "ppo", network, memories, execution, STATE_DIM,
                    EQUITY, SEED, width).get(i);
            assertThat(otherwise.actions).as("run %d", i).isEqualTo(shared.actions);
            assertThat(otherwise.confidence).isEqualTo(shared.confidence);
            assertThat(otherwise.vectors).isDeepEqualTo(shared.vectors);
            assertThat(otherwise.fills).isEqualTo(shared.fills);
            assertThat(otherwise.result.equity()).isEqualTo(shared.result.equity());
            assertThat(otherwise.result.trades()).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(shared.result.trades());
        }
        assertThat(together.get(0).fills).isNotEmpty();
    }

    @Test
    void lockstepDecidesAsTheNetworkPolicyDoesRunByItself() {
        int n = series.size();
        MarketData data = preparation.apply(series);
        RecordedRun batched = RecordedRun.lockstep(List.of(new RecordedRun.Spec(data, from, n)), "ppo", network,
                memories, execution, STATE_DIM, EQUITY, SEED, 2 * SAMPLES).get(0);
        RecordedRun single = RecordedRun.of(new RecordedRun.Spec(data, from, n),
                d -> new NetworkPolicy("ppo", network), memories, execution, STATE_DIM, EQUITY, SEED);

        assertThat(batched.decisionBars()).isEqualTo(single.decisionBars()).hasSizeGreaterThan(900);
        assertThat(batched.actions).isEqualTo(single.actions);
        for (int bar : single.decisionBars()) {
            // A forward pass of 16 rows may round differently from one of a single row, in the last bits only.
            assertThat(batched.confidence[bar]).as("bar %d", bar).isCloseTo(single.confidence[bar], within(1e-5));
        }
        assertThat(batched.result.trades()).hasSameSizeAs(single.result.trades()).isNotEmpty();
    }
}
