package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.features.AtrAdxRegime;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.memory.PostExitRow;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.TradeRecords;
import dev.shadowtrainer.sim.PostExitTracker;
import dev.shadowtrainer.sim.ShadowTrades;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Trade;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A run's trades as the trade memory stores them, in order: every policy trade of each test window, then every
 * shadow trade of each. Rows are built on demand from the simulation results, never all at once: a year of 1m
 * candles brings some 400,000 trades, whose rows (features JSON, embedding) would take half a gigabyte held
 * together. The writer builds one batch at a time and the analyzers one row at a time.
 */
final class RunTrades {
    private final List<SimulationResult> runs;
    private final TradeRecords records;
    private final String policy;
    private final CandleSeries series;
    /** Index of each run's first policy trade, then of its first shadow trade, and the total at the end. */
    private final int[] starts;
    private final int agentTrades;

    RunTrades(List<SimulationResult> runs, TradeRecords records, String policy, CandleSeries series) {
        this.runs = List.copyOf(runs);
        this.records = Objects.requireNonNull(records, "records is null");
        this.policy = Objects.requireNonNull(policy, "policy is null");
        this.series = Objects.requireNonNull(series, "series is null");
        int n = this.runs.size();
        starts = new int[2 * n + 1];
        for (int r = 0; r < n; r++) {
            starts[r + 1] = starts[r] + this.runs.get(r).trades().size();
        }
        agentTrades = starts[n];
        for (int r = 0; r < n; r++) {
            starts[n + r + 1] = starts[n + r] + this.runs.get(r).shadowTrades().size();
        }
    }

    int size() {
        return starts[starts.length - 1];
    }

    int agentTrades() {
        return agentTrades;
    }

    /** The trade at {@code i} and what it needs from its run: the run's slot and the index within it. */
    private Trade trade(int i, int slot, int local) {
        SimulationResult r = runs.get(slot % runs.size());
        if (slot < runs.size()) {
            return r.trades().get(local);
        }
        ShadowTrades s = r.shadowTrades();
        return s.trade(local, 1.0, series.openTime(s.entryBar(local)), series.openTime(s.exitBar(local)));
    }

    private int slot(int i) {
        Objects.checkIndex(i, size());
        int found = Arrays.binarySearch(starts, i);
        int slot = found >= 0 ? found : -found - 2;
        while (starts[slot + 1] == i) { // empty runs share a start: take the one holding i
            slot++;
        }
        return slot;
    }

    StoredTrade stored(int i) {
        int slot = slot(i);
        return records.of(trade(i, slot, i - starts[slot]), policy);
    }

    PostExitRow postExit(int i) {
        int slot = slot(i);
        int local = i - starts[slot];
        Trade t = trade(i, slot, local);
        SimulationResult r = runs.get(slot % runs.size());
        PostExitTracker tracker = slot < runs.size() ? r.agentPostExit() : r.shadowPostExit();
        return RunMemory.postExit(records.key(t, policy), t.exitBar(), tracker, local);
    }

    String exitRegime(int i) {
        int slot = slot(i);
        return AtrAdxRegime.ofOrdinal(trade(i, slot, i - starts[slot]).exitRegime()).name();
    }

    /** The rows, each built when read. */
    List<StoredTrade> rows() {
        return lazy(this::stored);
    }

    /** The post-exit rows, in the order of {@link #rows()}, each built when read. */
    List<PostExitRow> postExitRows() {
        return lazy(this::postExit);
    }

    /** The ATR/ADX regime at each trade's exit, in the order of {@link #rows()}. */
    List<String> exitRegimes() {
        return lazy(this::exitRegime);
    }

    private <T> List<T> lazy(IntFunction<T> element) {
        return new AbstractList<>() {
            @Override
            public T get(int i) {
                return element.apply(i);
            }

            @Override
            public int size() {
                return RunTrades.this.size();
            }
        };
    }
}
