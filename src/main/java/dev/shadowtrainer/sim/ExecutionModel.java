package dev.shadowtrainer.sim;

import dev.shadowtrainer.market.CandleSeries;

/**
 * When and at what price orders fill in the shadow market. Decisions are taken at a bar's close and
 * fill no earlier than the next bar:
 * <ul>
 *   <li>market orders fill at the next real bar's open, plus slippage against the trader, taker fee;</li>
 *   <li>maker (post-only limit) entries fill at the limit only if a later bar trades through it (low
 *       strictly below the limit), maker fee; unfilled after {@code maker_expiry_bars} they expire;</li>
 *   <li>stop-loss is a stop-market order: it fills at the stop minus slippage (or at a gapped-down open),
 *       taker fee; take-profit is a resting limit: it fills at the target (or a gapped-up open), maker
 *       fee;</li>
 *   <li>when a bar's range holds both stop and target, lower-timeframe candles decide which came first
 *       if supplied; otherwise, and within one lower-timeframe bar, the stop is assumed first;</li>
 *   <li>on a maker entry's fill bar the order of the fill and the rest of the bar is unknown, so the
 *       target is not checked there but the stop is (the cautious reading);</li>
 *   <li>with leverage &gt; 1 (the position's own, chosen at entry) and isolated margin the position is liquidated when its loss reaches margin
 *       minus maintenance margin; it loses the margin, and the maintenance margin counts as a fee;</li>
 *   <li>gap-filler bars are not traded: nothing fills or exits on them.</li>
 * </ul>
 */
final class ExecutionModel {
    private final ExecutionConfig config;
    private final CandleSeries candles;
    private final CandleSeries lower;
    private final double slip;
    /** Entry price multiples of stop and target, computed once rather than with two divisions per fill. */
    private final double stopFactor;
    private final double targetFactor;

    int ambiguousBars;
    int resolvedByLowerTimeframe;

    ExecutionModel(ExecutionConfig config, CandleSeries candles, CandleSeries lower) {
        this.config = config;
        this.candles = candles;
        this.lower = lower;
        this.slip = config.slippageBps() / 10_000.0;
        this.stopFactor = 1 - config.stopLossBps() / 10_000.0;
        this.targetFactor = 1 + config.takeProfitBps() / 10_000.0;
    }

    ExecutionConfig config() {
        return config;
    }

    double fee(double notional, boolean maker) {
        return notional * (maker ? config.makerFeeBps() : config.takerFeeBps()) / 10_000.0;
    }

    /** Places an entry order decided at {@code bar}'s close, at the configured leverage. */
    void order(OpenLong p, long traceId, int bar, double multiplier) {
        order(p, traceId, bar, multiplier, config.leverage());
    }

    /** Places an entry order decided at {@code bar}'s close, opened at {@code leverage} when it fills. */
    void order(OpenLong p, long traceId, int bar, double multiplier, double leverage) {
        p.state = OpenLong.State.ORDERED;
        p.traceId = traceId;
        p.decisionBar = bar;
        p.multiplier = multiplier;
        p.leverage = leverage;
        p.notional = config.positionSize() * multiplier;
        if (config.makerEntry()) {
            p.limitPrice = candles.close(bar) * (1 - config.makerOffsetBps() / 10_000.0);
            p.expiresAfterBar = bar + config.makerExpiryBars();
        } else {
            p.limitPrice = Double.NaN;
            p.expiresAfterBar = Integer.MAX_VALUE;
        }
    }

    /**
     * Tries to fill an ordered entry on {@code bar}. Returns 1 if filled, 0 if still waiting, -1 if the
     * maker order expired unfilled (the order is then released).
     */
    int tryFill(OpenLong p, int bar, byte regime) {
        if (candles.isFiller(bar)) {
            return bar >= p.expiresAfterBar ? expire(p) : 0;
        }
        double price;
        boolean maker = !Double.isNaN(p.limitPrice);
        if (maker) {
            if (!(candles.low(bar) < p.limitPrice)) {
                return bar >= p.expiresAfterBar ? expire(p) : 0;
            }
            price = p.limitPrice;
        } else {
            price = candles.open(bar) * (1 + slip);
        }
        p.state = OpenLong.State.OPEN;
        p.entryBar = bar;
        p.makerFilled = maker;
        p.entryPrice = price;
        p.quantity = p.notional / price;
        p.margin = p.notional / p.leverage;
        p.stopPrice = price * stopFactor;
        p.targetPrice = price * targetFactor;
        p.liquidationPrice = p.leverage > 1
                ? price - (p.margin - config.maintenanceMarginRate() * p.notional) / p.quantity
                : Double.NEGATIVE_INFINITY;
        p.entryFee = fee(p.notional, maker);
        p.maxHigh = price;
        p.minLow = price;
        p.entryRegime = regime;
        return 1;
    }

    private static int expire(OpenLong p) {
        p.reset();
        return -1;
    }

    /**
     * Checks an open position against {@code bar} (stop, target, liquidation) and returns the exit
     * reason, or null; the exit price goes to {@code exitPrice[0]}. Updates MFE/MAE extremes.
     */
    ExitReason checkExit(OpenLong p, int bar, double[] exitPrice) {
        if (candles.isFiller(bar)) {
            return null;
        }
        double o = candles.open(bar);
        double h = candles.high(bar);
        double l = candles.low(bar);
        boolean fillBar = bar == p.entryBar;
        if (!fillBar) {
            if (o <= p.liquidationPrice) {
                exitPrice[0] = p.liquidationPrice;
                return track(p, o, o, ExitReason.LIQUIDATION);
            }
            if (o <= p.stopPrice) {
                exitPrice[0] = o * (1 - slip);
                return track(p, o, o, ExitReason.STOP_LOSS);
            }
            if (o >= p.targetPrice) {
                exitPrice[0] = o;
                return track(p, o, o, ExitReason.TAKE_PROFIT);
            }
        }
        boolean targetCheckable = !(fillBar && p.makerFilled);
        boolean hitStop = l <= p.stopPrice;
        boolean hitTarget = targetCheckable && h >= p.targetPrice;
        if (p.liquidationPrice >= p.stopPrice && l <= p.liquidationPrice) {
            exitPrice[0] = p.liquidationPrice;
            return track(p, Math.max(h, p.entryPrice), p.liquidationPrice, ExitReason.LIQUIDATION);
        }
        if (hitStop && hitTarget) {
            ambiguousBars++;
            hitTarget = targetFirst(p, bar);
            hitStop = !hitTarget;
        }
        if (hitStop) {
            exitPrice[0] = p.stopPrice * (1 - slip);
            return track(p, Math.min(h, p.targetPrice), p.stopPrice, ExitReason.STOP_LOSS);
        }
        if (hitTarget) {
            exitPrice[0] = p.targetPrice;
            return track(p, p.targetPrice, Math.max(l, p.stopPrice), ExitReason.TAKE_PROFIT);
        }
        track(p, h, l, null);
        return null;
    }

    /**
     * The common case of {@link #checkExit} without its branches, for the many open shadow trades: true
     * when {@code bar} is a real candle after the fill bar whose open, high and low touch none of stop,
     * target and liquidation, in which case the extremes have been updated exactly as checkExit would
     * have done and it returned null. False changes nothing: checkExit decides.
     */
    boolean untouched(OpenLong p, int bar) {
        if (bar == p.entryBar || candles.isFiller(bar)) {
            return false;
        }
        double o = candles.open(bar);
        double h = candles.high(bar);
        double l = candles.low(bar);
        // Written as the negations of checkExit's tests, so a NaN anywhere falls through to it.
        if (o > p.liquidationPrice && o > p.stopPrice && o < p.targetPrice
                && l > p.liquidationPrice && l > p.stopPrice && h < p.targetPrice) {
            track(p, h, l, null);
            return true;
        }
        return false;
    }

    /**
     * {@link #untouched} over consecutive bars: the first bar of [{@code from}, {@code until}) on which it
     * would return false (or {@code until}), with the extremes updated for the bars before it in the same
     * order and with the same operations as calls of untouched would have. For one position walked to its
     * end; the stop and liquidation tests fold into one floor, {@code x > max(a, b)} being
     * {@code x > a && x > b}, NaN included (Math.max passes a NaN on, and every comparison with it fails).
     */
    int quietUntil(OpenLong p, int from, int until) {
        if (from <= p.entryBar) {
            return from;
        }
        double floor = Math.max(p.liquidationPrice, p.stopPrice);
        double target = p.targetPrice;
        int end = from;
        while (end < until && !candles.isFiller(end) && candles.open(end) > floor && candles.open(end) < target
                && candles.low(end) > floor && candles.high(end) < target) {
            end++;
        }
        // The extremes after the scan, in two chains each: Math.max and Math.min give the same value in
        // any order (NaN and signed zeros included), and independent chains do not wait on each other.
        double highA = p.maxHigh;
        double highB = p.maxHigh;
        double lowA = p.minLow;
        double lowB = p.minLow;
        int bar = from;
        for (; bar + 1 < end; bar += 2) {
            highA = Math.max(highA, candles.high(bar));
            highB = Math.max(highB, candles.high(bar + 1));
            lowA = Math.min(lowA, candles.low(bar));
            lowB = Math.min(lowB, candles.low(bar + 1));
        }
        if (bar < end) {
            highA = Math.max(highA, candles.high(bar));
            lowA = Math.min(lowA, candles.low(bar));
        }
        p.maxHigh = Math.max(highA, highB);
        p.minLow = Math.min(lowA, lowB);
        return end;
    }

    /** Updates the running extremes; on exits the extremes are capped at what the position could see. */
    private static ExitReason track(OpenLong p, double high, double low, ExitReason reason) {
        p.maxHigh = Math.max(p.maxHigh, high);
        p.minLow = Math.min(p.minLow, low);
        return reason;
    }

    /** Whether lower-timeframe candles show the target reached before the stop within {@code bar}. */
    private boolean targetFirst(OpenLong p, int bar) {
        if (lower == null) {
            return false;
        }
        long start = candles.openTime(bar);
        long end = candles.closeTime(bar);
        int i = lowerIndexAtOrAfter(start);
        if (i < 0) {
            return false;
        }
        for (; i < lower.size() && lower.openTime(i) < end; i++) {
            if (lower.isFiller(i)) {
                continue;
            }
            boolean stop = lower.low(i) <= p.stopPrice;
            boolean target = lower.high(i) >= p.targetPrice;
            if (stop || target) {
                resolvedByLowerTimeframe++;
                return target && !stop;
            }
        }
        return false;
    }

    private int lowerIndexAtOrAfter(long time) {
        int lo = 0;
        int hi = lower.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (lower.openTime(mid) >= time) {
                found = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return found;
    }

    /** Fill price of a market exit at {@code bar}'s open (slippage against the seller). */
    double marketExitPrice(int bar) {
        return candles.open(bar) * (1 - slip);
    }

    /** Fill price of the forced close at the end of the data, at the last close. */
    double endOfDataPrice(int bar) {
        return candles.close(bar) * (1 - slip);
    }
}
