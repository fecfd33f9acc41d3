package dev.shadowtrainer.memory;

import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MarketView;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.ShadowTrades;
import dev.shadowtrainer.sim.Trade;
import java.util.List;
import java.util.Objects;

/**
 * The pattern-memory features of the observation, from the in-process index of resolved trades: the
 * {@code k} past trades whose entry embeddings are nearest (cosine) to the embedding of the bar just
 * closed, and of those the win rate, the mean pnl %, how many were found (as a share of k) and the mean
 * cosine similarity.
 *
 * <p>No lookahead: the simulator feeds each trade, the policy's and every shadow trade, at its exit bar
 * and never earlier, so the index holds only trades that had exited by the current bar; its embedding
 * is that of its entry decision bar (see {@link Embedding}), earlier still. A run may start from a
 * preloaded past (the trade memory's trades that exited before the run's first bar, see
 * {@link TradeMemory#recall}); {@link #clear()} goes back to exactly that past.
 *
 * <p>Fast by construction: the index keeps the latest {@code capacity} trades in a ring of unit vectors
 * stored dimension by dimension (one array per dimension, indexed by ring slot), so a look-up is an exact
 * scan of at most capacity × {@value Embedding#DIMENSION} multiply-adds written as
 * {@value Embedding#DIMENSION} element-wise passes over the slots, which the JIT turns into SIMD
 * instructions. (A dot product per trade would be a floating-point reduction, which it may not reorder;
 * one flat array with a per-dimension offset kept it from vectorising too, five times slower.) It
 * allocates nothing, and of equal similarities the more recent trade ranks higher (see {@link KBest}), so
 * the k nearest are one definite set and the features are sums over it in one definite order.
 */
public final class NearestTrades implements MemoryLookup {
    /** Values a look-up writes. */
    public static final int WIDTH = 4;
    private static final int D = Embedding.DIMENSION;
    private static final String[] SLOTS = {"knn_win_rate", "knn_mean_pnl_percent", "knn_found_share",
        "knn_mean_similarity"};

    private final MarketData market;
    private final int capacity;
    private final int k;
    private final Past past;

    /** Unit vectors by dimension: value j of slot s at {@code columns[j][s]}. */
    private final float[][] columns;
    private final float[] similarity;
    private final float[] pnlPercent;
    private final boolean[] win;
    private int count;
    private int next;

    private final float[] query = new float[D];
    private final float[] weight = new float[D];
    private final int[] dimension = new int[D];
    private final float[] entry = new float[D];
    private final KBest best;

    /**
     * @param market   the run's market, for the entry embeddings of trades fed in
     * @param capacity the most recent trades kept
     * @param k        neighbours per look-up
     * @param past     trades known before the run's first bar, oldest first
     */
    public NearestTrades(MarketData market, int capacity, int k, Past past) {
        this.market = Objects.requireNonNull(market, "market is null");
        this.past = Objects.requireNonNull(past, "past is null");
        if (capacity < 1 || k < 1 || k > capacity) {
            throw new IllegalArgumentException("need 1 <= k <= capacity, got k " + k + " and capacity " + capacity);
        }
        this.capacity = capacity;
        this.k = k;
        this.columns = new float[D][capacity];
        this.similarity = new float[capacity];
        this.pnlPercent = new float[capacity];
        this.win = new boolean[capacity];
        this.best = new KBest(k);
        clear();
    }

    /** Trades known before a run starts, oldest first: their entry embeddings and outcomes. */
    public record Past(List<float[]> embeddings, float[] pnlPercent, boolean[] win) {
        public static final Past NONE = new Past(List.of(), new float[0], new boolean[0]);

        public Past {
            if (embeddings.size() != pnlPercent.length || pnlPercent.length != win.length) {
                throw new IllegalArgumentException("past trades: " + embeddings.size() + " embeddings, "
                        + pnlPercent.length + " pnl values, " + win.length + " win flags");
            }
        }

        /** The recalled trades of the trade memory (oldest first). */
        public static Past of(List<TradeMemory.Recalled> recalled) {
            float[] pnl = new float[recalled.size()];
            boolean[] won = new boolean[recalled.size()];
            List<float[]> embeddings = new java.util.ArrayList<>(recalled.size());
            for (int i = 0; i < pnl.length; i++) {
                StoredTrade t = recalled.get(i).trade();
                embeddings.add(t.embeddingView());
                pnl[i] = (float) t.pnlPercent();
                won[i] = t.win();
            }
            return new Past(List.copyOf(embeddings), pnl, won);
        }

        public int size() {
            return pnlPercent.length;
        }
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public String slotName(int i) {
        return SLOTS[i];
    }

    /** Trades in the index now. */
    public int size() {
        return count;
    }

    @Override
    public void remember(Trade trade) {
        // A market order decided at the close of the bar before its entry bar; the same bar TradeRecords embeds.
        add(Math.max(0, trade.entryBar() - 1), trade.pnlPercent(), trade.isWin());
    }

    @Override
    public void rememberShadow(ShadowTrades trades, int index) {
        add(trades.decisionBar(index), trades.pnlPercent(index), trades.isWin(index));
    }

    private void add(int decisionBar, double pnl, boolean won) {
        Embedding.write(market, decisionBar, entry);
        store(entry, (float) pnl, won);
    }

    private void store(float[] embedding, float pnl, boolean won) {
        double norm = 0;
        for (int j = 0; j < D; j++) {
            norm += embedding[j] * embedding[j];
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int j = 0; j < D; j++) {
            columns[j][next] = embedding[j] * scale;
        }
        pnlPercent[next] = Float.isFinite(pnl) ? pnl : 0f;
        win[next] = won;
        next = next + 1 == capacity ? 0 : next + 1;
        count = Math.min(count + 1, capacity);
    }

    @Override
    public void describe(MarketView view, float[] target, int offset) {
        Embedding.into(view, query);
        double norm = 0;
        for (int j = 0; j < D; j++) {
            norm += query[j] * query[j];
        }
        float scale = (float) (1 / Math.sqrt(norm)); // never 0: the regime one-hot is always set
        int n = count;
        // The non-zero dimensions (four of the five regime slots are 0), in order.
        int used = 0;
        for (int j = 0; j < D; j++) {
            float q = query[j] * scale;
            if (q != 0f) {
                weight[used] = q;
                dimension[used++] = j;
            }
        }
        similarities(columns, weight, dimension, used, n, similarity);
        // Newest first: slots next-1 .. 0, then the older end of a full ring.
        best.clear();
        best.offerNewestFirst(similarity, next - 1, 0);
        if (n == capacity) {
            best.offerNewestFirst(similarity, capacity - 1, next);
        }
        int found = best.found();
        if (found == 0) {
            target[offset] = 0.5f;
            target[offset + 1] = 0f;
            target[offset + 2] = 0f;
            target[offset + 3] = 0f;
            return;
        }
        // Summed worst first (KBest's order), so the sums depend only on which trades are the k nearest.
        int wins = 0;
        float pnl = 0f;
        float similarity = 0f;
        for (int i = 0; i < found; i++) {
            int slot = best.slot(i);
            wins += win[slot] ? 1 : 0;
            pnl += pnlPercent[slot];
            similarity += best.similarity(i);
        }
        target[offset] = (float) wins / found;
        target[offset + 1] = pnl / found;
        target[offset + 2] = (float) found / k;
        target[offset + 3] = similarity / found;
    }

    /**
     * {@code out[s]} = the sum over {@code i < used} of {@code weight[i] * columns[dimension[i]][s]} for
     * each slot {@code s < n}, added one product at a time in that order (the first assigns). Four
     * dimensions per pass over the slots: each slot's sum is the same floats as with one pass per
     * dimension, with a quarter of the loads and stores of the sums (Java never fuses or reorders
     * float arithmetic, and the JIT vectorises each pass across slots).
     */
    static void similarities(float[][] columns, float[] weight, int[] dimension, int used, int n, float[] similarity) {
        int d = 0;
        for (; d + 4 <= used; d += 4) {
            float q0 = weight[d];
            float q1 = weight[d + 1];
            float q2 = weight[d + 2];
            float q3 = weight[d + 3];
            float[] c0 = columns[dimension[d]];
            float[] c1 = columns[dimension[d + 1]];
            float[] c2 = columns[dimension[d + 2]];
            float[] c3 = columns[dimension[d + 3]];
            if (d == 0) {
                for (int s = 0; s < n; s++) {
                    similarity[s] = q0 * c0[s] + q1 * c1[s] + q2 * c2[s] + q3 * c3[s];
                }
            } else {
                for (int s = 0; s < n; s++) {
                    similarity[s] = similarity[s] + q0 * c0[s] + q1 * c1[s] + q2 * c2[s] + q3 * c3[s];
                }
            }
        }
        for (; d < used; d++) {
            float q = weight[d];
            float[] column = columns[dimension[d]];
            if (d == 0) {
                for (int s = 0; s < n; s++) {
                    similarity[s] = q * column[s];
                }
            } else {
                for (int s = 0; s < n; s++) {
                    similarity[s] += q * column[s];
                }
            }
        }
    }

    @Override
    public void clear() {
        count = 0;
        next = 0;
        int from = Math.max(0, past.size() - capacity);
        for (int i = from; i < past.size(); i++) {
            store(past.embeddings().get(i), past.pnlPercent()[i], past.win()[i]);
        }
    }

    @Override
    public MemoryLookup fresh() {
        return new NearestTrades(market, capacity, k, past);
    }
}
