package dev.shadowtrainer.rl;

import dev.shadowtrainer.sim.PositionSizer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sizing design's A/B plan as one sizer: each entry of the policy (one trace id) is assigned by a seeded
 * coin to group A (normally the RL sizing agent, {@link SizingAgentSizer}) or group B (normally the ATR
 * baseline) and sized by that group's sizer alone, so both groups trade the same signals and each sizer sees
 * only its own group's requests.
 *
 * <p>The coin is a pure function of the seed and the trace id (a SplitMix64 mix, top bit), so assignment does
 * not depend on what either sizer decided or on the order of calls, and a rerun with the same seed assigns
 * every trace id the same way. Each trace id's group is remembered until the next run starts
 * ({@link #group(long)}), so the run's trades can be split afterwards.
 *
 * <p>Learning: a {@link SizingAgentSizer} in group A learns on {@code position.closed} only for trace ids it
 * sized itself (it keeps its decisions by trace id and ignores the others), so B trades do not teach it.
 * Not thread-safe, as the simulator calls in time order on one thread.
 */
public final class AbTestSizer implements PositionSizer {
    /** The two arms of the test. */
    public enum Group {
        A, B
    }

    private final PositionSizer a;
    private final PositionSizer b;
    private final long seed;
    private final Map<Long, Group> groups = new HashMap<>();
    private int sizedA;
    private int sizedB;

    /**
     * @param a    sizer of group A (the RL sizing agent in the design)
     * @param b    sizer of group B (the ATR baseline in the design)
     * @param seed seeds the coin
     */
    public AbTestSizer(PositionSizer a, PositionSizer b, long seed) {
        this.a = Objects.requireNonNull(a, "sizer a is null");
        this.b = Objects.requireNonNull(b, "sizer b is null");
        this.seed = seed;
    }

    /** The group the coin puts {@code traceId} in, whether or not it was sized yet. */
    public Group assign(long traceId) {
        return mix(seed + traceId * 0x9E3779B97F4A7C15L) < 0 ? Group.A : Group.B;
    }

    @Override
    public Sizing size(Request request) {
        Group group = assign(request.traceId());
        groups.put(request.traceId(), group);
        if (group == Group.A) {
            sizedA++;
            return a.size(request);
        }
        sizedB++;
        return b.size(request);
    }

    @Override
    public void runStarted(long runSeed) {
        groups.clear();
        a.runStarted(runSeed);
        b.runStarted(runSeed);
    }

    @Override
    public String name() {
        return "ab-test(" + a.name() + "|" + b.name() + ")";
    }

    /** The group of an entry sized in the current run, or null when this trace id was not sized. */
    public Group group(long traceId) {
        return groups.get(traceId);
    }

    public PositionSizer sizer(Group group) {
        return group == Group.A ? a : b;
    }

    /** Entries of the current and earlier runs sized by {@code group}'s sizer. */
    public int sized(Group group) {
        return group == Group.A ? sizedA : sizedB;
    }

    /** SplitMix64's finaliser: a bijective mix of all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
