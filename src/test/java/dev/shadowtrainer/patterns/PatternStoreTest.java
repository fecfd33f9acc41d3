package dev.shadowtrainer.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.RunRecord;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.TestPostgres;
import dev.shadowtrainer.memory.TradeMemory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pattern_library on both stores: round trip, replacement by scope, rankings, and the fitting input. */
class PatternStoreTest {
    private static final PatternSettings TWO = new PatternSettings(2, 30, 7, 50, new double[] {0.5, 1.0, 1.5});
    private static final Instant AS_OF = Samples.T0.plusSeconds(86_400L * 30);

    @TempDir
    Path dir;

    private MemoryUrl postgres;

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    private MemoryDatabase open(String store) {
        if (store.equals("h2")) {
            return MemoryDatabase.open(MemoryUrl.parse("h2:" + dir.resolve("memory")));
        }
        postgres = TestPostgres.create("patterns");
        return MemoryDatabase.open(postgres);
    }

    @AfterEach
    void drop() {
        if (postgres != null) {
            TestPostgres.drop(postgres);
        }
    }

    /** Axis 0: 80% then 20% (blacklisted); axis 1: steady 60%; as in PatternLibraryTest. */
    static PatternLibrary invertingAndSteady(String scope) {
        SplittableRandom random = new SplittableRandom(3);
        List<PatternSample> all = new ArrayList<>(Samples.history(0, 0, 40, 32, 20, 4, random));
        all.addAll(Samples.history(1, 7, 40, 24, 20, 12, random));
        return PatternLibrary.fitSamples(scope, all, AS_OF, TWO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aLibraryComesBackExactlyAndStoringItAgainChangesNothing(String store) {
        PatternStore patterns = new PatternStore(open(store));
        assertThat(patterns.load("BTC/USDT")).isEmpty();
        PatternLibrary library = invertingAndSteady("BTC/USDT");
        patterns.save(library);
        assertThat(patterns.load("BTC/USDT")).get().usingRecursiveComparison().isEqualTo(library);
        patterns.save(library);
        assertThat(patterns.count()).isEqualTo(2);
        assertThat(patterns.load("BTC/USDT")).get().usingRecursiveComparison().isEqualTo(library);
        // the loaded library answers look-ups as the fitted one does
        PatternLibrary loaded = patterns.load("BTC/USDT").orElseThrow();
        float[] q = Samples.near(0, 0.1, new SplittableRandom(1));
        assertThat(loaded.assign(q)).isEqualTo(library.assign(q));
        assertThat(loaded.similarity(q, 0)).isEqualTo(library.similarity(q, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRefitReplacesOnlyItsOwnScope(String store) {
        PatternStore patterns = new PatternStore(open(store));
        patterns.save(invertingAndSteady("BTC/USDT"));
        patterns.save(invertingAndSteady("all"));
        // refit BTC/USDT on the steady set-up only: one pattern, fitted through a later time
        SplittableRandom random = new SplittableRandom(4);
        PatternLibrary refit = PatternLibrary.fitSamples("BTC/USDT", Samples.history(1, 0, 40, 24, 20, 12, random),
                AS_OF.plusSeconds(3600), new PatternSettings(1, 30, 7, 50, new double[] {0.5, 1.0, 1.5}));
        patterns.save(refit);
        assertThat(patterns.count()).isEqualTo(3);
        PatternLibrary btc = patterns.load("BTC/USDT").orElseThrow();
        assertThat(btc.patterns()).hasSize(1);
        assertThat(btc.fittedThrough()).isEqualTo(AS_OF.plusSeconds(3600));
        assertThat(patterns.load("all").orElseThrow().patterns()).hasSize(2);
        // an empty refit clears the scope
        patterns.save(new PatternLibrary("BTC/USDT", AS_OF, Embedding.VERSION, List.of()));
        assertThat(patterns.load("BTC/USDT")).isEmpty();
        assertThat(patterns.count()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void topWorstAndBlacklistedAreRankedAsDocumented(String store) {
        PatternStore patterns = new PatternStore(open(store));
        SplittableRandom random = new SplittableRandom(8);
        List<PatternSample> samples = new ArrayList<>();
        samples.addAll(Samples.history(0, 0, 40, 32, 20, 4, random));    // 36/60, blacklisted
        samples.addAll(Samples.history(1, 1, 40, 30, 20, 15, random));   // 45/60 = 75%, steady
        samples.addAll(Samples.history(2, 2, 20, 6, 10, 3, random));     // 9/30 = 30%, steady
        samples.addAll(Samples.history(3, 3, 10, 10, 5, 5, random));     // 15/15, untrusted
        PatternLibrary library = PatternLibrary.fitSamples("ETH/USDT", samples, AS_OF,
                new PatternSettings(4, 30, 3, 50, new double[] {0.5, 1.0, 1.5}));
        assertThat(library.patterns()).hasSize(4);
        patterns.save(library);
        int winner = library.assign(Samples.axis(1));
        int inverted = library.assign(Samples.axis(0));
        int loser = library.assign(Samples.axis(2));
        assertThat(patterns.top(2)).extracting(s -> s.pattern().id()).containsExactly(winner, inverted);
        assertThat(patterns.worst(10)).extracting(s -> s.pattern().id()).containsExactly(loser, inverted, winner);
        assertThat(patterns.blacklisted()).singleElement().satisfies(s -> {
            assertThat(s.pattern().id()).isEqualTo(inverted);
            assertThat(s.scope()).isEqualTo("ETH/USDT");
            assertThat(s.updatedAt()).isEqualTo(AS_OF);
        });
        assertThat(patterns.top(0)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void pastSamplesAreTheTradesExitedByAsOfAndFitAsTheTradesThemselves(String store) {
        MemoryDatabase db = open(store);
        TradeMemory memory = new TradeMemory(db);
        memory.saveRun(new RunRecord("run-1", Samples.T0, "binance", "BTC/USDT", "15m", "test", 7, "ppo", "{}"));
        List<StoredTrade> trades = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 120; i++) {
            PatternSample s = Samples.trade(Samples.near(i % 3, 0.05, random), 15L * i, random.nextDouble() < 0.55);
            String symbol = i % 4 == 0 ? "ETH/USDT" : "BTC/USDT";
            trades.add(new StoredTrade("k" + i, "run-1", "binance", symbol, "15m", "shadow",
                    s.exitTime().minusSeconds(900), s.exitTime(), 100, 101, 1000, 1, 1, 10 * s.pnlPercent(),
                    s.pnlPercent(), "TAKE_PROFIT", s.mfePercent(), s.maePercent(), "NEUTRAL", 0.01, "{}",
                    s.embedding(), Embedding.VERSION, s.win()));
        }
        List<StoredTrade> shuffled = new ArrayList<>(trades);
        java.util.Collections.shuffle(shuffled, new Random(1));
        memory.save(shuffled);
        PatternStore patterns = new PatternStore(db);
        // exits at minutes 15 i, i = 0..119; as of minute 900 those of i <= 60 had exited: 61 trades, 16 of
        // them ETH (i = 0, 4, ..., 60), 45 BTC
        Instant asOf = Samples.T0.plusSeconds(60 * 900);
        List<PatternSample> btc = patterns.pastSamples("BTC/USDT", asOf);
        assertThat(patterns.pastSamples(null, asOf)).hasSize(61);
        assertThat(btc).hasSize(45).allSatisfy(s -> assertThat(s.exitTime()).isBeforeOrEqualTo(asOf));
        List<StoredTrade> btcTrades = trades.stream().filter(t -> t.symbol().equals("BTC/USDT")).toList();
        PatternSettings settings = PatternSettings.defaults(10, 5);
        assertThat(PatternLibrary.fitSamples("BTC/USDT", btc, asOf, settings)).usingRecursiveComparison()
                .isEqualTo(PatternLibrary.fit("BTC/USDT", btcTrades, asOf, settings));
    }
}
