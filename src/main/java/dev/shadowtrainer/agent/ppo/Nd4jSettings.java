package dev.shadowtrainer.agent.ppo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J process settings for the PPO learner, applied once before the first network is built.
 *
 * <ul>
 *   <li><b>float32 everywhere.</b> The default data types are set to FLOAT (and every array this package
 *       creates names FLOAT explicitly), so no op silently widens to double and the parameters saved by
 *       ModelSerializer are float32 like the network's.</li>
 *   <li><b>One thread for ND4J's OpenMP loops and for OpenBLAS.</b> The matrices are small (a few hundred
 *       rows by 64 columns): splitting such a gemm or an element-wise op over threads costs more in
 *       hand-over than it saves, the machine has two cores that other work (the environments, the JIT, GC,
 *       other processes) also needs, and a fixed single thread makes every reduction sum in the same order,
 *       which is what makes a seeded training bit-reproducible. This is process-wide; it is the right
 *       setting for this package's small networks, not for large ones.</li>
 * </ul>
 *
 * Workspaces are set per network (see {@link ActorCritic}): ENABLED for training and inference, so the
 * activations of every forward pass live in reused workspace memory instead of fresh off-heap buffers.
 */
final class Nd4jSettings {
    private static boolean applied;

    private Nd4jSettings() {
    }

    static synchronized void apply() {
        if (applied) {
            return;
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        applied = true;
    }
}
