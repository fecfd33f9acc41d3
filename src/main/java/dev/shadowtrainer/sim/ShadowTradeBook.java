package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.CandleSeries;

/**
 * Resolves every possible trade: at each tradeable bar's close, "enter long at the next open with the
 * configured stop, target and max hold", walked forward bar by bar with the same fill rules as the
 * policy's own trades. A shadow trade becomes visible (to memory, statistics, rewards) only when it is
 * resolved, at its exit bar.
 */
final class ShadowTradeBook {
    /** Told of each shadow trade at its exit bar. */
    interface Listener {
        void resolved(ShadowTrades trades, int index);
    }

    private final ExecutionModel execution;
    private final CandleSeries candles;
    private final byte[] regimes;
    private final OpenLong[] pool;
    /**
     * Bit k is set while pool[k] is in use. With about a dozen of a hundred-odd slots busy on 1m bars,
     * walking the set bits in index order visits only the live trades, in the same order as a scan of
     * the whole pool, and the lowest clear bit is the first free slot.
     */
    private final long[] busy;
    private final int maxHoldBars;
    private final ShadowTrades resolved;
    private final Listener listener;
    private final double[] exitPrice = new double[1];
    private int unfilled;

    ShadowTradeBook(ExecutionModel execution, MarketData data, Listener listener) {
        this(execution, data, listener, 1024);
    }

    /** A book that expects about {@code expectedTrades} resolved trades (at most one per bar of a run). */
    ShadowTradeBook(ExecutionModel execution, MarketData data, Listener listener, int expectedTrades) {
        this.execution = execution;
        this.candles = data.candles();
        this.regimes = data.regimes();
        this.listener = listener;
        ExecutionConfig c = execution.config();
        // At most one order per bar is alive for max hold + maker wait + the exit bar.
        this.pool = new OpenLong[c.maxHoldBars() + (c.makerEntry() ? c.makerExpiryBars() : 1) + 3];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new OpenLong();
        }
        this.busy = new long[(pool.length + 63) >>> 6];
        this.maxHoldBars = c.maxHoldBars();
        this.resolved = new ShadowTrades(c.positionSize(), expectedTrades);
    }

    ShadowTrades trades() {
        return resolved;
    }

    /** Maker entries that expired unfilled. */
    int unfilled() {
        return unfilled;
    }

    /** Advances every live shadow trade through {@code bar}; {@code last} closes what is still open. */
    void step(int bar, boolean last) {
        for (int word = 0; word < busy.length; word++) {
            long bits = busy[word];
            while (bits != 0) {
                int k = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                OpenLong p = pool[k];
                if (!last && p.state == OpenLong.State.OPEN && p.barsHeld(bar) < maxHoldBars
                        && execution.untouched(p, bar)) {
                    continue; // still open, extremes updated: what manage() does on a quiet bar
                }
                advance(p, bar, last);
                if (p.state == OpenLong.State.FREE) {
                    busy[word] &= ~(1L << k);
                }
            }
        }
    }

    private void advance(OpenLong p, int bar, boolean last) {
        switch (p.state) {
            case FREE -> {
            }
            case ORDERED -> {
                int filled = execution.tryFill(p, bar, regimes[bar]);
                if (filled < 0) {
                    unfilled++;
                } else if (filled > 0) {
                    manage(p, bar);
                } else if (last) {
                    p.reset();
                }
            }
            case EXIT_ORDERED -> {
                if (!candles.isFiller(bar)) {
                    close(p, bar, execution.marketExitPrice(bar), false, p.pendingExit);
                }
            }
            case OPEN -> manage(p, bar);
        }
        // A position still open, or timed out at this very close, ends with the data.
        if (last && (p.state == OpenLong.State.OPEN || p.state == OpenLong.State.EXIT_ORDERED)) {
            close(p, bar, execution.endOfDataPrice(bar), false, ExitReason.END_OF_DATA);
        }
    }

    private void manage(OpenLong p, int bar) {
        ExitReason reason = execution.checkExit(p, bar, exitPrice);
        if (reason != null) {
            boolean maker = reason == ExitReason.TAKE_PROFIT;
            close(p, bar, exitPrice[0], maker, reason);
        } else if (p.barsHeld(bar) >= execution.config().maxHoldBars()) {
            p.state = OpenLong.State.EXIT_ORDERED;
            p.pendingExit = ExitReason.TIMEOUT;
        }
    }

    /** Opens a shadow order at {@code bar}'s close, to enter at the next bar. */
    void open(int bar) {
        for (int word = 0; word < busy.length; word++) {
            long free = ~busy[word];
            if (free != 0) {
                int k = (word << 6) + Long.numberOfTrailingZeros(free);
                if (k >= pool.length) {
                    break;
                }
                execution.order(pool[k], bar, bar, 1.0);
                busy[word] |= 1L << k;
                return;
            }
        }
        throw new IllegalStateException("shadow trade pool exhausted at bar " + bar);
    }

    private void close(OpenLong p, int bar, double price, boolean maker, ExitReason reason) {
        double fee = reason == ExitReason.LIQUIDATION ? p.margin + p.quantity * (price - p.entryPrice)
                : execution.fee(p.notional, maker);
        resolved.add(p, bar, price, fee, reason, regimes[bar]);
        p.reset();
        listener.resolved(resolved, resolved.size() - 1);
    }
}
