package dev.shadowtrainer.bench;

import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.StoredTrade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded synthetic trades for the trade-memory bench, shaped like the real ones: an embedding laid out as
 * {@link Embedding} lays it out (27 feature z-scores clipped to +-5, then the regime one-hot), drawn from
 * a mixture of {@value #CLUSTERS} Gaussians (set-ups recur, so real embeddings are clustered; uniform
 * noise would make approximate search look worse than it is on real data), each cluster with a usual
 * regime; the features as a JSON object of those 27 values; trades of {@link #SYMBOLS} spread evenly
 * over {@value #PERIOD_DAYS} days, held 15 minutes to a day.
 */
final class SyntheticTrades {
    static final String[] SYMBOLS = {"BTC/USDT", "ETH/USDT", "SOL/USDT", "BNB/USDT", "XRP/USDT"};
    static final int CLUSTERS = 64;
    static final int PERIOD_DAYS = 730;
    static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    static final String RUN_ID = "bench-memory";
    private static final int FEATURES = Embedding.DIMENSION - AtrAdxRegime.values().length;
    private static final double SPREAD = 0.6;
    private static final String[] REASONS = {"TAKE_PROFIT", "STOP_LOSS", "TIMEOUT", "AGENT_EXIT"};

    private final float[][] centres = new float[CLUSTERS][FEATURES];
    private final int[] usualRegime = new int[CLUSTERS];
    private final int rows;
    private final SplittableRandom random;

    /** A generator of {@code rows} trades from {@code seed}; the same seed gives the same trades. */
    SyntheticTrades(int rows, long seed) {
        this.rows = rows;
        SplittableRandom r = new SplittableRandom(seed);
        for (int c = 0; c < CLUSTERS; c++) {
            for (int f = 0; f < FEATURES; f++) {
                centres[c][f] = (float) (r.nextGaussian() * 1.2);
            }
            usualRegime[c] = r.nextInt(AtrAdxRegime.values().length);
        }
        this.random = r.split();
    }

    /** A fresh embedding from the same mixture (a look-up's query). */
    float[] embedding(SplittableRandom r) {
        int c = r.nextInt(CLUSTERS);
        float[] e = new float[Embedding.DIMENSION];
        for (int f = 0; f < FEATURES; f++) {
            e[f] = (float) Math.max(-5, Math.min(5, centres[c][f] + r.nextGaussian() * SPREAD));
        }
        int regime = r.nextDouble() < 0.8 ? usualRegime[c] : r.nextInt(AtrAdxRegime.values().length);
        e[FEATURES + regime] = 1f;
        return e;
    }

    /** The period's length in seconds; trade {@code i} enters at about i/rows of it. */
    static long periodSeconds() {
        return PERIOD_DAYS * 86_400L;
    }

    /** Trades {@code from} (inclusive) to {@code to} (exclusive), in entry order. */
    List<StoredTrade> trades(int from, int to, String keyPrefix) {
        List<StoredTrade> out = new ArrayList<>(to - from);
        StringBuilder json = new StringBuilder(700);
        for (int i = from; i < to; i++) {
            float[] e = embedding(random);
            json.setLength(0);
            json.append('{');
            for (int f = 0; f < FEATURES; f++) {
                json.append(f == 0 ? "" : ", ").append("\"f").append(f).append("\": ").append(e[f]);
            }
            json.append('}');
            long entry = (long) ((double) i / rows * periodSeconds()) + random.nextInt(60);
            long held = 900 + random.nextInt(86_400 - 900);
            double entryPrice = 100 * Math.exp(random.nextGaussian() * 0.3);
            double change = random.nextGaussian() * 0.01;
            double size = 1_000;
            double fees = size * 0.0008;
            double pnl = size * change - fees;
            String key = String.format(Locale.ROOT, "%s%016x%016x%016x", keyPrefix, random.nextLong(),
                    random.nextLong(), (long) i);
            String regime = AtrAdxRegime.values()[regimeOf(e)].name();
            out.add(new StoredTrade(key, RUN_ID, "binance", SYMBOLS[random.nextInt(SYMBOLS.length)], "15m",
                    random.nextInt(10) == 0 ? "agent" : "shadow", START.plusSeconds(entry),
                    START.plusSeconds(entry + held), entryPrice, entryPrice * (1 + change), size, 1, fees, pnl,
                    100 * pnl / size, REASONS[random.nextInt(REASONS.length)], Math.abs(change) * 150,
                    -Math.abs(change) * 80, regime, 0.01 + random.nextDouble() * 0.03, json.toString(), e,
                    Embedding.VERSION, pnl > 0));
        }
        return out;
    }

    private static int regimeOf(float[] e) {
        for (int i = FEATURES; i < e.length; i++) {
            if (e[i] == 1f) {
                return i - FEATURES;
            }
        }
        throw new IllegalStateException("no regime");
    }
}
