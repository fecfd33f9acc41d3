package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.config.ShadowConfig.NightlyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promotion rules: gates, the 10% margin, the paired t-test; and the champion pointer switch. */
class PromotionDecisionTest {
    private static final Instant T = Instant.parse("2025-06-30T02:00:00Z");
    private static final NightlyConfig N = new NightlyConfig(90, 14, "sharpe", 0.10, 0.05, 10, 10);

    @TempDir
    Path dir;

    private static double[] returns(long seed, double mean, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + 0.001 * (r.nextDouble() - 0.5);
        }
        return out;
    }

    @Test
    void pairedTMatchesAHandComputedValue() {
        // d = {1, 2, 3, 4}: mean 2.5, sd sqrt(5/3), t = 2.5 / (sd / 2) = 3.873; two-sided p with 3 df = 0.0305.
        double[] t = PromotionDecision.pairedT(new double[] {2, 4, 6, 8}, new double[] {1, 2, 3, 4});
        assertThat(t[0]).isCloseTo(3.8730, within(1e-4));
        assertThat(t[1]).isCloseTo(0.0305, within(5e-4));
        assertThat(PromotionDecision.pairedT(new double[] {1, 2}, new double[] {1, 2})).containsExactly(0, 1);
    }

    @Test
    void aClearlyBetterSignificantChallengerIsPromoted() {
        double[] champ = returns(1, 0.0, 500);
        double[] chal = returns(2, 0.0005, 500);
        PromotionDecision d = PromotionDecision.decide(T, N, "new", new PromotionDecision.Evaluated(1.5, 20, chal, true),
                "old", new PromotionDecision.Evaluated(1.0, 20, champ, true), null, true, "clean");
        assertThat(d.promoted()).as(d.reason()).isTrue();
        assertThat(d.improvement()).isCloseTo(0.5, within(1e-12));
        assertThat(d.pValue()).isLessThan(0.05);
    }

    @Test
    void betterByLessThanTheMarginOrNotSignificantIsRejected() {
        double[] champ = returns(1, 0.0, 500);
        PromotionDecision small = PromotionDecision.decide(T, N, "new",
                new PromotionDecision.Evaluated(1.05, 20, returns(2, 0.0005, 500), true), "old",
                new PromotionDecision.Evaluated(1.0, 20, champ, true), null, true, "clean");
        assertThat(small.promoted()).isFalse();
        assertThat(small.reason()).contains("not at least 10% better").doesNotContain("not significant");

        PromotionDecision noise = PromotionDecision.decide(T, N, "new",
                new PromotionDecision.Evaluated(2.0, 20, returns(3, 0.0, 500), true), "old",
                new PromotionDecision.Evaluated(1.0, 20, champ, true), null, true, "clean");
        assertThat(noise.promoted()).isFalse();
        assertThat(noise.reason()).contains("not significant").doesNotContain("10% better");
    }

    @Test
    void aNegativeChampionNeedsTenPercentOfItsAbsoluteValue() {
        double[] champ = returns(1, 0.0, 500);
        double[] chal = returns(2, 0.0005, 500);
        PromotionDecision d = PromotionDecision.decide(T, N, "new", new PromotionDecision.Evaluated(-0.95, 20, chal, true),
                "old", new PromotionDecision.Evaluated(-1.0, 20, champ, true), null, true, "clean");
        assertThat(d.reason()).contains("not at least 10% better", "needs >= -0.9000");
    }

    @Test
    void gatesStopEvenTheFirstChallenger() {
        PromotionDecision few = PromotionDecision.decide(T, N, "new",
                new PromotionDecision.Evaluated(2.0, 3, returns(2, 0.0005, 500), true), null, null, null, true, "clean");
        assertThat(few.promoted()).isFalse();
        assertThat(few.reason()).contains("3 trades, fewer than nightly.min_trades 10");

        PromotionDecision leak = PromotionDecision.decide(T, N, "new",
                new PromotionDecision.Evaluated(2.0, 30, returns(2, 0.0005, 500), true), null, null, null, false,
                "4 differences");
        assertThat(leak.reason()).contains("found lookahead: 4 differences");

        PromotionDecision nan = PromotionDecision.decide(T, N, "new",
                new PromotionDecision.Evaluated(Double.NaN, 30, returns(2, 0.0005, 500), true), null, null, null, true,
                "clean");
        assertThat(nan.reason()).contains("not a finite number");
        assertThat(nan.challengerScore()).isNull();

        PromotionDecision first = PromotionDecision.decide(T, N, "new",
                new PromotionDecision.Evaluated(-0.5, 30, returns(2, 0.0005, 500), true), null, null, null, true, "clean");
        assertThat(first.promoted()).isTrue();
        assertThat(first.reason()).contains("no champion yet");
    }

    @Test
    void theChampionPointerSwitchesAtomicallyAndLeavesNoTemporaryName() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(models.resolve("a"));
        Files.createDirectories(models.resolve("b"));
        ChampionPointer pointer = new ChampionPointer(models);
        assertThat(pointer.champion()).isEmpty();
        pointer.switchTo("a");
        assertThat(pointer.champion()).contains("a");
        pointer.switchTo("b");
        assertThat(pointer.champion()).contains("b");
        assertThat(Files.isDirectory(models.resolve("current"))).as("the link resolves to the model folder").isTrue();
        try (var entries = Files.list(models)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "b", "current");
        }
    }
}
