package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.features.AtrAdxRegime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A synthetic market where the best size depends on the regime in a known way: a trade's pnl% is
 * 1 - 100 (m - target)^2 - 0.8 (leverage - 1) + N(0, 0.5^2), with the target multiplier m high in trending and
 * low in ranging regimes. Leverage 1 is best everywhere. The other state dimensions are held fixed, so the state
 * is the regime alone; the agents learn with their own defaults and seeds.
 */
class SizingConvergenceTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static double pnl(double multiplier, int leverage, double target, Random noise) {
        double d = multiplier - target;
        return 1 - 100 * d * d - 0.8 * (leverage - 1) + 0.5 * noise.nextGaussian();
    }

    @Test
    void v1LearnsLargeSizeInTrendsAndSmallSizeInRanges() {
        // targets on the v1 grid {0.3, 0.5, 0.7, 1.0, 1.5}: 1.5 when trending, 0.5 when ranging
        List<AtrAdxRegime> regimes = List.of(AtrAdxRegime.LOW_VOL_TRENDING, AtrAdxRegime.HIGH_VOL_TRENDING,
                AtrAdxRegime.LOW_VOL_RANGING, AtrAdxRegime.HIGH_VOL_RANGING);
        PositionSizingAgentV1 agent = new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(42));
        Random market = new Random(7);
        for (int trade = 0; trade < 20_000; trade++) {
            AtrAdxRegime regime = regimes.get(market.nextInt(regimes.size()));
            double target = regime.name().endsWith("TRENDING") ? 1.5 : 0.5;
            SizingDecision d = agent.decide(SizingStateV1.of(regime, 0.75, 0.2, 0.5));
            double pnl = pnl(d.action().multiplier(), d.action().leverage(), target, market);
            agent.learn(d, pnl, 4, 0.2, T0.plusSeconds(trade));
        }
        for (AtrAdxRegime regime : regimes) {
            SizingAction best = agent.greedy(SizingStateV1.of(regime, 0.75, 0.2, 0.5));
            double target = regime.name().endsWith("TRENDING") ? 1.5 : 0.5;
            assertThat(best.multiplier()).as("greedy multiplier in %s", regime).isEqualTo(target);
            assertThat(best.leverage()).as("greedy leverage in %s", regime).isEqualTo(1);
        }
        assertThat(agent.stats().states()).isEqualTo(4);
        assertThat(agent.stats().updates()).isEqualTo(20_000);
    }

    @Test
    void v2LearnsTheSameRuleOnItsOwnGrid() {
        // targets on the v2 grid {0.2, 0.4, ..., 1.8}: 1.6 when trending, 0.4 when ranging. The v2 sizing state
        // has no regime; the synthetic regimes differ in volatility (2% trending, 0.5% ranging), which it has.
        // With alpha 0.01 and epsilon at its 0.01 floor after ~460 episodes, an action first met with an unlucky
        // sample is revisited about once per 5600 trades of its state and each visit moves it 1% of the way:
        // 100000 trades left leverage 2 ahead of 1 under seed 42; 300000 settle the rule (seeds 42 and 43 checked).
        TabularAgent<SizingActions> agent = TabularAgent.positionSizingV2(SizingActions.V2,
                TabularAgent.Settings.v2(42), null);
        StateBuilderV2 builder = new StateBuilderV2();
        Random market = new Random(11);
        double[] equity = {10_000, 10_000};
        for (int trade = 0; trade < 300_000; trade++) {
            boolean trending = market.nextBoolean();
            double volatility = trending ? 0.02 : 0.005;
            String state = builder.sizing(0.75, 0.3, new dev.shadowtrainer.features.TrailingWinRate(), volatility,
                    equity, equity.length).key();
            String id = "t" + trade;
            agent.startEpisode(id);
            int action = agent.select(state).action();
            SizingAction sizing = agent.space().decode(action);
            double pnl = pnl(sizing.multiplier(), sizing.leverage(), trending ? 1.6 : 0.4, market);
            double reward = RewardEngineV2.sizing(pnl, sizing.leverage(), 0.3, volatility);
            agent.learnStep(id, state, action, reward, null);
            agent.endEpisode(id);
        }
        String trendingState = new SizingStateV2(0.75, 0.3, 0.5, 0.02, 0).key();
        String rangingState = new SizingStateV2(0.75, 0.3, 0.5, 0.005, 0).key();
        assertThat(agent.space().decode(agent.greedy(trendingState))).isEqualTo(
                agent.space().decode(SizingActions.V2.encode(6, 0)));
        assertThat(agent.space().decode(agent.greedy(rangingState))).isEqualTo(
                agent.space().decode(SizingActions.V2.encode(1, 0)));
        // epsilon reached its floor after 100000 episodes
        assertThat(agent.epsilon()).isEqualTo(0.01);
        assertThat(agent.stats().q().states()).isEqualTo(2);
    }
}
