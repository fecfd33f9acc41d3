package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.report.MetricsCsv;
import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Produces the policy to test on a fold, trained on that fold's training window only. */
public interface PolicyTrainer {
    /** Name of the policies this trainer makes, for summaries. */
    String name();

    /** Called once before the first fold with every fold that will be trained (for progress). */
    default void begin(List<Fold> folds) {
    }

    /** A policy trained on bars [fold.trainFrom(), fold.trainTo()) of the simulator's market. */
    Policy train(Simulator simulator, Fold fold, long seed);

    /** Training health of every fold trained so far, one row per update; empty when nothing is learned. */
    default List<MetricsCsv.Row> metrics() {
        return List.of();
    }

    /**
     * Called once before the first fold with the run's checkpoints: a trainer that learns something worth
     * keeping restores what {@link Checkpoints#restored()} holds and saves through them; the default keeps
     * nothing, so a resumed run trains the finished folds again (same seed, same policies).
     */
    default void checkpointing(Checkpoints checkpoints) {
    }

    /** The networks of the last trained policy, by name, to save; empty when nothing is learned. */
    default Map<String, ComputationGraph> model() {
        return Map.of();
    }
}
