package dev.shadowtrainer.analysis;

import dev.shadowtrainer.sim.Wilson;
import static dev.shadowtrainer.analysis.TradeFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LossAnalyzerTest {
    private static Map<String, LossAnalysis.Loss> byKey(LossAnalysis r) {
        return r.losses().stream().collect(Collectors.toMap(LossAnalysis.Loss::tradeKey, Function.identity()));
    }

    @Test
    void eachLoserGetsTheFirstReasonThatFitsAndItsAction() {
        List<AnalysedTrade> trades = new ArrayList<>();
        // Liquidated while the regime also changed: liquidation comes first.
        trades.add(trade().key("liquidated").pnl(-50).fees(1).exit("LIQUIDATION").range(0.2, -40)
                .regimeAtExit("HIGH_VOL_RANGING").build());
        // Gross +0.6 (pnl -0.4 + fees 1.0) but net -0.4, at a timeout: fees come before the timeout.
        trades.add(trade().key("fees").pnl(-0.4).fees(1.0).exit("TIMEOUT").build());
        // 15m bars held 1h = 4 bars, sigma 1 %: threshold 3 * 0.01 * sqrt(4) = 6 %. Range 2 - (-5) = 7 % > 6 %.
        trades.add(trade().key("spike").pnl(-5).exit("STOP_LOSS").range(2, -5).volatility(0.01)
                .regimeAtExit("HIGH_VOL_RANGING").build());
        // Same stop with range 0.5 - (-5) = 5.5 % < 6 %: no spike; the regime changed: regime change.
        trades.add(trade().key("regime").pnl(-5).exit("STOP_LOSS").range(0.5, -5).volatility(0.01)
                .regimeAtExit("HIGH_VOL_RANGING").build());
        // A timeout in an unchanged regime (regime at exit the same) with gross -0.5.
        trades.add(trade().key("timeout").pnl(-1).fees(0.5).exit("TIMEOUT").regimeAtExit("LOW_VOL_TRENDING")
                .build());
        // A plain stop: range within 6 %, regime at exit unknown.
        trades.add(trade().key("plain").pnl(-5).exit("STOP_LOSS").range(0.5, -5).volatility(0.01).build());
        // A wide range but volatility unknown (0): not called a spike.
        trades.add(trade().key("unknown-vol").pnl(-5).exit("STOP_LOSS").range(10, -5).volatility(0).build());
        // A break-even trade counts as a loss (win is pnl > 0); gross +0.1 > 0 >= net.
        trades.add(trade().key("flat").pnl(0).fees(0.1).exit("AGENT_EXIT").build());
        trades.add(trade().key("winner").pnl(2).build());

        LossAnalysis r = new LossAnalyzer(5).analyze(trades);
        Map<String, LossAnalysis.Loss> by = byKey(r);
        assertThat(by).doesNotContainKey("winner").hasSize(8);
        assertThat(by.get("liquidated").reason()).isEqualTo(FailureReason.LIQUIDATION);
        assertThat(by.get("liquidated").action()).isEqualTo(CorrectiveAction.TIGHTEN_STOP);
        assertThat(by.get("fees").reason()).isEqualTo(FailureReason.FEES_EXCEED_MOVE);
        assertThat(by.get("fees").action()).isEqualTo(CorrectiveAction.RAISE_CONFIDENCE_THRESHOLD);
        assertThat(by.get("spike").reason()).isEqualTo(FailureReason.VOLATILITY_SPIKE_STOP);
        assertThat(by.get("spike").action()).isEqualTo(CorrectiveAction.WIDEN_STOP);
        assertThat(by.get("regime").reason()).isEqualTo(FailureReason.REGIME_CHANGE);
        assertThat(by.get("regime").action()).isEqualTo(CorrectiveAction.TIGHTEN_STOP);
        assertThat(by.get("timeout").reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(by.get("timeout").action()).isEqualTo(CorrectiveAction.SHORTEN_HOLD);
        assertThat(by.get("plain").reason()).isEqualTo(FailureReason.ADVERSE_MOVE);
        assertThat(by.get("plain").action()).isEqualTo(CorrectiveAction.RAISE_CONFIDENCE_THRESHOLD);
        assertThat(by.get("unknown-vol").reason()).isEqualTo(FailureReason.ADVERSE_MOVE);
        assertThat(by.get("flat").reason()).isEqualTo(FailureReason.FEES_EXCEED_MOVE);

        assertThat(r.byReason()).containsExactly(Map.entry(FailureReason.LIQUIDATION, 1),
                Map.entry(FailureReason.FEES_EXCEED_MOVE, 2), Map.entry(FailureReason.VOLATILITY_SPIKE_STOP, 1),
                Map.entry(FailureReason.REGIME_CHANGE, 1), Map.entry(FailureReason.TIMEOUT, 1),
                Map.entry(FailureReason.ADVERSE_MOVE, 2));
        assertThat(r.byAction()).containsExactly(Map.entry(CorrectiveAction.RAISE_CONFIDENCE_THRESHOLD, 4),
                Map.entry(CorrectiveAction.WIDEN_STOP, 1), Map.entry(CorrectiveAction.TIGHTEN_STOP, 2),
                Map.entry(CorrectiveAction.SHORTEN_HOLD, 1), Map.entry(CorrectiveAction.BLACKLIST_PATTERN, 0));
    }

    @Test
    void theSpikeThresholdGrowsWithTheSquareRootOfTheBarsHeld() {
        // Range 7 % with sigma 1 %: a spike over 4 bars (threshold 6 %), not over 9 bars (threshold 9 %).
        TradeFixture stop = trade().pnl(-5).exit("STOP_LOSS").range(2, -5).volatility(0.01);
        assertThat(LossAnalyzer.reason(stop.held(Duration.ofMinutes(60)).build()))
                .isEqualTo(FailureReason.VOLATILITY_SPIKE_STOP);
        assertThat(LossAnalyzer.reason(stop.held(Duration.ofMinutes(135)).build()))
                .isEqualTo(FailureReason.ADVERSE_MOVE);
        // Less than a bar counts as one bar: threshold 3 %, range 3.5 % is a spike.
        assertThat(LossAnalyzer.reason(trade().pnl(-3).exit("STOP_LOSS").range(0.5, -3).volatility(0.01)
                .held(Duration.ZERO).build())).isEqualTo(FailureReason.VOLATILITY_SPIKE_STOP);
    }

    @Test
    void aTrustedPatternWhoseBestCaseWinRateIsBelowHalfIsBlacklisted() {
        List<AnalysedTrade> trades = new ArrayList<>();
        // Pattern 7: 1 win of 10; Wilson upper of 1/10 = 0.404 < 0.5: every loser's action is the blacklist.
        trades.add(trade().pattern(7).pnl(1).build());
        for (int i = 0; i < 9; i++) {
            trades.add(trade().key("p7-" + i).pattern(7).pnl(-1).exit("TIMEOUT").build());
        }
        // Pattern 8: 0 wins of 4; upper 3.8416/7.8416 = 0.49 but below the minimum of 5: not blacklisted.
        for (int i = 0; i < 4; i++) {
            trades.add(trade().key("p8-" + i).pattern(8).pnl(-1).exit("TIMEOUT").build());
        }
        // Pattern 9: 4 wins of 10; upper 0.69: not blacklisted.
        for (int i = 0; i < 10; i++) {
            trades.add(trade().key("p9-" + i).pattern(9).pnl(i < 4 ? 1 : -1).exit("TIMEOUT").build());
        }
        LossAnalysis r = new LossAnalyzer(5).analyze(trades);
        Map<String, LossAnalysis.Loss> by = byKey(r);
        assertThat(Wilson.upper(1, 10)).isLessThan(0.5);
        assertThat(by.get("p7-0").reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(by.get("p7-0").action()).isEqualTo(CorrectiveAction.BLACKLIST_PATTERN);
        assertThat(by.get("p8-0").action()).isEqualTo(CorrectiveAction.SHORTEN_HOLD);
        assertThat(by.get("p9-9").action()).isEqualTo(CorrectiveAction.SHORTEN_HOLD);
        assertThat(r.byAction().get(CorrectiveAction.BLACKLIST_PATTERN)).isEqualTo(9);
        assertThat(r.byAction().get(CorrectiveAction.SHORTEN_HOLD)).isEqualTo(4 + 6);
    }

    @Test
    void misleadingFeaturesAreThoseOnTheWinnersSideStrongestFirst() {
        // WinAnalyzerTest.patternZero: d(b) = -3.54, d(f) = 1.31, d(a) = 0.82.
        // Loser l0 (a 5, b 3, f 1.5): a is nearer the winners' 4 than the losers' 1, f nearer 2 than -4.5,
        // b is the losers' 3: misleading f then a. Loser l1 (a -3, b 3, f -10.5): all on the losers' side.
        LossAnalysis r = new LossAnalyzer(5).analyze(WinAnalyzerTest.patternZero());
        Map<String, LossAnalysis.Loss> by = byKey(r);
        assertThat(by.get("l0").misleadingFeatures()).containsExactly("f", "a");
        assertThat(by.get("l1").misleadingFeatures()).isEmpty();
        // With a minimum of 6 the pattern is too small to have a split.
        assertThat(byKey(new LossAnalyzer(6).analyze(WinAnalyzerTest.patternZero())).get("l0")
                .misleadingFeatures()).isEmpty();
    }
}
