package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.agent.env.NetworkPolicy;
import dev.shadowtrainer.agent.env.NetworkSignalModel;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.agent.signals.SignalModel;
import dev.shadowtrainer.features.FeatureColumn;
import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.features.TrendRegimeDetector;
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
import dev.shadowtrainer.sim.Trade;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class MetaStrategyPolicyTest {
    private static final ExecutionConfig CONFIG = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 2, 0.005,
            60, 80, 8, 2, 5, 1, false, 2, 3, 0.0, 20, 0, 0);

    @TempDir
    Path dir;

    private static MarketData market() {
        CandleSeries candles = new SyntheticMarket(5).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
                Instant.parse("2025-01-01T00:00:00Z"), 2000).series();
        int n = candles.size();
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            usable[i] = !candles.isFiller(i);
        }
        List<FeatureColumn> columns = List.of(new FeatureColumn("atr_rel_14", 0));
        float[] raw = new float[n];
        Arrays.fill(raw, 0.004f);
        return new MarketData(candles, FeatureMatrix.of(columns, raw, usable, false),
                FeatureMatrix.of(columns, new float[n], usable, true), new byte[n], null);
    }

    private record Outcome(List<Trade> trades, MetaStrategyPolicy policy) {
    }

    /** Two consecutive windows (folds) with one agent learning across both, as in train. */
    private static Outcome run(long seed, Path file) {
        return run(seed, file, false);
    }

    /** As {@link #run(long, Path)}; with {@code release}, the policy lets go of its signal bars after each window. */
    private static Outcome run(long seed, Path file, boolean release) {
        MarketData data = market();
        byte[] trend = new TrendRegimeDetector().detect(data.candles());
        EventBus bus = new EventBus();
        MetaStrategyPolicy policy = MetaStrategyPolicy.create("v2", TabularAgent.Settings.v2(seed), file, trend,
                10_000).subscribeTo(bus);
        Simulator sim = new Simulator(data, CONFIG, 16, bus, new ShadowStatistics(), EntryFilter.NONE, false);
        List<Trade> trades = new ArrayList<>();
        int half = data.size() / 2;
        SimulationResult a = sim.run(policy, 300, half, 10_000, seed);
        if (release) {
            policy.releaseBars();
        }
        SimulationResult b = sim.run(policy, half, data.size(), 10_000, seed + 1);
        if (release) {
            policy.releaseBars();
        }
        trades.addAll(a.trades());
        trades.addAll(b.trades());
        return new Outcome(trades, policy);
    }

    @Test
    void learnsOncePerClosedTradeAndEndsOneEpisodePerEntry() {
        Outcome o = run(3, null);
        MetaStrategyPolicy p = o.policy();
        assertThat(o.trades()).hasSizeGreaterThan(20);
        assertThat(p.learned()).isEqualTo(o.trades().size());
        AgentStats stats = p.agent().stats();
        assertThat(stats.q().updates()).isEqualTo(o.trades().size());
        // every entry is an episode: closed (learned) or never filled (abandoned)
        assertThat(p.entries()).isEqualTo(p.learned() + p.abandoned());
        assertThat(stats.episodes().finished()).isEqualTo(p.entries());
        // epsilon decayed once per episode from 0.1 by 0.995, floored at 0.01
        assertThat(p.agent().epsilon()).isCloseTo(Math.max(0.01, 0.1 * Math.pow(0.995, p.entries())),
                org.assertj.core.data.Offset.offset(1e-12));
        // the sizes are the weight actions' large/normal/small entries
        for (Trade t : o.trades()) {
            assertThat(t.sizeMultiplier()).isIn(0.5, 1.0, 1.5);
        }
        // the learned actions name the four rule models
        List<String> models = p.agent().space().signalModels();
        assertThat(models).isEqualTo(SignalModel.names(SignalModel.families()));
        assertThat(stats.q().states()).isPositive();
        // abandoned entries are empty episodes (reward 0): the episodes' reward sum is the closed trades' one
        assertThat(p.meanReward() * p.learned()).isCloseTo(stats.episodes().meanReward() * p.entries(),
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theSameSeedGivesTheSameTradesAndTable(@TempDir Path other) {
        Outcome a = run(9, dir.resolve("meta.json"));
        Outcome b = run(9, other.resolve("meta.json"));
        assertThat(pnls(b.trades())).containsExactlyElementsOf(pnls(a.trades()));
        assertThat(rows(b.policy())).isEqualTo(rows(a.policy()));
        a.policy().save();
        assertThat(QTableFile.read(dir.resolve("meta.json")).metadata().totalUpdates())
                .isEqualTo(a.trades().size());
    }

    @Test
    void lettingGoOfTheSignalBarsBetweenRunsChangesNothing(@TempDir Path other) {
        Outcome kept = run(9, dir.resolve("meta.json"));
        Outcome released = run(9, other.resolve("meta.json"), true);
        assertThat(kept.trades()).hasSizeGreaterThan(20);
        assertThat(pnls(released.trades())).containsExactlyElementsOf(pnls(kept.trades()));
        assertThat(rows(released.policy())).isEqualTo(rows(kept.policy()));
        assertThat(released.policy().learned()).isEqualTo(kept.policy().learned());
    }

    /**
     * A PPO network that enters (ENTER_LONG_NORMAL) whenever flat and holds in a position, whatever it sees: zero
     * weights, the logits are the bias (ENTER_LONG_SMALL, ENTER_LONG_NORMAL, ENTER_LONG_LARGE, HOLD, EXIT,
     * DO_NOTHING).
     */
    private static NetworkPolicy alwaysLong() {
        ActorCritic network = ActorCritic.create(16, 6, new int[] {4}, 3);
        ComputationGraph g = network.graph();
        g.getLayer(ActorCritic.LOGITS).setParam("W", Nd4j.zeros(DataType.FLOAT, 4, 6));
        g.getLayer(ActorCritic.LOGITS).setParam("b", Nd4j.createFromArray(0f, 3f, 0f, 3f, 0f, 0f).reshape(1, 6));
        return new NetworkPolicy("ppo", network);
    }

    @Test
    void thePpoNetworkIsAFifthModelTheAgentLearnsToWeigh() {
        MarketData data = market();
        byte[] trend = new TrendRegimeDetector().detect(data.candles());
        EventBus bus = new EventBus();
        NetworkSignalModel ppo = new NetworkSignalModel();
        ppo.use(alwaysLong());
        MetaStrategyPolicy policy = MetaStrategyPolicy.create("v2_domain", TabularAgent.Settings.preset("v2_domain", 4),
                null, trend, 10_000, List.of(ppo)).subscribeTo(bus);
        // 3 strategies x 5 models x 5 multipliers
        assertThat(policy.agent().space().size()).isEqualTo(75);
        assertThat(policy.agent().space().signalModels())
                .containsExactly("trend-follow", "range", "breakout", "mean-reversion", "ppo");
        Simulator sim = new Simulator(data, CONFIG, 16, bus, new ShadowStatistics(), EntryFilter.NONE, false);
        List<Trade> trades = new ArrayList<>(sim.run(policy, 300, data.size(), 10_000, 4).trades());
        assertThat(trades).isNotEmpty();
        assertThat(policy.learned()).isEqualTo(trades.size());
        assertThat(policy.agent().stats().q().updates()).isEqualTo(trades.size());
        // the network is on offer at every flat bar, so exploration picks it: some ppo action has a learned value
        QTableSnapshot table = policy.agent().snapshot();
        boolean ppoLearned = false;
        for (double[] row : table.qTable().values()) {
            for (int a = 0; a < row.length; a++) {
                ppoLearned |= row[a] != 0 && table.actions().get(a).contains("|ppo|");
            }
        }
        assertThat(ppoLearned).isTrue();
    }

    @Test
    void refusesAnAgentOverOtherSignalModels() {
        TabularAgent<MetaActions> agent = TabularAgent.metaStrategyV2(MetaActions.V2, TabularAgent.Settings.v2(1),
                null);
        assertThatThrownBy(() -> new MetaStrategyPolicy(agent, SignalModel.families(), new byte[10], 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XGB");
    }

    private static List<Double> pnls(List<Trade> trades) {
        return trades.stream().map(Trade::pnl).toList();
    }

    private static List<String> rows(MetaStrategyPolicy p) {
        List<String> out = new ArrayList<>();
        p.agent().snapshot().qTable().forEach((k, v) -> out.add(k + Arrays.toString(v)));
        return out;
    }
}
