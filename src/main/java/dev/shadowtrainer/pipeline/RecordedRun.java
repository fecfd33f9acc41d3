package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.agent.env.NetworkPolicy;
import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.sim.Action;
import dev.shadowtrainer.sim.EntryFilter;
import dev.shadowtrainer.sim.EventBus;
import dev.shadowtrainer.sim.ExecutionConfig;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.MemoryLookup;
import dev.shadowtrainer.sim.Observation;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.SimulationResult;
import dev.shadowtrainer.sim.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Records the run of {@code spec} with a fresh policy from {@code policies}. */
    static RecordedRun of(Spec spec, Function<MarketData, Policy> policies, Function<MarketData, MemoryLookup> memories,
                          ExecutionConfig execution, int stateDim, double initialEquity, long seed) {
        Policy policy = policies.apply(spec.data());
        Recording recording = new Recording(spec, memories, execution, stateDim);
        SimulationResult result = recording.simulator.run(policy, spec.from(), spec.to(), initialEquity, seed,
                (bar, observation, action) -> recording.record(bar, observation, action, policy.confidence()));
        return recording.finish(result);
    }

    /**
     * Where one run is: its prepared market data, the bars [from, to) it is simulated on, and the last bar whose
     * observation vector is kept (the vectors after it are never compared, and are most of a run's memory).
     */
    record Spec(MarketData data, int from, int to, int keepVectorsUntil) {
        Spec(MarketData data, int from, int to) {
            this(data, from, to, to - 1);
        }
    }

    /**
     * Records the runs of {@code specs} as {@link #of} does with a fresh {@link NetworkPolicy} over
     * {@code network} each, but stepped in lockstep with ONE forward pass per step for all of them instead
     * of one per run and decision: row i of a {@code width}-row batch holds run i's observation, rows of runs
     * without a decision at that step (finished, or fewer runs than rows) are zeros. The batch always has
     * {@code width} rows, so a run's logits depend on its observation and its row alone, not on the runs that
     * share its step (a row's position can change the last bits: the matrix kernels treat edge rows apart, so
     * only runs recorded in the same row of the same width compute bit for bit alike).
     */
    static List<RecordedRun> lockstep(List<Spec> specs, String name, ActorCritic network,
                                      Function<MarketData, MemoryLookup> memories, ExecutionConfig execution,
                                      int stateDim, double initialEquity, long seed, int width) {
        int n = specs.size();
        if (n > width) {
            throw new IllegalArgumentException(n + " runs do not fit a batch of " + width + " rows");
        }
        Recording[] recordings = new Recording[n];
        NetworkPolicy[] policies = new NetworkPolicy[n];
        Simulator.Stepper[] steppers = new Simulator.Stepper[n];
        for (int i = 0; i < n; i++) {
            Spec spec = specs.get(i);
            Recording recording = new Recording(spec, memories, execution, stateDim);
            NetworkPolicy policy = new NetworkPolicy(name, network);
            recordings[i] = recording;
            policies[i] = policy;
            steppers[i] = recording.simulator.start(name, spec.from(), spec.to(), initialEquity, seed,
                    (bar, observation, action) -> recording.record(bar, observation, action, policy.confidence()));
        }
        int observationSize = network.observationSize();
        int actions = network.actionCount();
        float[] batch = new float[width * observationSize];
        float[] logits = new float[width * actions];
        float[] values = new float[width];
        boolean[] deciding = new boolean[n];
        SimulationResult[] results = new SimulationResult[n];
        int running = n;
        while (running > 0) {
            Arrays.fill(batch, 0f);
            for (int i = 0; i < n; i++) {
                deciding[i] = false;
                if (results[i] != null) {
                    continue;
                }
                if (steppers[i].advance()) {
                    System.arraycopy(steppers[i].observation().vector(), 0, batch, i * observationSize,
                            observationSize);
                    deciding[i] = true;
                } else {
                    results[i] = steppers[i].result();
                    running--;
                }
            }
            if (running == 0) {
                break;
            }
            network.forward(batch, width, logits, values);
            for (int i = 0; i < n; i++) {
                if (deciding[i]) {
                    Action action = policies[i].choose(steppers[i].observation(), logits, i);
                    steppers[i].act(action, policies[i].confidence());
                }
            }
        }
        List<RecordedRun> runs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            runs.add(recordings[i].finish(results[i]));
        }
        return runs;
    }

    /** What a run records as it goes: the simulator, and per decision bar the vector, action and confidence. */
    private static final class Recording {
        final MarketData data;
        final MemoryLookup memory;
        final Simulator simulator;
        final List<EventBus.TradeExecuted> fills = new ArrayList<>();
        final float[][] vectors;
        final Action[] actions;
        final double[] confidence;
        final int keepVectorsUntil;

        Recording(Spec spec, Function<MarketData, MemoryLookup> memories, ExecutionConfig execution, int stateDim) {
            MarketData data = spec.data();
            int to = spec.to();
            this.data = data;
            this.keepVectorsUntil = spec.keepVectorsUntil();
            this.memory = memories.apply(data);
            EventBus bus = new EventBus();
            bus.subscribe(EventBus.Topic.TRADE_EXECUTED, fills::add);
            this.simulator = new Simulator(data, execution, stateDim, bus, memory, EntryFilter.NONE);
            this.vectors = new float[to][];
            this.actions = new Action[to];
            this.confidence = new double[to];
        }

        void record(int bar, Observation observation, Action action, double decisionConfidence) {
            if (bar <= keepVectorsUntil) {
                vectors[bar] = observation.vectorCopy();
            }
            actions[bar] = action;
            confidence[bar] = decisionConfidence;
        }

        RecordedRun finish(SimulationResult result) {
            return new RecordedRun(data, result, memory.width(), vectors, actions, confidence, List.copyOf(fills));
        }
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
