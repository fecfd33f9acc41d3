package dev.shadowtrainer.agent.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Simulator;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.ExecutionConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NetworkPolicyTest {
    private static final int STATE = 16;

    /** An actor-critic whose logits are the bias only (zero weights): a fixed preference whatever it sees. */
    private static ActorCritic fixedLogits(float... bias) {
        ActorCritic network = ActorCritic.create(STATE, 6, new int[] {4}, 3);
        ComputationGraph g = network.graph();
        g.getLayer(ActorCritic.LOGITS).setParam("W", Nd4j.zeros(DataType.FLOAT, 4, 6));
        g.getLayer(ActorCritic.LOGITS).setParam("b", Nd4j.createFromArray(bias).reshape(1, 6));
        return network;
    }

    @Test
    void takesTheMostLikelyAllowedActionWithTheEntryProbabilityAsConfidence() {
        MarketData data = PlantedEdgeMarket.generate(5, 60, 0, 0.001, 0.9);
        ExecutionConfig config = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 100, 200, 8, 0, 0,
                0, false, 2, 3, 0.0, 20, 0, 0);
        // HOLD is the favourite but not allowed when flat: the best allowed is ENTER_LONG_NORMAL.
        NetworkPolicy policy = new NetworkPolicy("net", fixedLogits(0f, 2f, 1f, 5f, 0f, 0.5f));
        Simulator.Stepper stepper = new Simulator(data, config, STATE).start("net", 0, 60, 10_000, 1,
                (bar, observation, action) -> { });
        assertThat(stepper.advance()).isTrue();
        Action first = policy.decide(stepper.observation());
        assertThat(first).isEqualTo(Action.ENTER_LONG_NORMAL);
        double e0 = 1;
        double e2 = Math.exp(2);
        double e1 = Math.exp(1);
        double e05 = Math.exp(0.5);
        assertThat(policy.confidence()).isCloseTo((e0 + e2 + e1) / (e0 + e2 + e1 + e05), within(1e-6));
        stepper.act(first, policy.confidence());
        assertThat(stepper.advance()).isTrue();
        // In the position now: HOLD (5) beats EXIT (0).
        assertThat(policy.decide(stepper.observation())).isEqualTo(Action.HOLD);
        assertThat(policy.confidence()).isCloseTo(Math.exp(5) / (Math.exp(5) + 1), within(1e-6));
    }

    @Test
    void runsInTheSimulatorDeterministically() {
        MarketData data = PlantedEdgeMarket.generate(5, 400, 0.001, 0.001, 0.9);
        ExecutionConfig config = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 15, 20, 8, 2, 5, 1,
                false, 2, 3, 0.52, 20, 96, 100);
        ActorCritic g = fixedLogits(0f, 1f, 0f, 1f, 0f, 0f);
        SimulationResult a = new Simulator(data, config, STATE).run(new NetworkPolicy("net", g), 0, 400,
                10_000, 1);
        SimulationResult b = new Simulator(data, config, STATE).run(new NetworkPolicy("net", g), 0, 400,
                10_000, 1);
        assertThat(a.trades()).isNotEmpty();
        assertThat(a.trades()).usingRecursiveComparison().isEqualTo(b.trades());
    }
}
