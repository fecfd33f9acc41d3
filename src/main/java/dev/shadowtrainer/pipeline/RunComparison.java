package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.features.FeatureMatrix;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.pipeline.LookaheadDifference.Kind;
import dev.shadowtrainer.pipeline.LookaheadDifference.Variant;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExitReason;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.PostExitTracker;
import dev.shadowtrainer.sim.ShadowTrades;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Compares variant runs with the full run over the bars both must agree on, and collects the differences.
 * Floats and doubles are compared bit for bit (so NaN equals NaN, and 0.0 differs from -0.0).
 *
 * <p>What is compared for a decision point t, and why the limits lie where they do:
 * <ul>
 *   <li>raw and normalised features, usable flags and regimes: every bar up to and including t;</li>
 *   <li>decisions (observation vector, memory slots, action, confidence): the cut run ends at t and the
 *       simulator takes no decision on a run's last bar, so against the cut run bars before t; the garbage
 *       run goes on, so there bar t too;</li>
 *   <li>fills of the policy's orders at bars up to t, except END_OF_DATA closes: the cut run closes what is
 *       open at t's close because its data ends, the full run does not (an order decided at t fills at
 *       t+1, which is past the comparison anyway);</li>
 *   <li>resolved shadow trades with exit bar up to t, except END_OF_DATA ones, for the same reason;</li>
 *   <li>equity at each close: bars before t against the cut run (its last mark includes the forced close),
 *       bars up to t against the garbage run;</li>
 *   <li>what happened after each exit (policy trades and shadow trades) for the windows that end by t:
 *       the close and best price after the exit, and, once the 4h window has ended, the missed profit
 *       and the exit verdict.</li>
 * </ul>
 */
final class RunComparison {
    /** Differences kept with their values; beyond this only counted, a leak repeats itself anyway. */
    static final int KEPT = 1000;
    private static final List<String> POSITION_SLOTS = List.of("in_position", "size_multiplier",
            "unrealised_pnl_percent", "bars_held_fraction", "stop_distance_percent", "target_distance_percent",
            "time_left_fraction", "order_pending");
    private static final String NONE = "none";
    /** The tracker judges an exit (verdict, missed profit) over the 4h window, so both are known once it ends. */
    private static final int VERDICT_MINUTES = 240;

    private final List<LookaheadDifference> kept = new ArrayList<>();
    private final Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
    private final SortedSet<Integer> leakyCuts = new TreeSet<>();
    private long total;
    private long featureValues;
    private long decisions;
    private long fills;
    private long shadowTrades;
    private long postExitWindows;

    private RecordedRun full;
    private RecordedRun other;
    private int cut;
    private Variant variant;

    void compare(RecordedRun fullRun, RecordedRun otherRun, int cutAfter, Variant how) {
        this.full = fullRun;
        this.other = otherRun;
        this.cut = cutAfter;
        this.variant = how;
        compareFeatures(full.data.rawFeatures(), other.data.rawFeatures(), Kind.FEATURE, "raw");
        compareFeatures(full.data.features(), other.data.features(), Kind.NORMALISED, "normalised");
        compareRegimes();
        int lastDecision = how == Variant.CUT ? cut - 1 : cut;
        compareDecisions(lastDecision);
        compareEquity(lastDecision);
        compareFills();
        compareShadowTrades();
        comparePostExit("agent", full.result.agentPostExit(), other.result.agentPostExit());
        comparePostExit("shadow", full.result.shadowPostExit(), other.result.shadowPostExit());
    }

    private void compareFeatures(FeatureMatrix a, FeatureMatrix b, Kind kind, String flags) {
        if (!a.names().equals(b.names())) {
            report(kind, "columns", 0, a.names().toString(), b.names().toString());
            return;
        }
        int width = a.featureCount();
        for (int bar = 0; bar <= cut; bar++) {
            for (int f = 0; f < width; f++) {
                float x = a.value(bar, f);
                float y = b.value(bar, f);
                if (Float.floatToIntBits(x) != Float.floatToIntBits(y)) {
                    report(kind, a.name(f), bar, Float.toString(x), Float.toString(y));
                }
            }
            if (a.isUsable(bar) != b.isUsable(bar)) {
                report(Kind.USABLE, flags, bar, Boolean.toString(a.isUsable(bar)), Boolean.toString(b.isUsable(bar)));
            }
        }
        featureValues += (long) (cut + 1) * width;
    }

    private void compareRegimes() {
        byte[] a = full.data.regimes();
        byte[] b = other.data.regimes();
        for (int bar = 0; bar <= cut; bar++) {
            if (a[bar] != b[bar]) {
                report(Kind.REGIME, "atr_adx", bar, Byte.toString(a[bar]), Byte.toString(b[bar]));
            }
        }
    }

    private void compareDecisions(int last) {
        int features = full.data.features().featureCount();
        int memoryStart = features + Observation.POSITION_WIDTH;
        int memoryEnd = memoryStart + full.memoryWidth;
        for (int bar = full.result.from(); bar <= last; bar++) {
            Action a = full.actions[bar];
            Action b = other.actions[bar];
            if (a == null && b == null) {
                continue;
            }
            decisions++;
            if (a != b) {
                report(Kind.ACTION, full.result.policy(), bar, a == null ? NONE : a.name(), b == null ? NONE : b.name());
            }
            if (a == null || b == null) {
                continue;
            }
            compareDouble(Kind.ACTION, "confidence", bar, full.confidence[bar], other.confidence[bar]);
            float[] x = full.vectors[bar];
            float[] y = other.vectors[bar];
            for (int k = 0; k < x.length; k++) {
                if (Float.floatToIntBits(x[k]) != Float.floatToIntBits(y[k])) {
                    boolean memory = k >= memoryStart && k < memoryEnd;
                    report(memory ? Kind.MEMORY : Kind.OBSERVATION, slot(k, features, memoryStart, memoryEnd), bar,
                            Float.toString(x[k]), Float.toString(y[k]));
                }
            }
        }
    }

    private String slot(int k, int features, int memoryStart, int memoryEnd) {
        if (k < features) {
            return full.data.features().name(k);
        }
        if (k < memoryStart) {
            int p = k - features;
            return p < POSITION_SLOTS.size() ? POSITION_SLOTS.get(p) : "position[" + p + "]";
        }
        if (k < memoryEnd) {
            return "memory[" + (k - memoryStart) + "]";
        }
        return "padding[" + (k - memoryEnd) + "]";
    }

    private void compareEquity(int last) {
        for (int bar = full.result.from(); bar <= last; bar++) {
            compareDouble(Kind.EQUITY, "equity", bar, full.equity(bar), other.equity(bar));
        }
    }

    private void compareFills() {
        List<EventBus.TradeExecuted> a = comparableFills(full.fills);
        List<EventBus.TradeExecuted> b = comparableFills(other.fills);
        int n = Math.max(a.size(), b.size());
        for (int k = 0; k < n; k++) {
            EventBus.TradeExecuted x = k < a.size() ? a.get(k) : null;
            EventBus.TradeExecuted y = k < b.size() ? b.get(k) : null;
            if (x == null || y == null) {
                report(Kind.FILL, "fill", (x != null ? x : y).bar(), describe(x), describe(y));
                continue;
            }
            fills++;
            int bar = x.bar();
            compareLong(Kind.FILL, "trace_id", bar, x.traceId(), y.traceId());
            compareLong(Kind.FILL, "bar", bar, x.bar(), y.bar());
            compareLong(Kind.FILL, "time", bar, x.time(), y.time());
            if (x.entry() != y.entry()) {
                report(Kind.FILL, "side", bar, side(x), side(y));
            }
            compareDouble(Kind.FILL, "price", bar, x.price(), y.price());
            compareDouble(Kind.FILL, "quantity", bar, x.quantity(), y.quantity());
            compareDouble(Kind.FILL, "fee", bar, x.fee(), y.fee());
            if (x.exitReason() != y.exitReason()) {
                report(Kind.FILL, "reason", bar, String.valueOf(x.exitReason()), String.valueOf(y.exitReason()));
            }
        }
    }

    private List<EventBus.TradeExecuted> comparableFills(List<EventBus.TradeExecuted> all) {
        List<EventBus.TradeExecuted> out = new ArrayList<>();
        for (EventBus.TradeExecuted e : all) {
            if (e.bar() <= cut && e.exitReason() != ExitReason.END_OF_DATA) {
                out.add(e);
            }
        }
        return out;
    }

    private static String side(EventBus.TradeExecuted e) {
        return e.entry() ? "entry" : "exit";
    }

    private static String describe(EventBus.TradeExecuted e) {
        return e == null ? NONE : side(e) + " of trade " + e.traceId() + " at " + e.price()
                + (e.exitReason() == null ? "" : " (" + e.exitReason() + ")");
    }

    private void compareShadowTrades() {
        ShadowTrades a = full.result.shadowTrades();
        ShadowTrades b = other.result.shadowTrades();
        int[] x = comparableShadows(a);
        int[] y = comparableShadows(b);
        int n = Math.max(x.length, y.length);
        for (int k = 0; k < n; k++) {
            if (k >= x.length || k >= y.length) {
                boolean inFull = k < x.length;
                int i = inFull ? x[k] : y[k];
                ShadowTrades holder = inFull ? a : b;
                String present = "shadow trade decided at bar " + holder.decisionBar(i) + ", exit " + holder.exitReason(i);
                report(Kind.SHADOW, "trade", holder.exitBar(i), inFull ? present : NONE, inFull ? NONE : present);
                continue;
            }
            shadowTrades++;
            int i = x[k];
            int j = y[k];
            int bar = a.exitBar(i);
            compareLong(Kind.SHADOW, "decision_bar", bar, a.decisionBar(i), b.decisionBar(j));
            compareLong(Kind.SHADOW, "entry_bar", bar, a.entryBar(i), b.entryBar(j));
            compareLong(Kind.SHADOW, "exit_bar", bar, a.exitBar(i), b.exitBar(j));
            compareDouble(Kind.SHADOW, "entry_price", bar, a.entryPrice(i), b.entryPrice(j));
            compareDouble(Kind.SHADOW, "exit_price", bar, a.exitPrice(i), b.exitPrice(j));
            compareDouble(Kind.SHADOW, "fees", bar, a.fees(i), b.fees(j));
            compareDouble(Kind.SHADOW, "pnl", bar, a.pnl(i), b.pnl(j));
            compareDouble(Kind.SHADOW, "max_high", bar, a.maxHigh(i), b.maxHigh(j));
            if (a.exitReason(i) != b.exitReason(j)) {
                report(Kind.SHADOW, "exit_reason", bar, a.exitReason(i).name(), b.exitReason(j).name());
            }
            compareLong(Kind.SHADOW, "entry_regime", bar, a.entryRegimeOf(i), b.entryRegimeOf(j));
            compareLong(Kind.SHADOW, "exit_regime", bar, a.exitRegimeOf(i), b.exitRegimeOf(j));
        }
    }

    /** Rows of the shadow trades resolved by the cut, in exit order, END_OF_DATA closes left out. */
    private int[] comparableShadows(ShadowTrades trades) {
        int count = 0;
        int[] rows = new int[trades.size()];
        for (int i = 0; i < trades.size() && trades.exitBar(i) <= cut; i++) {
            if (trades.exitReason(i) != ExitReason.END_OF_DATA) {
                rows[count++] = i;
            }
        }
        return Arrays.copyOf(rows, count);
    }

    /**
     * What happened after each exit, for the windows complete by the cut. Rows are in exit order and the
     * cut run's END_OF_DATA rows exit at the cut itself, so rows exiting before the cut line up one to one.
     */
    private void comparePostExit(String whose, PostExitTracker a, PostExitTracker b) {
        int rows = Math.max(rowsExitingBefore(a), rowsExitingBefore(b));
        int verdictWindow = Arrays.stream(PostExitTracker.WINDOW_MINUTES).boxed().toList().indexOf(VERDICT_MINUTES);
        for (int i = 0; i < rows; i++) {
            if (i >= a.size() || i >= b.size() || a.exitBar(i) != b.exitBar(i)) {
                report(Kind.POST_EXIT, whose + " exit_bar", i < a.size() ? a.exitBar(i) : b.exitBar(i),
                        i < a.size() ? Integer.toString(a.exitBar(i)) : NONE,
                        i < b.size() ? Integer.toString(b.exitBar(i)) : NONE);
                continue;
            }
            int exit = a.exitBar(i);
            for (int w = 0; w < PostExitTracker.WINDOW_MINUTES.length; w++) {
                if (exit + a.windowBars(w) > cut) {
                    continue;
                }
                postExitWindows++;
                String window = whose + " " + PostExitTracker.WINDOW_MINUTES[w] + "m ";
                compareDouble(Kind.POST_EXIT, window + "price_after", exit, a.priceAfter(w, i), b.priceAfter(w, i));
                compareDouble(Kind.POST_EXIT, window + "best_after", exit, a.bestAfter(w, i), b.bestAfter(w, i));
            }
            if (verdictWindow >= 0 && exit + a.windowBars(verdictWindow) <= cut) {
                compareDouble(Kind.POST_EXIT, whose + " missed_profit", exit, a.missedProfit(i), b.missedProfit(i));
                if (a.verdict(i) != b.verdict(i)) {
                    report(Kind.POST_EXIT, whose + " verdict", exit, a.verdict(i).name(), b.verdict(i).name());
                }
            }
        }
    }

    private int rowsExitingBefore(PostExitTracker tracker) {
        int rows = 0;
        while (rows < tracker.size() && tracker.exitBar(rows) < cut) {
            rows++;
        }
        return rows;
    }

    private void compareDouble(Kind kind, String name, int bar, double x, double y) {
        if (Double.doubleToLongBits(x) != Double.doubleToLongBits(y)) {
            report(kind, name, bar, Double.toString(x), Double.toString(y));
        }
    }

    private void compareLong(Kind kind, String name, int bar, long x, long y) {
        if (x != y) {
            report(kind, name, bar, Long.toString(x), Long.toString(y));
        }
    }

    private void report(Kind kind, String name, int bar, String fullValue, String otherValue) {
        total++;
        byKind.merge(kind, 1L, Long::sum);
        leakyCuts.add(cut);
        if (kept.size() < KEPT) {
            CandleSeries candles = full.data.candles();
            kept.add(new LookaheadDifference(kind, name, bar, Instant.ofEpochMilli(candles.openTime(bar)), cut,
                    variant, fullValue, otherValue));
        }
    }

    List<LookaheadDifference> kept() {
        return List.copyOf(kept);
    }

    long total() {
        return total;
    }

    Map<Kind, Long> byKind() {
        return new EnumMap<>(byKind);
    }

    List<Integer> leakyCuts() {
        return List.copyOf(leakyCuts);
    }

    LookaheadReport.Compared compared() {
        return new LookaheadReport.Compared(featureValues, decisions, fills, shadowTrades, postExitWindows);
    }
}
