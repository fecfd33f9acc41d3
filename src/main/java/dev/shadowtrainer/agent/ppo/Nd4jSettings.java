package dev.shadowtrainer.agent.ppo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
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
 *       setting for this package's small networks, not for large ones. These calls cap the threads ND4J
 *       uses but its native code still opens OpenMP regions, whose idle workers busy-wait on the other
 *       core; so the launcher (and the test runner) also set OMP_NUM_THREADS=1, which the native library
 *       reads at load time and Java cannot change afterwards.</li>
 * </ul>
 *
 * <p><b>Workspaces.</b> Each network has DL4J's workspaces ENABLED for training and inference (see
 * {@link ActorCritic}), and the per-step and per-minibatch arrays of this package (network outputs, loss
 * terms, gradients) are made inside {@link #scratch()}, a workspace reused from call to call. Profiling
 * showed fresh off-heap arrays to cost as much as the arithmetic here (native allocation, JavaCPP's
 * physical-memory checks and ND4J's deallocator bookkeeping, per array, dozens of arrays per minibatch);
 * inside a workspace an array is a pointer bump and the memory is recycled when the scope closes. Each
 * array's shape information is off-heap too, outside any workspace; {@link CachedShapeInfoProvider} makes
 * that one shared buffer per distinct shape.
 */
final class Nd4jSettings {
    private static final WorkspaceConfiguration SCRATCH = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();
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

    /**
     * Opens this thread's scratch workspace (use with try-with-resources); arrays made inside it are
     * invalid once it closes, so only primitives and Java arrays may leave the scope.
     */
    static MemoryWorkspace scratch() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCRATCH, "PPO_SCRATCH");
    }
}
