package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.sim.Fold;
import dev.shadowtrainer.sim.Policy;
import dev.shadowtrainer.sim.Simulator;

/** Produces the policy to test on a fold, trained on that fold's training window only. */
public interface PolicyTrainer {
    /** Name of the policies this trainer makes, for summaries. */
    String name();

    /** A policy trained on bars [fold.trainFrom(), fold.trainTo()) of the simulator's market. */
    Policy train(Simulator simulator, Fold fold, long seed);
}
