package dev.shadowtrainer.patterns;

import dev.shadowtrainer.memory.Embedding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Pattern samples of known shape for tests: trades in chosen directions with chosen outcomes. */
final class Samples {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Samples() {
    }

    /** A unit vector along axis {@code axis}. */
    static float[] axis(int axis) {
        float[] e = new float[Embedding.DIMENSION];
        e[axis] = 1f;
        return e;
    }

    /** Axis {@code axis} plus seeded noise of at most {@code noise} in every slot. */
    static float[] near(int axis, double noise, SplittableRandom random) {
        float[] e = axis(axis);
        for (int i = 0; i < e.length; i++) {
            e[i] += (float) ((random.nextDouble() * 2 - 1) * noise);
        }
        return e;
    }

    /** A trade exiting {@code minute} minutes after T0; a win earns 1% (MFE 1.5%, MAE -0.2%), a loss -1%. */
    static PatternSample trade(float[] embedding, long minute, boolean win) {
        return new PatternSample(T0.plusSeconds(60 * minute), embedding, Embedding.VERSION, win ? 1.0 : -1.0,
                win ? 1.5 : 0.3, win ? -0.2 : -1.2, win);
    }

    /**
     * Trades along {@code axis}, exiting one per 15 minutes from {@code firstMinute}: the first
     * {@code earlier} win {@code earlierWins} of them, the next {@code recent} win {@code recentWins}
     * (wins spread through each part).
     */
    static List<PatternSample> history(int axis, long firstMinute, int earlier, int earlierWins, int recent,
                                       int recentWins, SplittableRandom random) {
        List<PatternSample> out = new ArrayList<>();
        boolean[] wins = new boolean[earlier + recent];
        spread(wins, 0, earlier, earlierWins);
        spread(wins, earlier, recent, recentWins);
        for (int i = 0; i < wins.length; i++) {
            out.add(trade(near(axis, 0.05, random), firstMinute + 15L * i, wins[i]));
        }
        return out;
    }

    private static void spread(boolean[] wins, int from, int count, int winners) {
        for (int i = 0; i < count; i++) {
            // Bresenham-like: exactly `winners` of `count` positions, evenly spread
            wins[from + i] = (long) (i + 1) * winners / count > (long) i * winners / count;
        }
    }
}
