package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.CandleSeries;

/**
 * Resolves every possible trade: at each tradeable bar's close, "enter long at the next open with the
 * configured stop, target and max hold", with the same fill rules as the policy's own trades. A shadow
 * trade becomes visible (to memory, statistics, rewards) only when it is resolved, at its exit bar.
 *
 * <p>A shadow trade decided at bar d depends only on bars d+1 through its exit, so it is walked to its
 * end in one go when it is opened, over the run's bars up to its last one and no further, and held back
 * until the loop reaches the bar it ends at. Walking one trade over consecutive bars is a tight loop
 * over the price arrays, where advancing a dozen live trades by one bar at every bar was not. The slot
 * it holds in the pool stays taken until that bar, exactly as if it had been walked bar by bar, so the
 * trades ending at the same bar are released in the same order (by slot) as before.
 *
 * <p>Since a trade's end bar is known when it is opened, its slot is filed under that bar at once (a
 * ring of slot masks, one per coming bar), and a bar only looks at the slots filed under it instead of
 * every taken slot.
 */
final class ShadowTradeBook {
    /** Told of each shadow trade at its exit bar. */
    interface Listener {
        void resolved(ShadowTrades trades, int index);
    }

    /** What a slot holds once its trade has been walked to its end. */
    private static final byte TRADED = 0;
    private static final byte EXPIRED = 1;
    private static final byte DROPPED = 2;

    private final ExecutionModel execution;
    private final CandleSeries candles;
    private final byte[] regimes;
    private final OpenLong[] pool;
    /**
     * Bit k is set while pool[k] is in use, from the order until the bar its trade ends at. Walking the
     * set bits in index order visits the taken slots in the same order as a scan of the whole pool, and
     * the lowest clear bit is the first free slot.
     */
    private final long[] busy;
    /**
     * Slot masks ({@code busy.length} words each) of the trades ending at each of the next
     * {@code ring.length / busy.length} bars, by bar modulo that count; a trade ending further ahead
     * (after a long run of gap fillers) waits in {@code far} until its bar comes.
     */
    private final long[] ring;
    private final int ringMask;
    private final long[] far;
    private boolean anyFar;
    /** Per slot: the bar at which it is released, what it holds then, and the exit price and fee. */
    private final int[] endBar;
    private final byte[] outcome;
    private final double[] endPrice;
    private final double[] endFee;
    private final ExitReason[] endReason;
    private final int maxHoldBars;
    /** The run's last bar: nothing is read beyond it, and what is still open then ends with the data. */
    private final int lastBar;
    private final ShadowTrades resolved;
    private final Listener listener;
    private final double[] exitPrice = new double[1];
    private int unfilled;

    /**
     * A book for a run whose last bar is {@code lastBar}, expecting about {@code expectedTrades} resolved
     * trades (at most one per bar of a run).
     */
    ShadowTradeBook(ExecutionModel execution, MarketData data, Listener listener, int lastBar, int expectedTrades) {
        this.execution = execution;
        this.candles = data.candles();
        this.regimes = data.regimes();
        this.listener = listener;
        this.lastBar = lastBar;
        ExecutionConfig c = execution.config();
        // At most one order per bar is alive for max hold + maker wait + the exit bar.
        this.pool = new OpenLong[c.maxHoldBars() + (c.makerEntry() ? c.makerExpiryBars() : 1) + 3];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new OpenLong();
        }
        this.busy = new long[(pool.length + 63) >>> 6];
        // More bars than slots: a trade is filed at most pool.length bars ahead unless fillers delay its exit.
        int bars = Integer.highestOneBit(pool.length) << 1;
        this.ring = new long[bars * busy.length];
        this.ringMask = bars - 1;
        this.far = new long[busy.length];
        this.endBar = new int[pool.length];
        this.outcome = new byte[pool.length];
        this.endPrice = new double[pool.length];
        this.endFee = new double[pool.length];
        this.endReason = new ExitReason[pool.length];
        this.maxHoldBars = c.maxHoldBars();
        this.resolved = new ShadowTrades(c.positionSize(), expectedTrades);
    }

    ShadowTrades trades() {
        return resolved;
    }

    /** Maker entries that expired unfilled (counted at their expiry bar). */
    int unfilled() {
        return unfilled;
    }

    /** Releases, in slot order, the shadow trades that end at {@code bar}. */
    void step(int bar) {
        int words = busy.length;
        int base = (bar & ringMask) * words;
        if (anyFar) {
            fileFar(bar, base);
        }
        for (int word = 0; word < words; word++) {
            long bits = ring[base + word];
            if (bits == 0) {
                continue;
            }
            ring[base + word] = 0;
            busy[word] &= ~bits;
            while (bits != 0) {
                int k = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                release(k, bar);
            }
        }
    }

    /** Moves the far trades that end at {@code bar} into its ring entry, so they keep their slot order. */
    private void fileFar(int bar, int base) {
        boolean left = false;
        for (int word = 0; word < far.length; word++) {
            long bits = far[word];
            while (bits != 0) {
                int k = (word << 6) + Long.numberOfTrailingZeros(bits);
                long bit = bits & -bits;
                bits &= bits - 1;
                if (endBar[k] == bar) {
                    far[word] &= ~bit;
                    ring[base + word] |= bit;
                }
            }
            left |= far[word] != 0;
        }
        anyFar = left;
    }

    private void release(int k, int bar) {
        byte what = outcome[k];
        if (what == TRADED) {
            resolved.add(pool[k], bar, endPrice[k], endFee[k], endReason[k], regimes[bar]);
            endReason[k] = null;
            listener.resolved(resolved, resolved.size() - 1);
        } else if (what == EXPIRED) {
            unfilled++;
        }
    }

    /** Opens a shadow order at {@code bar}'s close, to enter at the next bar, and walks it to its end. */
    void open(int bar) {
        for (int word = 0; word < busy.length; word++) {
            long free = ~busy[word];
            if (free != 0) {
                int k = (word << 6) + Long.numberOfTrailingZeros(free);
                if (k >= pool.length) {
                    break;
                }
                OpenLong p = pool[k];
                execution.order(p, bar, bar, 1.0);
                walk(p, k, bar);
                long bit = 1L << k;
                busy[word] |= bit;
                int end = endBar[k];
                if (end - bar <= ringMask) {
                    ring[(end & ringMask) * busy.length + word] |= bit;
                } else {
                    far[word] |= bit;
                    anyFar = true;
                }
                return;
            }
        }
        throw new IllegalStateException("shadow trade pool exhausted at bar " + bar);
    }

    /**
     * Walks the order placed at {@code decision} through bars decision+1 .. its end (at most the last bar),
     * with exactly the steps it took when all live trades were advanced bar by bar, and records the end.
     */
    private void walk(OpenLong p, int k, int decision) {
        int last = lastBar;
        for (int bar = decision + 1; bar <= last; bar++) {
            if (p.state == OpenLong.State.OPEN && bar < last) {
                // Skip the quiet bars before the last bar and before the one the hold reaches its limit
                // at: still open, extremes updated, what manage() does on them.
                int limit = maxHoldBars - 1 > last - p.entryBar ? last : p.entryBar + maxHoldBars - 1;
                bar = execution.quietUntil(p, bar, limit);
            }
            advance(p, k, bar, bar == last);
            if (p.state == OpenLong.State.FREE) {
                endBar[k] = bar;
                return;
            }
        }
        // Not reached for an order decided before the last bar: the last bar frees every slot.
        throw new IllegalStateException("shadow trade decided at bar " + decision + " did not end by bar " + last);
    }

    private void advance(OpenLong p, int k, int bar, boolean last) {
        switch (p.state) {
            case FREE -> {
            }
            case ORDERED -> {
                int filled = execution.tryFill(p, bar, regimes[bar]);
                if (filled < 0) {
                    outcome[k] = EXPIRED;
                } else if (filled > 0) {
                    manage(p, k, bar);
                } else if (last) {
                    p.reset();
                    outcome[k] = DROPPED;
                }
            }
            case EXIT_ORDERED -> {
                if (!candles.isFiller(bar)) {
                    close(p, k, execution.marketExitPrice(bar), false, p.pendingExit);
                }
            }
            case OPEN -> manage(p, k, bar);
        }
        // A position still open, or timed out at this very close, ends with the data.
        if (last && (p.state == OpenLong.State.OPEN || p.state == OpenLong.State.EXIT_ORDERED)) {
            close(p, k, execution.endOfDataPrice(bar), false, ExitReason.END_OF_DATA);
        }
    }

    private void manage(OpenLong p, int k, int bar) {
        ExitReason reason = execution.checkExit(p, bar, exitPrice);
        if (reason != null) {
            boolean maker = reason == ExitReason.TAKE_PROFIT;
            close(p, k, exitPrice[0], maker, reason);
        } else if (p.barsHeld(bar) >= execution.config().maxHoldBars()) {
            p.state = OpenLong.State.EXIT_ORDERED;
            p.pendingExit = ExitReason.TIMEOUT;
        }
    }

    /** Records the exit; the slot keeps the position's fields (reset() leaves them) until its release. */
    private void close(OpenLong p, int k, double price, boolean maker, ExitReason reason) {
        double fee = reason == ExitReason.LIQUIDATION ? p.margin + p.quantity * (price - p.entryPrice)
                : execution.fee(p.notional, maker);
        outcome[k] = TRADED;
        endPrice[k] = price;
        endFee[k] = fee;
        endReason[k] = reason;
        p.reset();
    }
}
