package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.agent.rules.RandomPolicy;
import dev.shadowtrainer.agent.rules.TrendRulePolicy;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.features.RollingNormaliser;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.market.CandleRequest;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.DataException;
import dev.shadowtrainer.market.FileCandleSource;
import dev.shadowtrainer.market.SeriesId;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.pipeline.LookaheadDifference.Kind;
import dev.shadowtrainer.pipeline.LookaheadDifference.Variant;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MarketView;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.ShadowTrades;
import dev.shadowtrainer.sim.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The lookahead check on real BTC candles: the real pipeline is clean, and a feature, a policy and a
 * shadow-trade statistic that each read one step into the future are caught under the right kind, while
 * the same code reading only the past is not.
 */
class LookaheadCheckTest {
    /** 3000 bars (about a month of 15m candles) keep each check near a second. */
    private static final int BARS = 3000;
    private static final int SAMPLES = 10;
    private static final int STATE_DIM = 80;
    private static final long SEED = 42;
    private static final double EQUITY = 10_000;
    private static final int NORMALISATION_WINDOW = 500;

    private final CandleSeries series = Btc.SERIES;
    private final MarketPreparation preparation = new MarketPreparation(NORMALISATION_WINDOW);
    private final int from = preparation.leadInBars();
    private final ExecutionConfig execution = ExecutionConfig.from(
            new ConfigLoader().load(null, Map.of(), Map.of()).training().shadowTrading(), Timeframe.M15);

    /** The first {@value #BARS} real 15m BTC candles of the shared data, read once. */
    private static final class Btc {
        static final CandleSeries SERIES = load().slice(0, BARS);

        private static CandleSeries load() {
            SeriesId id = new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M15);
            FileCandleSource file = new FileCandleSource(SharedData.binance2025("BTCUSDT_15m.csv"));
            return CandleSeries.of(id, file.load(new CandleRequest(id, 1)));
        }
    }

    private LookaheadReport check(Function<CandleSeries, MarketData> prepare, Function<MarketData, Policy> policies,
                                  Function<MarketData, MemoryLookup> memories) {
        return new LookaheadCheck(prepare, policies, memories, execution, STATE_DIM)
                .run(series, from, SAMPLES, EQUITY, SEED);
    }

    private LookaheadReport checkRulePolicyWith(Function<CandleSeries, MarketData> prepare) {
        return check(prepare, data -> new TrendRulePolicy(), data -> new ShadowStatistics());
    }

    @Test
    void theRealPipelineIsCleanAndTheCheckComparedRealWork() {
        LookaheadReport report = checkRulePolicyWith(preparation);

        assertThat(report.differences()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.policy()).isEqualTo("trend-rule");
        assertThat(report.cutPoints()).hasSize(SAMPLES).isSorted().doesNotHaveDuplicates();
        int range = BARS - from;
        assertThat(report.cutPoints().get(0)).isBetween(from, from + range / 5);
        assertThat(report.cutPoints().get(SAMPLES - 1)).isBetween(BARS - range / 5, BARS - 2);
        assertThat(report.compared().decisions()).isGreaterThan(SAMPLES * 100L);
        assertThat(report.compared().fills()).isPositive();
        assertThat(report.compared().shadowTrades()).isPositive();
        assertThat(report.compared().postExitWindows()).isPositive();
        assertThat(report.lines()).last().asString()
                .isEqualTo("checked 10 decision points x 2 variants (cut, garbage) over " + range + " bars: no lookahead");
    }

    @Test
    void aBusyRandomTraderIsCleanTooSoEndOfDataClosesAreNotTakenForLeaks() {
        // In a position or with an order pending at most cut points: the cut run's forced closes and
        // cancelled orders at its last bar must not count as differences.
        LookaheadReport report = check(preparation, data -> new RandomPolicy(0.3, 0.2), data -> new ShadowStatistics());

        assertThat(report.differences()).isEmpty();
        assertThat(report.compared().fills()).isGreaterThan(1000);
    }

    @Test
    void aFeatureThatReadsTheNextBarIsCaught() {
        LookaheadReport leaky = checkRulePolicyWith(new WithReturnColumn(preparation, +1));

        assertThat(leaky.clean()).isFalse();
        assertThat(leaky.found(Kind.FEATURE)).isTrue();
        assertThat(leaky.differences()).filteredOn(d -> d.kind() == Kind.FEATURE)
                .allSatisfy(d -> assertThat(d.name()).isEqualTo("next_return_1"))
                .extracting(LookaheadDifference::variant).contains(Variant.CUT, Variant.GARBAGE);
        // The leak shows at the decision point itself: that bar's value is the one that reads t+1.
        assertThat(leaky.differences()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(Kind.FEATURE);
            assertThat(d.bar()).isEqualTo(d.cutAfter());
        });
        assertThat(leaky.leakyCutPoints()).isEqualTo(leaky.cutPoints());
        assertThat(leaky.lines()).anySatisfy(l -> assertThat(l).startsWith("LOOKAHEAD feature next_return_1 at bar "));
        assertThat(leaky.lines()).last().asString().contains(": LOOKAHEAD, ");

        LookaheadReport honest = checkRulePolicyWith(new WithReturnColumn(preparation, -1));
        assertThat(honest.differences()).isEmpty();
        assertThat(honest.clean()).isTrue();
    }

    @Test
    void aPolicyThatPeeksAtTheNextCloseIsCaught() {
        LookaheadReport leaky = check(preparation, data -> new CloseOracle(data.candles(), 1),
                data -> new ShadowStatistics());

        assertThat(leaky.found(Kind.ACTION)).isTrue();
        assertThat(leaky.differences()).filteredOn(d -> d.kind() == Kind.ACTION)
                .allSatisfy(d -> assertThat(d.variant()).isEqualTo(Variant.GARBAGE))
                .anySatisfy(d -> assertThat(d.bar()).isEqualTo(d.cutAfter()));
        assertThat(leaky.found(Kind.FEATURE)).isFalse();
        assertThat(leaky.found(Kind.MEMORY)).isFalse();

        LookaheadReport honest = check(preparation, data -> new CloseOracle(data.candles(), 0),
                data -> new ShadowStatistics());
        assertThat(honest.differences()).isEmpty();
        assertThat(honest.compared().fills()).isPositive();
    }

    @Test
    void aShadowTradeStatisticThatCountsTradesByEntryBarIsCaught() {
        LookaheadReport leaky = checkRulePolicyWith(preparation, data -> new ForesightWinRate(data.candles(),
                execution.maxHoldBars()));

        assertThat(leaky.found(Kind.MEMORY)).isTrue();
        assertThat(leaky.differences()).filteredOn(d -> d.kind() == Kind.MEMORY)
                .allSatisfy(d -> assertThat(d.name()).startsWith("memory["))
                .extracting(LookaheadDifference::variant).contains(Variant.CUT, Variant.GARBAGE);
        assertThat(leaky.found(Kind.FEATURE)).isFalse();
        assertThat(leaky.found(Kind.OBSERVATION)).isFalse();

        LookaheadReport honest = checkRulePolicyWith(preparation, data -> new ResolvedWinRate());
        assertThat(honest.differences()).isEmpty();
        assertThat(honest.compared().shadowTrades()).isPositive();
    }

    @Test
    void theNearestTradesIndexOfTheTradeMemoryIsClean() {
        LookaheadReport report = checkRulePolicyWith(preparation,
                data -> new NearestTrades(data, 256, 10, NearestTrades.Past.NONE));

        assertThat(report.differences()).isEmpty();
        assertThat(report.compared().shadowTrades()).isPositive();
        assertThat(report.compared().decisions()).isGreaterThan(SAMPLES * 100L);
    }

    private LookaheadReport checkRulePolicyWith(Function<CandleSeries, MarketData> prepare,
                                                Function<MarketData, MemoryLookup> memories) {
        return check(prepare, data -> new TrendRulePolicy(), memories);
    }

    @Test
    void decisionPointsAreDeterministicSpreadAndDistinct() {
        int[] bars = new int[1000];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = 500 + 2 * i;
        }
        int[] a = LookaheadCheck.sample(bars, 20, 7);
        assertThat(a).isEqualTo(LookaheadCheck.sample(bars, 20, 7)).isSorted().doesNotHaveDuplicates();
        assertThat(a).isNotEqualTo(LookaheadCheck.sample(bars, 20, 8));
        for (int s = 0; s < 20; s++) {
            assertThat(a[s]).as("point %d lies in its own twentieth", s).isBetween(500 + 100 * s, 500 + 100 * s + 98);
        }
        assertThat(LookaheadCheck.sample(new int[] {3, 4, 5}, 3, 1)).containsExactly(3, 4, 5);
    }

    @Test
    void tooFewDecisionBarsForTheSamplesIsInsufficientData() {
        LookaheadCheck check = new LookaheadCheck(preparation, data -> new TrendRulePolicy(),
                data -> new ShadowStatistics(), execution, STATE_DIM);
        assertThatThrownBy(() -> check.run(series, from, BARS, EQUITY, SEED))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("decision points were asked for");
    }

    /**
     * The market data of a preparation plus one return column: {@code offset} +1 is the return into the
     * next bar (reads t+1, the classic leak of a shifted label), -1 the return out of the previous bar.
     * The leaky one fills its last bar with 0, as sloppy code does, so only its values give it away.
     */
    record WithReturnColumn(MarketPreparation base, int offset) implements Function<CandleSeries, MarketData> {
        @Override
        public MarketData apply(CandleSeries candles) {
            MarketData prepared = base.apply(candles);
            FeatureMatrix raw = prepared.rawFeatures();
            int n = candles.size();
            int width = raw.featureCount() + 1;
            float[] values = new float[n * width];
            float[] row = new float[raw.featureCount()];
            for (int i = 0; i < n; i++) {
                raw.copyRow(i, row, 0);
                System.arraycopy(row, 0, values, i * width, row.length);
                int j = i + offset;
                values[i * width + width - 1] = j >= 0 && j < n
                        ? (float) (offset > 0 ? Math.log(candles.close(j) / candles.close(i))
                        : Math.log(candles.close(i) / candles.close(j)))
                        : 0f;
            }
            List<FeatureColumn> columns = new ArrayList<>(raw.columns());
            columns.add(new FeatureColumn(offset > 0 ? "next_return_1" : "prev_return_1", 1));
            FeatureMatrix withColumn = FeatureMatrix.of(columns, values, raw.usableFlags(), false);
            FeatureMatrix normalised = new RollingNormaliser(NORMALISATION_WINDOW, RollingNormaliser.DEFAULT_MIN_SAMPLES)
                    .normalise(withColumn);
            return new MarketData(candles, withColumn, normalised, prepared.regimes(), null);
        }
    }

    /**
     * A policy with a back door to the candles of its run: it buys when close[t + lookAhead] is above the
     * close before it and exits otherwise. With lookAhead 1 it trades on the next close (a leak no
     * observation allows); with 0 it is plain momentum on the bar just closed.
     */
    private static final class CloseOracle implements Policy {
        private final CandleSeries candles;
        private final int lookAhead;

        CloseOracle(CandleSeries candles, int lookAhead) {
            this.candles = candles;
            this.lookAhead = lookAhead;
        }

        @Override
        public String name() {
            return "close-oracle";
        }

        @Override
        public Action decide(Observation observation) {
            int bar = observation.market().bar() + lookAhead;
            boolean rising = candles.close(bar) > candles.close(bar - 1);
            if (observation.orderPending()) {
                return observation.inPosition() ? Action.HOLD : Action.DO_NOTHING;
            }
            if (observation.inPosition()) {
                return rising ? Action.HOLD : Action.EXIT;
            }
            return rising ? Action.ENTER_LONG_NORMAL : Action.DO_NOTHING;
        }
    }

    /** Shadow trades entering within this many bars count as recent. */
    private static final int RECENT_BARS = 16;

    /**
     * The leaky statistic: the win rate of the shadow trades entered in the last {@value #RECENT_BARS}
     * bars, counted by entry bar and resolved by walking the run's candles forward to the close
     * {@code holdBars} after entry, so at bar t it knows outcomes that are only decided after t.
     */
    private static final class ForesightWinRate implements MemoryLookup {
        @Override
        public MemoryLookup fresh() {
            return new ForesightWinRate(candles, holdBars);
        }

        private final CandleSeries candles;
        private final int holdBars;

        ForesightWinRate(CandleSeries candles, int holdBars) {
            this.candles = candles;
            this.holdBars = holdBars;
        }

        @Override
        public int width() {
            return 2;
        }

        @Override
        public void describe(MarketView view, float[] target, int offset) {
            int t = view.bar();
            int wins = 0;
            int count = 0;
            for (int decided = t - RECENT_BARS + 1; decided <= t; decided++) {
                int entry = decided + 1;
                int exit = entry + holdBars;
                if (exit < candles.size()) {
                    count++;
                    wins += candles.close(exit) > candles.open(entry) ? 1 : 0;
                }
            }
            target[offset] = count == 0 ? 0.5f : (float) wins / count;
            target[offset + 1] = (float) count / RECENT_BARS;
        }

        @Override
        public void remember(Trade trade) {
        }

        @Override
        public void rememberShadow(ShadowTrades trades, int index) {
        }

        @Override
        public void clear() {
        }
    }

    /**
     * The honest counterpart: the same win rate by entry bar, but only over shadow trades the simulator
     * has handed over, which it does at their exit bar.
     */
    private static final class ResolvedWinRate implements MemoryLookup {
        @Override
        public MemoryLookup fresh() {
            return new ResolvedWinRate();
        }

        private final List<int[]> resolved = new ArrayList<>();

        @Override
        public int width() {
            return 2;
        }

        @Override
        public void describe(MarketView view, float[] target, int offset) {
            int t = view.bar();
            int wins = 0;
            int count = 0;
            // Rows arrive in exit order and a trade exits after it enters, so older rows cannot be recent.
            for (int k = resolved.size() - 1; k >= 0 && resolved.get(k)[1] > t - RECENT_BARS; k--) {
                int[] row = resolved.get(k);
                if (row[0] > t - RECENT_BARS) {
                    count++;
                    wins += row[2];
                }
            }
            target[offset] = count == 0 ? 0.5f : (float) wins / count;
            target[offset + 1] = (float) count / RECENT_BARS;
        }

        @Override
        public void remember(Trade trade) {
        }

        @Override
        public void rememberShadow(ShadowTrades trades, int index) {
            resolved.add(new int[] {trades.decisionBar(index), trades.exitBar(index), trades.isWin(index) ? 1 : 0});
        }

        @Override
        public void clear() {
            resolved.clear();
        }
    }
}
