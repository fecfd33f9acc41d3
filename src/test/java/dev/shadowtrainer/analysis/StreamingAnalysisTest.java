package dev.shadowtrainer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.memory.PostExitRow;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The analyzers read the trades in passes and keep running sums instead of the trades: their result must be the
 * one of the analyzers that held every trade ({@link ReferenceAnalysis}), number for number, on a seeded dataset
 * with everything that can go wrong in a sum or an order: missing features, ties in pnl % and in entry time,
 * zero pnl, -0.0, trades without a pattern or a post-exit row, every kind and verdict.
 */
class StreamingAnalysisTest {
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    private static final String[] KINDS = {"agent", "shadow", "shadow", "shadow", "live"};
    private static final String[] REGIMES = {"LOW_VOL_TRENDING", "HIGH_VOL_RANGING", "NEUTRAL"};
    private static final String[] EXITS = {"TAKE_PROFIT", "STOP_LOSS", "TIMEOUT", "SIGNAL", "LIQUIDATION"};
    private static final String[] VERDICTS = {"ABOUT_RIGHT", "TOO_EARLY", "TOO_LATE", "PENDING"};
    private static final String[] FEATURES = {"rsi_14", "atr_rel_14", "adx_14", "ema_slope_12", "log_return_1",
        "volume_z_20"};

    /** Trade {@code i} of a seeded dataset: the same trade every time it is asked for, a new object each time. */
    static AnalysedTrade trade(long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        String kind = KINDS[r.nextInt(KINDS.length)];
        // pnl % on a coarse grid so that ties are common; some exactly 0 and -0.0
        double pnlPercent = switch (r.nextInt(20)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            default -> Math.round(r.nextGaussian() * 8) / 4.0;
        };
        double size = 50 + r.nextInt(100);
        double pnl = pnlPercent * size / 100;
        Instant entry = START.plus(Duration.ofMinutes(15L * r.nextInt(6 * 96))); // 6 days, many equal times
        Map<String, Double> features = new HashMap<>();
        for (String f : FEATURES) {
            if (r.nextInt(10) > 0) {
                features.put(f, r.nextInt(7) == 0 ? 0.5 : r.nextGaussian() * (1 + f.length() % 3));
            }
        }
        int pattern = r.nextInt(12) - 1; // -1: no pattern
        if (pattern == 3) {
            pattern = 30; // a sparse id
        }
        String key = "k" + i;
        PostExitRow post = null;
        if (r.nextInt(8) > 0) {
            Double p1 = r.nextInt(6) == 0 ? null : 100 + r.nextGaussian();
            Double p4 = r.nextInt(6) == 0 ? null : 100 + r.nextGaussian() * 2;
            Double p24 = r.nextInt(6) == 0 ? null : 100 + r.nextGaussian() * 4;
            Double missed = r.nextInt(5) == 0 ? null : r.nextDouble() * 3;
            post = new PostExitRow(key, p1, p4, p24, null, missed, VERDICTS[r.nextInt(VERDICTS.length)]);
        }
        double mfe = r.nextDouble() * 3;
        return new AnalysedTrade(key, kind, r.nextInt(9) == 0 ? "ETH/USDT" : "BTC/USDT", Duration.ofMinutes(15), entry,
                entry.plus(Duration.ofMinutes(15L * (1 + r.nextInt(40)))), 100 + r.nextGaussian(), pnl, pnlPercent,
                0.05 + r.nextDouble() * 0.2, size, 1, EXITS[r.nextInt(EXITS.length)], mfe, -r.nextDouble() * 3,
                REGIMES[r.nextInt(REGIMES.length)], r.nextInt(3) == 0 ? null : REGIMES[r.nextInt(REGIMES.length)],
                r.nextInt(10) == 0 ? 0 : r.nextDouble() * 0.01, features, pnl > 0, pattern, post);
    }

    /** The dataset as a list that builds each trade when read, holding none, and counts the reads. */
    static List<AnalysedTrade> lazy(long seed, int size, AtomicInteger reads) {
        return new AbstractList<>() {
            @Override
            public AnalysedTrade get(int i) {
                reads.incrementAndGet();
                return trade(seed, i);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Test
    void streamingAnalysisEqualsTheAnalysisThatHeldEveryTrade() {
        for (long seed = 1; seed <= 3; seed++) {
            int n = 4_000;
            List<AnalysedTrade> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                held.add(trade(seed, i));
            }
            for (int min : new int[] {1, 5, 40}) {
                RunAnalysis expected = ReferenceAnalysis.of("run", held, min);
                AtomicInteger reads = new AtomicInteger();
                RunAnalysis streamed = RunAnalysis.of("run", lazy(seed, n, reads), min);
                assertThat(streamed).isEqualTo(expected);
                assertThat(streamed.win().skills()).isNotEmpty();
                assertThat(streamed.win().scoredWinners()).isPositive();
                assertThat(streamed.loss().losses()).isNotEmpty();
                assertThat(streamed.win().patterns()).isNotEmpty();
                // five passes, each trade read once per pass and then dropped
                assertThat(reads.get()).isEqualTo(5 * n);
            }
        }
    }

    @Test
    void eachAnalyzerOnItsOwnEqualsTheOldOne() {
        List<AnalysedTrade> held = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            held.add(trade(7, i));
        }
        assertThat(new WinAnalyzer(5).analyze(held)).isEqualTo(ReferenceAnalysis.win(held, 5));
        assertThat(new LossAnalyzer(5).analyze(held)).isEqualTo(ReferenceAnalysis.loss(held, 5));
        assertThat(new PostExitAnalyzer(5).analyze(held)).isEqualTo(ReferenceAnalysis.postExit(held, 5));
    }

    @Test
    void theSampleRunAnalysesAsBefore() {
        List<AnalysedTrade> trades = SampleRun.trades();
        assertThat(RunAnalysis.of("run-1", trades, 5)).isEqualTo(ReferenceAnalysis.of("run-1", trades, 5));
    }
}
