package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One simulated run with everything the lookahead check compares: the prepared market data, and per bar
 * the observation vector the policy decided on, its action and confidence, plus every fill in order and
 * the run's result (equity, shadow trades). A fresh policy and memory are made for the run from its own
 * data, so nothing carries over from another run.
 */
final class RecordedRun {
    final MarketData data;
    final SimulationResult result;
    final int memoryWidth;
    /** Observation vectors by bar (copies: the simulator reuses its array); null where no decision was taken. */
    final float[][] vectors;
    /** Actions by bar; null where no decision was taken. */
    final Action[] actions;
    /** The policy's confidence after each decision, by bar. */
    final double[] confidence;
    /** Every fill of the policy's orders in the order the simulator made them. */
    final List<EventBus.TradeExecuted> fills;

    private RecordedRun(MarketData data, SimulationResult result, int memoryWidth, float[][] vectors,
                        Action[] actions, double[] confidence, List<EventBus.TradeExecuted> fills) {
        this.data = data;
        this.result = result;
        this.memoryWidth = memoryWidth;
        this.vectors = vectors;
        this.actions = actions;
        this.confidence = confidence;
        this.fills = fills;
    }

    static RecordedRun of(MarketData data, Function<MarketData, Policy> policies,
                          Function<MarketData, MemoryLookup> memories, ExecutionConfig execution, int stateDim,
                          int from, int to, double initialEquity, long seed) {
        Policy policy = policies.apply(data);
        MemoryLookup memory = memories.apply(data);
        List<EventBus.TradeExecuted> fills = new ArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(EventBus.Topic.TRADE_EXECUTED, fills::add);
        float[][] vectors = new float[to][];
        Action[] actions = new Action[to];
        double[] confidence = new double[to];
        Simulator simulator = new Simulator(data, execution, stateDim, bus, memory, EntryFilter.NONE);
        SimulationResult result = simulator.run(policy, from, to, initialEquity, seed, (bar, observation, action) -> {
            vectors[bar] = observation.vectorCopy();
            actions[bar] = action;
            confidence[bar] = policy.confidence();
        });
        return new RecordedRun(data, result, memory.width(), vectors, actions, confidence, List.copyOf(fills));
    }

    /** Bars on which the policy took a decision, in time order. */
    int[] decisionBars() {
        int count = 0;
        for (Action a : actions) {
            count += a == null ? 0 : 1;
        }
        int[] bars = new int[count];
        int k = 0;
        for (int bar = 0; bar < actions.length; bar++) {
            if (actions[bar] != null) {
                bars[k++] = bar;
            }
        }
        return bars;
    }

    /** Equity at {@code bar}'s close. */
    double equity(int bar) {
        return result.equity()[bar - result.from()];
    }
}
