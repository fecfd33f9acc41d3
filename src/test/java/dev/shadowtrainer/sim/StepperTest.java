package dev.shadowtrainer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.agent.rules.RandomPolicy;
import dev.shadowtrainer.market.SyntheticHistory;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run stepped from outside is the same run as one driven by the simulator's own loop. */
class StepperTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void steppingWithAPolicysActionsReproducesItsRunBitForBit() {
        SyntheticHistory history = new SyntheticMarket(11).generate(new Symbol("BTC", "USDT"), Timeframe.M1, START,
                8_000);
        MarketData data = SimulatorRegressionTest.oneMinuteData(history, 2);
        ExecutionConfig config = new ExecutionConfig(1000, new double[] {0.5, 1.0, 1.5}, 1, 0.005, 15, 20, 120, 2, 5, 1,
                false, 2, 3, 0.52, 20, 96, 100);
        Simulator simulator = new Simulator(data, config, 80);
        List<Integer> loopBars = new ArrayList<>();
        SimulationResult byLoop = simulator.run(new RandomPolicy(), 100, data.size() - 50, 10_000, 3,
                (bar, observation, action) -> loopBars.add(bar));

        RandomPolicy policy = new RandomPolicy();
        policy.reset(3);
        List<Integer> stepBars = new ArrayList<>();
        Simulator.Stepper stepper = simulator.start(policy.name(), 100, data.size() - 50, 10_000, 3,
                DecisionRecorder.NONE);
        while (stepper.advance()) {
            stepBars.add(stepper.bar());
            stepper.act(policy.decide(stepper.observation()), policy.confidence());
        }
        SimulationResult byStepping = stepper.result();

        assertThat(byLoop.trades()).isNotEmpty();
        assertThat(byLoop.shadowTrades().size()).isPositive();
        assertThat(stepBars).isEqualTo(loopBars);
        assertThat(stepper.trades()).isEqualTo(byStepping.trades());
        assertThat(SimulatorRegressionTest.fingerprint(byStepping)).isEqualTo(
                SimulatorRegressionTest.fingerprint(byLoop));
        assertThat(stepper.advance()).isFalse();
    }

    @Test
    void actBeforeAdvanceIsRefused() {
        MarketData data = SimFixture.market(SimFixture.candles(SimFixture.flat(20, 100)));
        Simulator.Stepper stepper = new Simulator(data, SimulatorRegressionTest.defaultsFor(Timeframe.M15), 80)
                .start("scripted", 0, 20, 10_000, 1, DecisionRecorder.NONE);
        assertThatThrownBy(() -> stepper.act(Action.DO_NOTHING, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(stepper.advance()).isTrue();
        stepper.act(Action.DO_NOTHING, 1);
        assertThatThrownBy(() -> stepper.act(Action.DO_NOTHING, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(stepper::result).isInstanceOf(IllegalStateException.class);
    }
}
