package dev.shadowtrainer.sim;

/**
 * The default pattern-memory features, from the run's own resolved shadow trades (fed at their exit
 * bars, so only the past): over the last {@value #WINDOW} resolved shadow trades, the win rate, the mean
 * pnl %, the share of the window filled, and the win rate of those that entered in the current regime
 * (0.5 where there are none).
 */
public final class ShadowStatistics implements MemoryLookup {
    static final int WINDOW = 50;

    private final boolean[] win = new boolean[WINDOW];
    private final double[] pnlPercent = new double[WINDOW];
    private final byte[] regime = new byte[WINDOW];
    private int count;
    private int next;
    private int wins;
    private double pnlSum;

    @Override
    public int width() {
        return 4;
    }

    /** Policy trades are not part of these statistics. */
    @Override
    public void remember(Trade trade) {
    }

    @Override
    public void rememberShadow(ShadowTrades trades, int i) {
        add(trades.isWin(i), trades.pnlPercent(i), trades.entryRegimeOf(i));
    }

    private void add(boolean isWin, double pnl, byte entryRegime) {
        if (count == WINDOW) {
            wins -= win[next] ? 1 : 0;
            pnlSum -= pnlPercent[next];
        } else {
            count++;
        }
        win[next] = isWin;
        pnlPercent[next] = pnl;
        regime[next] = entryRegime;
        wins += isWin ? 1 : 0;
        pnlSum += pnl;
        next = next + 1 == WINDOW ? 0 : next + 1; // no division per resolved shadow trade
    }

    @Override
    public void describe(MarketView view, float[] target, int offset) {
        target[offset] = count == 0 ? 0.5f : (float) wins / count;
        target[offset + 1] = count == 0 ? 0f : (float) (pnlSum / count);
        target[offset + 2] = (float) count / WINDOW;
        byte now = view.regime();
        int same = 0;
        int sameWins = 0;
        for (int k = 0; k < count; k++) {
            if (regime[k] == now) {
                same++;
                sameWins += win[k] ? 1 : 0;
            }
        }
        target[offset + 3] = same == 0 ? 0.5f : (float) sameWins / same;
    }

    @Override
    public MemoryLookup fresh() {
        return new ShadowStatistics();
    }

    @Override
    public void clear() {
        count = 0;
        next = 0;
        wins = 0;
        pnlSum = 0;
    }
}
