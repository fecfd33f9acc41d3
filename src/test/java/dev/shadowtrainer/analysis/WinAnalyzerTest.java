package dev.shadowtrainer.analysis;

import static dev.shadowtrainer.analysis.TradeFixture.DAY;
import static dev.shadowtrainer.analysis.TradeFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WinAnalyzerTest {
    /**
     * Pattern 0: three winners and two losers with three features.
     * a: winners 2, 4, 6 (mean 4, squares 8), losers 5, -3 (mean 1, squares 32):
     *    pooled sd = sqrt(40 / 3), d = 3 / sqrt(40/3) = 3 sqrt(3/40) = 0.821584.
     * b: winners 1, 1, 2 (mean 4/3, squares 2/3), losers 3, 3 (mean 3, squares 0):
     *    pooled sd = sqrt((2/3) / 3) = sqrt(2)/3, d = (4/3 - 3) / (sqrt(2)/3) = -5/sqrt(2) = -3.535534.
     * f: winners 1, 2, 3 (mean 2, squares 2), losers 1.5, -10.5 (mean -4.5, squares 72):
     *    pooled sd = sqrt(74/3), d = 6.5 / sqrt(74/3) = 1.308754.
     * c: 0 everywhere, pooled sd 0: no effect size.
     */
    static List<AnalysedTrade> patternZero() {
        double[][] winners = {{2, 1, 1}, {4, 1, 2}, {6, 2, 3}};
        double[][] losers = {{5, 3, 1.5}, {-3, 3, -10.5}};
        List<AnalysedTrade> out = new ArrayList<>();
        int i = 0;
        for (double[] w : winners) {
            out.add(trade().key("w" + i++).pattern(0).pnl(1).feature("a", w[0]).feature("b", w[1])
                    .feature("f", w[2]).feature("c", 0).build());
        }
        i = 0;
        for (double[] l : losers) {
            out.add(trade().key("l" + i++).pattern(0).pnl(-1).exit("STOP_LOSS").feature("a", l[0])
                    .feature("b", l[1]).feature("f", l[2]).feature("c", 0).build());
        }
        return out;
    }

    @Test
    void contributingFeaturesAreCohensDOfWinnersAgainstLosersStrongestFirst() {
        WinAnalysis r = new WinAnalyzer(5).analyze(patternZero());
        assertThat(r.patterns()).hasSize(1);
        WinAnalysis.PatternWin p = r.patterns().get(0);
        assertThat(p.pattern()).isZero();
        assertThat(p.members()).isEqualTo(5);
        assertThat(p.winners()).isEqualTo(3);
        assertThat(p.losers()).isEqualTo(2);
        assertThat(p.winRate()).isEqualTo(0.6);
        List<FeatureEffect> f = p.contributingFeatures();
        assertThat(f).extracting(FeatureEffect::feature).containsExactly("b", "f", "a");
        assertThat(f.get(0).effectSize()).isCloseTo(-5 / Math.sqrt(2), within(1e-9));
        assertThat(f.get(0).direction()).isEqualTo(FeatureEffect.Direction.LOWER_IN_WINNERS);
        assertThat(f.get(0).winnersMean()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(f.get(0).losersMean()).isEqualTo(3.0);
        assertThat(f.get(1).effectSize()).isCloseTo(1.308754, within(1e-6));
        assertThat(f.get(1).direction()).isEqualTo(FeatureEffect.Direction.HIGHER_IN_WINNERS);
        assertThat(f.get(2).effectSize()).isCloseTo(0.821584, within(1e-6));
    }

    @Test
    void onlyTheFiveStrongestFeaturesAreListed() {
        // Seven features; feature k has winners k+1, k+2, k+3 (mean k+2) and losers 0, 1 (mean 0.5), the
        // same spread in every one (squares 2 and 0.5, pooled sd sqrt(2.5/3)), so d grows with k.
        List<AnalysedTrade> trades = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            TradeFixture t = trade().pattern(1).pnl(1);
            for (int k = 0; k < 7; k++) {
                t.feature("k" + k, k + 1 + w);
            }
            trades.add(t.build());
        }
        for (int l = 0; l < 2; l++) {
            TradeFixture t = trade().pattern(1).pnl(-1);
            for (int k = 0; k < 7; k++) {
                t.feature("k" + k, l);
            }
            trades.add(t.build());
        }
        List<FeatureEffect> f = new WinAnalyzer(5).analyze(trades).patterns().get(0).contributingFeatures();
        assertThat(f).extracting(FeatureEffect::feature).containsExactly("k6", "k5", "k4", "k3", "k2");
        assertThat(f.get(0).effectSize()).isCloseTo((8 - 0.5) / Math.sqrt(2.5 / 3), within(1e-9));
    }

    @Test
    void reliabilityIsTheWilsonLowerBoundAndSmallPatternsAreLeftOut() {
        List<AnalysedTrade> trades = new ArrayList<>(patternZero());
        // Pattern 1: 0 wins of 10; with no wins the Wilson bounds are 0 and z²/(n + z²) = 3.8416/13.8416.
        for (int i = 0; i < 10; i++) {
            trades.add(trade().pattern(1).pnl(-1).build());
        }
        // Pattern 2: 4 members, below the minimum of 5; trades of no pattern count nowhere.
        for (int i = 0; i < 4; i++) {
            trades.add(trade().pattern(2).pnl(1).build());
            trades.add(trade().pnl(1).build());
        }
        WinAnalysis r = new WinAnalyzer(5).analyze(trades);
        assertThat(r.patterns()).extracting(WinAnalysis.PatternWin::pattern).containsExactly(0, 1);
        // 3 of 5, p = 0.6, z = 1.96: centre = 0.6 + 3.8416/10 = 0.98416,
        // margin = 1.96 sqrt(0.24/5 + 3.8416/100) = 1.96 sqrt(0.086416) = 0.576174, scale 1 + 3.8416/5 = 1.76832:
        // lower = 0.407986 / 1.76832 = 0.230720, upper = 1.560334 / 1.76832 = 0.882382.
        assertThat(r.patterns().get(0).reliability()).isCloseTo(0.230720, within(1e-6));
        assertThat(r.patterns().get(0).wilsonUpper()).isCloseTo(0.882382, within(1e-6));
        assertThat(r.patterns().get(1).reliability()).isZero();
        assertThat(r.patterns().get(1).wilsonUpper()).isCloseTo(3.8416 / 13.8416, within(1e-12));
        assertThat(r.patterns().get(1).contributingFeatures()).as("no winners, nothing to separate").isEmpty();
    }

    @Test
    void skillIsTheShareOfSameDaySameRegimeShadowTradesTheWinnerBeat() {
        List<AnalysedTrade> trades = new ArrayList<>();
        trades.add(trade().key("star").agent().pnlPercent(2.0).build());
        // Ten comparables: nine below 2 %, one above: 9/10 = 0.9.
        for (int i = 0; i < 9; i++) {
            trades.add(trade().pnlPercent(-1 + 0.3 * i).entry(DAY.plusSeconds(600L * i)).build());
        }
        trades.add(trade().pnlPercent(3.0).entry(DAY.plusSeconds(86_399)).build());
        // Not comparable (all below 2 %, so counting any would move the score): the next UTC day, another
        // regime, another symbol, and agent trades.
        trades.add(trade().pnlPercent(-5).entry(DAY.plusSeconds(86_400)).build());
        trades.add(trade().pnlPercent(-5).regime("HIGH_VOL_RANGING").build());
        trades.add(trade().pnlPercent(-5).symbol("ETH/USDT").build());
        trades.add(trade().agent().pnlPercent(-5).build());

        // A second winner two days later: ten comparables, 4 below, 2 tied, 4 above: (4 + 2/2)/10 = 0.5.
        java.time.Instant day2 = DAY.plusSeconds(2 * 86_400 + 7200);
        trades.add(trade().key("even").agent().pnlPercent(1.0).entry(day2).build());
        double[] others = {0.1, 0.2, 0.3, 0.4, 1.0, 1.0, 1.5, 1.6, 1.7, 1.8};
        for (double p : others) {
            trades.add(trade().pnlPercent(p).entry(day2).build());
        }
        // A third winner in a regime with only the one shadow trade above: too few comparables.
        trades.add(trade().key("lonely").agent().pnlPercent(1.0).regime("HIGH_VOL_RANGING")
                .entry(DAY.plusSeconds(7200)).build());

        WinAnalysis r = new WinAnalyzer(5).analyze(trades);
        assertThat(r.skills()).extracting(WinAnalysis.SkillScore::tradeKey).containsExactly("star", "lonely", "even");
        WinAnalysis.SkillScore star = r.skills().get(0);
        assertThat(star.comparables()).isEqualTo(10);
        assertThat(star.skill()).isEqualTo(0.9);
        assertThat(r.skills().get(1).comparables()).isEqualTo(1);
        assertThat(r.skills().get(1).skill()).isNull();
        assertThat(r.skills().get(2).comparables()).isEqualTo(10);
        assertThat(r.skills().get(2).skill()).isEqualTo(0.5);
        assertThat(r.scoredWinners()).isEqualTo(2);
        assertThat(r.meanSkill()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void noAgentWinnersGivesANullMeanNotNaN() {
        WinAnalysis r = new WinAnalyzer(5).analyze(patternZero());
        assertThat(r.skills()).isEmpty();
        assertThat(r.meanSkill()).isNull();
        assertThat(new WinAnalyzer(1).analyze(List.of()).patterns()).isEmpty();
    }

    @Test
    void refusesAMinimumBelowOne() {
        assertThatThrownBy(() -> new WinAnalyzer(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minOccurrences");
    }
}
