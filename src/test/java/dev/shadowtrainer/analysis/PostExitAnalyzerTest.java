package dev.shadowtrainer.analysis;

import static dev.shadowtrainer.analysis.TradeFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostExitAnalyzerTest {
    @Test
    void accuracyIsAboutRightOverSettledVerdictsAndMissedProfitSkipsUnknowns() {
        List<AnalysedTrade> trades = new ArrayList<>();
        trades.add(trade().agent().postExit(1.0, 1.0, 1.0, 10.0, "ABOUT_RIGHT").build());
        trades.add(trade().agent().postExit(1.0, 1.0, 1.0, 20.0, "TOO_EARLY").build());
        trades.add(trade().agent().postExit(1.0, null, null, null, "PENDING").build());
        trades.add(trade().postExit(1.0, 1.0, 1.0, 30.0, "ABOUT_RIGHT").build());
        trades.add(trade().postExit(1.0, 1.0, 1.0, null, "ABOUT_RIGHT").build());
        trades.add(trade().postExit(1.0, 1.0, 1.0, 0.0, "TOO_LATE").build());
        trades.add(trade().postExit(null, null, null, null, "PENDING").build());
        trades.add(trade().build());
        PostExitAnalysis r = new PostExitAnalyzer(5).analyze(trades);
        assertThat(r.exitTiming()).extracting(PostExitAnalysis.ExitTiming::scope)
                .containsExactly("all", "agent", "shadow");
        // All: 7 rows, 2 pending, 5 settled of which 3 about right: 0.6. Missed 10 + 20 + 30 + 0 = 60 over 4.
        PostExitAnalysis.ExitTiming all = r.exitTiming().get(0);
        assertThat(all.trades()).isEqualTo(7);
        assertThat(all.aboutRight()).isEqualTo(3);
        assertThat(all.tooEarly()).isEqualTo(1);
        assertThat(all.tooLate()).isEqualTo(1);
        assertThat(all.pending()).isEqualTo(2);
        assertThat(all.settled()).isEqualTo(5);
        assertThat(all.accuracy()).isEqualTo(0.6);
        assertThat(all.missedProfitTrades()).isEqualTo(4);
        assertThat(all.missedProfitTotal()).isEqualTo(60.0);
        assertThat(all.missedProfitMean()).isEqualTo(15.0);
        // Agent: 3 rows, 1 pending, 1 of 2 settled about right; missed 30 over 2.
        PostExitAnalysis.ExitTiming agent = r.exitTiming().get(1);
        assertThat(agent.trades()).isEqualTo(3);
        assertThat(agent.accuracy()).isEqualTo(0.5);
        assertThat(agent.missedProfitMean()).isEqualTo(15.0);
    }

    @Test
    void nothingSettledGivesNullsNotNaN() {
        PostExitAnalysis r = new PostExitAnalyzer(5).analyze(List.of(
                trade().postExit(null, null, null, null, "PENDING").build()));
        PostExitAnalysis.ExitTiming all = r.exitTiming().get(0);
        assertThat(all.accuracy()).isNull();
        assertThat(all.missedProfitTotal()).isNull();
        assertThat(all.missedProfitMean()).isNull();
        assertThat(new PostExitAnalyzer(1).analyze(List.of()).exitTiming().get(0).trades()).isZero();
    }

    @Test
    void theHorizonWithTheBestMeanReturnIsRecommendedPerPattern() {
        List<AnalysedTrade> trades = new ArrayList<>();
        // Pattern 4: entry 100, fees 0.1 on a 100 notional (0.1 %), held 1h; pnl 0.5 %, 1.0 %, 0 %, 0.5 %, 0.5 %
        // (mean 0.5 %). Prices after: 1h 100.6 (0.6 - 0.1 = 0.5 %), 4h 102 (1.9 %), 24h 101 (0.9 %): +4h best.
        double[] pnl = {0.5, 1.0, 0.0, 0.5, 0.5};
        for (double p : pnl) {
            trades.add(trade().pattern(4).pnlPercent(p).postExit(100.6, 102.0, 101.0, null, "TOO_EARLY").build());
        }
        // An incomplete member (no 24h price) with a huge +1h price: left out of the means.
        trades.add(trade().pattern(4).pnlPercent(0.5).postExit(200.0, 102.0, null, null, "PENDING").build());
        // Pattern 5: four complete members, below the minimum of 5: means but no recommendation.
        for (int i = 0; i < 4; i++) {
            trades.add(trade().pattern(5).pnlPercent(0.5).postExit(100.6, 102.0, 101.0, null, "TOO_EARLY").build());
        }
        // Pattern 6: five members whose exit return 25 % equals the +1h return exactly
        // (100 * (160/128 - 1) = 25 with no fees), later ones lower: the tie goes to the exit as taken.
        for (int i = 0; i < 5; i++) {
            trades.add(trade().pattern(6).entryPrice(128).fees(0).pnlPercent(25).postExit(160.0, 150.0, 140.0, null,
                    "ABOUT_RIGHT").build());
        }
        trades.add(trade().postExit(500.0, 500.0, 500.0, null, "TOO_EARLY").build());
        PostExitAnalysis r = new PostExitAnalyzer(5).analyze(trades);
        assertThat(r.holding()).extracting(PostExitAnalysis.HoldingPeriod::pattern).containsExactly(4, 5, 6);
        PostExitAnalysis.HoldingPeriod p4 = r.holding().get(0);
        assertThat(p4.members()).isEqualTo(6);
        assertThat(p4.complete()).isEqualTo(5);
        assertThat(p4.meanHoldMinutes()).isEqualTo(60.0);
        assertThat(p4.meanReturnAtExit()).isCloseTo(0.5, within(1e-12));
        assertThat(p4.meanReturn1h()).isCloseTo(0.5, within(1e-9));
        assertThat(p4.meanReturn4h()).isCloseTo(1.9, within(1e-9));
        assertThat(p4.meanReturn24h()).isCloseTo(0.9, within(1e-9));
        assertThat(p4.recommended()).isEqualTo(PostExitAnalysis.Horizon.PLUS_4H);
        assertThat(r.holding().get(1).meanReturn4h()).isCloseTo(1.9, within(1e-9));
        assertThat(r.holding().get(1).recommended()).isNull();
        assertThat(r.holding().get(2).meanReturn1h()).isEqualTo(25.0);
        assertThat(r.holding().get(2).recommended()).isEqualTo(PostExitAnalysis.Horizon.AT_EXIT);
    }

    @Test
    void anUnknownVerdictIsRefusedByName() {
        assertThatThrownBy(() -> new PostExitAnalyzer(5).analyze(List.of(
                trade().key("odd").postExit(1.0, 1.0, 1.0, null, "SOMETIMES").build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd")
                .hasMessageContaining("SOMETIMES");
    }
}
