package dev.shadowtrainer.patterns;

import static dev.shadowtrainer.patterns.Samples.T0;
import static dev.shadowtrainer.patterns.Samples.axis;
import static dev.shadowtrainer.patterns.Samples.history;
import static dev.shadowtrainer.patterns.Samples.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.memory.Embedding;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatternLibraryTest {
    private static final PatternSettings TWO = new PatternSettings(2, 30, 7, 50, new double[] {0.5, 1.0, 1.5});

    /** Two set-ups: axis 0 won 80% then 20% (60 trades), axis 1 a steady 60% (60 trades). */
    private static List<PatternSample> invertingAndSteady() {
        SplittableRandom random = new SplittableRandom(3);
        List<PatternSample> all = new ArrayList<>(history(0, 0, 40, 32, 20, 4, random));
        all.addAll(history(1, 7, 40, 24, 20, 12, random));
        Collections.shuffle(all, new Random(5)); // the library orders by exit time itself
        return all;
    }

    private static Instant asOf() {
        return T0.plusSeconds(86_400L * 30);
    }

    private static Pattern along(PatternLibrary library, int axis) {
        return library.pattern(library.assign(axis(axis)));
    }

    @Test
    void aPatternThatWonThenLostBeyondNoiseIsBlacklistedAndASteadyOneIsNot() {
        PatternLibrary library = PatternLibrary.fitSamples("BTC/USDT", invertingAndSteady(), asOf(), TWO);
        assertThat(library.patterns()).hasSize(2);
        Pattern inverted = along(library, 0);
        Pattern steady = along(library, 1);
        assertThat(inverted.id()).isNotEqualTo(steady.id());
        // 32 + 4 = 36 of 60; the split is the last 20 by exit time, whatever the input order
        assertThat(inverted.members()).isEqualTo(60);
        assertThat(inverted.wins()).isEqualTo(36);
        assertThat(inverted.trusted()).isTrue();
        assertThat(inverted.drift().earlierWinRate()).isEqualTo(0.8);
        assertThat(inverted.drift().recentWinRate()).isEqualTo(0.2);
        assertThat(inverted.status()).isEqualTo(PatternStatus.BLACKLISTED);
        // over all 60 trades the mean is +0.2% (sd 0.99, se 0.128), which alone would earn the normal
        // size; blacklisted, it gets the small one
        assertThat(inverted.meanPnlPercent()).isCloseTo(0.2, within(1e-12));
        assertThat(inverted.sizeMultiplier()).isEqualTo(0.5);
        assertThat(steady.wins()).isEqualTo(36);
        assertThat(steady.drift().earlierWinRate()).isEqualTo(0.6);
        assertThat(steady.status()).isEqualTo(PatternStatus.ACTIVE);
        assertThat(library.scope()).isEqualTo("BTC/USDT");
        assertThat(library.fittedThrough()).isEqualTo(asOf());
        assertThat(library.embeddingVersion()).isEqualTo(Embedding.VERSION);
    }

    @Test
    void anInversionOnTooFewTradesIsNoiseAndAnUntrustedPatternIsNeverBlacklisted() {
        SplittableRandom random = new SplittableRandom(11);
        // 30 trades, trusted: 11/20 then 4/10, p = 0.22 (see WinRateDriftTest)
        PatternLibrary noise = PatternLibrary.fitSamples("all", history(0, 0, 20, 11, 10, 4, random), asOf(),
                PatternSettings.defaults(30, 1));
        assertThat(noise.patterns()).singleElement().satisfies(p -> {
            assertThat(p.trusted()).isTrue();
            assertThat(p.drift().pValue()).isCloseTo(0.2193, within(1e-4));
            assertThat(p.status()).isEqualTo(PatternStatus.ACTIVE);
        });
        // 15 trades, 8/10 then 1/5: pooled 0.6, se = sqrt(0.24 * 0.3) = 0.26833, z = 2.236, p = 0.0127,
        // an inversion the test would call significant, but 15 < 30 members: untrusted, never blacklisted
        PatternLibrary few = PatternLibrary.fitSamples("all", history(0, 0, 10, 8, 5, 1, random), asOf(),
                PatternSettings.defaults(30, 1));
        assertThat(few.patterns()).singleElement().satisfies(p -> {
            assertThat(p.trusted()).isFalse();
            assertThat(p.drift()).isNull();
            assertThat(p.status()).isEqualTo(PatternStatus.ACTIVE);
        });
        PatternLibrary trustedAtFifteen = PatternLibrary.fitSamples("all", history(0, 0, 10, 8, 5, 1,
                new SplittableRandom(11)), asOf(), PatternSettings.defaults(15, 1));
        assertThat(trustedAtFifteen.pattern(0).status()).as("the same trades, trusted at 15")
                .isEqualTo(PatternStatus.BLACKLISTED);
    }

    @Test
    void onlyTradesThatHadExitedByAsOfCount() {
        List<PatternSample> past = invertingAndSteady();
        PatternLibrary before = PatternLibrary.fitSamples("all", past, asOf(), TWO);
        // 31 trades exiting after asOf, mixed into the list: 30 losers on axis 1, which would flip it
        List<PatternSample> withFuture = new ArrayList<>(past);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 30; i++) {
            withFuture.add(random.nextInt(withFuture.size() + 1),
                    trade(Samples.near(1, 0.05, random), 86_400L / 60 * 30 + 1 + i, false));
        }
        withFuture.add(trade(axis(0), 86_400L / 60 * 30 + 1, true));
        PatternLibrary after = PatternLibrary.fitSamples("all", withFuture, asOf(), TWO);
        assertThat(after).usingRecursiveComparison().isEqualTo(before);
        // and the same trades a day later do change it, so the test above could fail: axis 1 then has 90
        // members, the earlier 60 won 36 (60%), the recent 30 all lost: blacklisted
        PatternLibrary later = PatternLibrary.fitSamples("all", withFuture, asOf().plusSeconds(86_400), TWO);
        assertThat(along(later, 1).members()).isEqualTo(60 + 30);
        assertThat(along(later, 1).status()).isEqualTo(PatternStatus.BLACKLISTED);
    }

    @Test
    void theSameInputGivesTheSameLibraryBitForBit() {
        SplittableRandom random = new SplittableRandom(21);
        List<PatternSample> samples = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            float[] e = new float[Embedding.DIMENSION];
            for (int j = 0; j < e.length; j++) {
                e[j] = (float) random.nextGaussian();
            }
            samples.add(trade(e, i, random.nextDouble() < 0.5));
        }
        PatternSettings settings = PatternSettings.defaults(30, 42);
        PatternLibrary a = PatternLibrary.fitSamples("all", samples, asOf(), settings);
        PatternLibrary b = PatternLibrary.fitSamples("all", List.copyOf(samples), asOf(), settings);
        // k = min(16, 600 / 30) = 16 on structureless data: every cluster non-empty
        assertThat(a.patterns()).hasSize(16);
        assertThat(a).usingRecursiveComparison().isEqualTo(b);
        int members = 0;
        for (Pattern p : a.patterns()) {
            members += p.members();
            double norm = 0;
            for (float v : p.centroid()) {
                norm += v * v;
            }
            assertThat(norm).as("unit centroid").isCloseTo(1.0, within(1e-6));
        }
        assertThat(members).isEqualTo(600);
        PatternLibrary otherSeed = PatternLibrary.fitSamples("all", samples, asOf(), PatternSettings.defaults(30, 43));
        assertThat(otherSeed.pattern(0).centroid()).as("the seed matters").isNotEqualTo(a.pattern(0).centroid());
    }

    @Test
    void fewerPatternsThanClustersWhenTradesAreFewOrAlike() {
        SplittableRandom random = new SplittableRandom(2);
        List<PatternSample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(trade(axis(i % 2 == 0 ? 3 : 29), i, random.nextBoolean()));
        }
        // k = min(16, 200 / 30) = 6 wanted, but only two distinct directions exist
        PatternLibrary two = PatternLibrary.fitSamples("all", samples, asOf(), PatternSettings.defaults(30, 1));
        assertThat(two.patterns()).extracting(Pattern::members).containsExactlyInAnyOrder(100, 100);
        // 59 trades with min 30: k = max(1, 59 / 30) = 1
        PatternLibrary one = PatternLibrary.fitSamples("all", samples.subList(0, 59), asOf(),
                PatternSettings.defaults(30, 1));
        assertThat(one.patterns()).singleElement().extracting(Pattern::members).isEqualTo(59);
        // other embedding versions are left out; nothing left is an empty library
        List<PatternSample> old = samples.stream().map(s -> new PatternSample(s.exitTime(), s.embedding(),
                Embedding.VERSION + 1, s.pnlPercent(), s.mfePercent(), s.maePercent(), s.win())).toList();
        PatternLibrary none = PatternLibrary.fitSamples("all", old, asOf(), PatternSettings.defaults(30, 1));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.assign(axis(3))).isEqualTo(-1);
    }

    @Test
    void assignFindsTheMostSimilarCentroidWithoutAllocating() {
        PatternLibrary library = new PatternLibrary("all", T0, Embedding.VERSION, List.of(
                PatternStatisticsTest.pattern(0, axis(0), PatternStatus.ACTIVE),
                PatternStatisticsTest.pattern(1, axis(1), PatternStatus.ACTIVE)));
        float[] q = new float[Embedding.DIMENSION];
        q[0] = 0.5f;
        q[1] = 1f;
        // cos to axis 1 = 1 / sqrt(1.25) = 0.894427, to axis 0 = 0.5 / sqrt(1.25) = 0.447214
        assertThat(library.assign(q)).isEqualTo(1);
        assertThat(library.similarity(q, 1)).isCloseTo(0.894427, within(1e-6));
        assertThat(library.similarity(q, 0)).isCloseTo(0.447214, within(1e-6));
        q[0] = 1f;
        assertThat(library.assign(q)).as("a tie goes to the lowest id").isZero();
        assertThat(library.assign(new float[Embedding.DIMENSION])).isEqualTo(-1);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int sum = 0;
        for (int i = 0; i < 200_000; i++) {
            sum += library.assign(q);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
            sum += library.assign(q);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sum).isZero();
        assertThat(allocated).as("bytes allocated by 200,000 look-ups").isLessThan(10_000);
    }
}
