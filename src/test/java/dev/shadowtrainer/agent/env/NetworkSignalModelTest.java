package dev.shadowtrainer.agent.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.agent.rules.NoTradePolicy;
import dev.shadowtrainer.agent.signals.Direction;
import dev.shadowtrainer.agent.signals.Signal;
import dev.shadowtrainer.agent.signals.SignalBars;
import dev.shadowtrainer.agent.signals.SignalModel;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.Simulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NetworkSignalModelTest {
    private static final int STATE = 16;
    private static final ExecutionConfig CONFIG = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005,
            100, 200, 8, 0, 0, 0, false, 2, 3, 0.0, 20, 0, 0);

    /**
     * A network whose logits are its bias whatever it sees (zero weights). Order: ENTER_LONG_SMALL,
     * ENTER_LONG_NORMAL, ENTER_LONG_LARGE, HOLD, EXIT, DO_NOTHING.
     */
    private static NetworkPolicy network(float... bias) {
        ActorCritic network = ActorCritic.create(STATE, 6, new int[] {4}, 3);
        ComputationGraph g = network.graph();
        g.getLayer(ActorCritic.LOGITS).setParam("W", Nd4j.zeros(DataType.FLOAT, 4, 6));
        g.getLayer(ActorCritic.LOGITS).setParam("b", Nd4j.createFromArray(bias).reshape(1, 6));
        return new NetworkPolicy("ppo", network);
    }

    private static Simulator.Stepper flatAtFirstBar() {
        MarketData data = PlantedEdgeMarket.generate(5, 60, 0, 0.001, 0.9);
        Simulator.Stepper stepper = new Simulator(data, CONFIG, STATE).start("meta", 0, 60, 10_000, 1,
                (bar, observation, action) -> { });
        assertThat(stepper.advance()).isTrue();
        return stepper;
    }

    @Test
    void longWhenTheNetworkEntersOrHoldsWithTheProbabilityOfThatAction() {
        NetworkSignalModel model = new NetworkSignalModel();
        model.use(network(0f, 2f, 1f, 5f, 0f, 0.5f));
        SignalModel.Bound bound = model.bind(new SignalBars().series());
        Simulator.Stepper stepper = flatAtFirstBar();
        // Flat: HOLD and EXIT are masked; ENTER_LONG_NORMAL (2) is the best allowed. Confidence = P(enter at any
        // size) under the masked softmax = (e^0 + e^2 + e^1) / (e^0 + e^2 + e^1 + e^0.5) ~ 0.9389.
        Signal flat = bound.at(0, stepper.observation());
        assertThat(flat.direction()).isEqualTo(Direction.LONG);
        double entries = 1 + Math.exp(2) + Math.exp(1);
        assertThat(flat.confidence()).isCloseTo(entries / (entries + Math.exp(0.5)), within(1e-6));
        stepper.act(Action.ENTER_LONG_NORMAL, 1.0);
        assertThat(stepper.advance()).isTrue();
        assertThat(stepper.observation().inPosition()).isTrue();
        // In a position only HOLD (5) and EXIT (0) are allowed: HOLD, P = e^5 / (e^5 + 1) ~ 0.9933.
        Signal held = bound.at(1, stepper.observation());
        assertThat(held.direction()).isEqualTo(Direction.LONG);
        assertThat(held.confidence()).isCloseTo(Math.exp(5) / (Math.exp(5) + 1), within(1e-6));
    }

    @Test
    void flatWhenTheNetworkStaysOutOrExitsWithTheProbabilityOfThatAction() {
        NetworkSignalModel model = new NetworkSignalModel();
        model.use(network(0f, 0f, 0f, 9f, 3f, 3f));
        SignalModel.Bound bound = model.bind(new SignalBars().series());
        Simulator.Stepper stepper = flatAtFirstBar();
        // Flat: three entries at 0 against DO_NOTHING at 3 (HOLD's 9 is masked): stay out, P = e^3 / (3 + e^3).
        Signal out = bound.at(0, stepper.observation());
        assertThat(out.direction()).isEqualTo(Direction.FLAT);
        assertThat(out.confidence()).isCloseTo(Math.exp(3) / (3 + Math.exp(3)), within(1e-6));

        model.use(network(0f, 0f, 0f, 0f, 3f, 0f));
        stepper.act(Action.ENTER_LONG_NORMAL, 1.0);
        assertThat(stepper.advance()).isTrue();
        assertThat(stepper.observation().inPosition()).isTrue();
        // In a position: EXIT (3) beats HOLD (0): FLAT, P = e^3 / (e^3 + 1) ~ 0.9526.
        Signal exit = bound.at(1, stepper.observation());
        assertThat(exit.direction()).isEqualTo(Direction.FLAT);
        assertThat(exit.confidence()).isCloseTo(Math.exp(3) / (Math.exp(3) + 1), within(1e-6));
    }

    @Test
    void withoutANetworkItStaysOutAndItTakesOnlyANetworkPolicy() {
        NetworkSignalModel model = new NetworkSignalModel();
        assertThat(model.name()).isEqualTo("ppo");
        assertThat(model.hasNetwork()).isFalse();
        SignalModel.Bound bound = model.bind(new SignalBars().series());
        assertThat(bound.at(0, flatAtFirstBar().observation())).isEqualTo(Signal.WARMING_UP);
        assertThatThrownBy(() -> model.use(new NoTradePolicy()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("network policy");
        assertThatThrownBy(() -> bound.at(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("observation");
    }
}
