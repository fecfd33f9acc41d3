package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.SyntheticMarket;
import dev.shadowtrainer.market.Timeframe;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.Fold;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** train's lookahead-check of its trained network covers the last fold's test window with the history before it. */
class TrainedPolicyCheckTest {
    private static final int STATE_DIM = 80;
    private final MarketPreparation preparation = new MarketPreparation(500);
    private final ExecutionConfig execution = ExecutionConfig.from(
            new ConfigLoader().load(null, Map.of(), Map.of()).training().shadowTrading(), Timeframe.M15);
    private final CandleSeries series = new SyntheticMarket(5).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
            Instant.parse("2025-01-01T00:00:00Z"), 3000).series();
    private final ActorCritic network = ActorCritic.create(STATE_DIM, Action.values().length, new int[] {16, 16}, 7);

    @Test
    void aNetworkReadingOnlyItsObservationIsCleanOnTheLastTestWindow() {
        Fold last = new Fold(3, 1000, 2200, 2300, 2900);
        TrainedPolicyCheck.Result r = TrainedPolicyCheck.run(series, last, preparation, network, execution, STATE_DIM,
                64, 10, 6, 10_000, 42);
        assertThat(r.notRun()).isNull();
        assertThat(r.clean()).isTrue();
        assertThat(r.differences()).isZero();
        assertThat(r.points()).isEqualTo(6);
        assertThat(r.bars()).isEqualTo(600); // the test window, replayed after its lead-in
    }

    @Test
    void aLongTestWindowIsCheckedOverItsLastBarsOnly() {
        CandleSeries longer = new SyntheticMarket(5).generate(Symbol.parse("BTC/USDT"), Timeframe.M15,
                Instant.parse("2025-01-01T00:00:00Z"), 4000).series();
        Fold last = new Fold(1, 700, 1000, 1100, 3900);
        TrainedPolicyCheck.Result r = TrainedPolicyCheck.run(longer, last, preparation, network, execution, STATE_DIM,
                64, 10, 4, 10_000, 42);
        assertThat(r.clean()).as(String.valueOf(r.notRun())).isTrue();
        assertThat(r.bars()).isEqualTo(TrainedPolicyCheck.MAX_BARS);
    }

    @Test
    void aWindowWithFewerDecisionsThanSamplesIsReportedNotRunNotClean() {
        Fold last = new Fold(0, 1000, 2200, 2300, 2305);
        TrainedPolicyCheck.Result r = TrainedPolicyCheck.run(series, last, preparation, network, execution, STATE_DIM,
                64, 10, 20, 10_000, 42);
        assertThat(r.clean()).isFalse();
        assertThat(r.points()).isZero();
        assertThat(r.notRun()).contains("decision points were asked for");
    }
}
