package dev.shadowtrainer.agent.env;

import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.model.CandlesInfo;
import dev.shadowtrainer.model.ModelArtifacts;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.pipeline.Progress;
import dev.shadowtrainer.report.TradesCsv;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.ShadowStatistics;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The small golden model in src/test/resources/golden-model: a PPO agent trained on one fold of a
 * planted-edge market, saved by the model store, with the trades it made out of sample. Run {@link #main}
 * from the project folder to make it again (only when the observation or the simulator changes on
 * purpose, and say why in the commit).
 */
final class GoldenModel {
    static final Path RESOURCES = Path.of("src", "test", "resources", "golden-model");
    static final String NAME = "planted-edge";
    static final String TRADES = "expected-trades.csv";
    static final int STATE_DIM = 32;
    static final double EQUITY = 10_000;
    static final long SEED = 5;
    static final Fold FOLD = new Fold(0, 0, 1300, 1332, 2000);

    private GoldenModel() {
    }

    static MarketData market() {
        return PlantedEdgeMarket.generate(11, 2000, 0.001, -0.001, 0.002, 0.9);
    }

    static ExecutionConfig execution() {
        return new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 300, 600, 48, 2, 5, 1, false, 2, 3,
                0.52, 20, 0, 0);
    }

    static Simulator simulator() {
        return new Simulator(market(), execution(), STATE_DIM, new EventBus(), new ShadowStatistics(),
                EntryFilter.NONE, true);
    }

    /** The agent's out-of-sample run on the fold's test window. */
    static SimulationResult testRun(Simulator simulator, Policy policy) {
        return simulator.run(policy, FOLD.testFrom(), FOLD.testTo(), EQUITY, SEED);
    }

    public static void main(String[] args) {
        ShadowConfig config = new ConfigLoader().load(null, Map.of(), Map.of("training.rl_agent.state_dim",
                "" + STATE_DIM, "training.rl_agent.num_envs", "16", "training.rl_agent.num_steps", "64",
                "training.rl_agent.num_minibatches", "4", "training.rl_agent.total_timesteps", "40960"));
        PpoPolicyTrainer trainer = new PpoPolicyTrainer(config.training().rlAgent(), EQUITY,
                Progress.of(System.out::println));
        trainer.begin(List.of(FOLD));
        Simulator simulator = simulator();
        SimulationResult run = testRun(simulator, trainer.train(simulator, FOLD, SEED));
        ModelStore store = new ModelStore(RESOURCES, Clock.systemUTC());
        ModelArtifacts.Builder artifacts = ModelArtifacts.builder().config(config).seed(SEED)
                .candles(CandlesInfo.of("synthetic planted edge (PlantedEdgeMarket seed 11)", simulator.data().candles()))
                .metric("oos_trades", run.trades().size());
        trainer.model().forEach(artifacts::graph);
        store.save(NAME, artifacts.build());
        TradesCsv.write(store.dir(NAME).getParent().resolve(TRADES), run.trades());
        System.out.println(run.trades().size() + " trades, final equity " + run.finalEquity());
    }
}
