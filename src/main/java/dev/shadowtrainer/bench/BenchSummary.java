package dev.shadowtrainer.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one {@code bench} run measured: the simulator against ta4j, the PPO learner on the trading
 * environment, the trade memory on PostgreSQL, train-universe's speed-up and memory, or some of them; a part that was not run is null (and left
 * out of the JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchSummary(BenchReport simulator, PpoBenchReport ppo, MemoryBenchReport memory,
                           UniverseBenchReport universe) {
    public BenchSummary {
        if (simulator == null && ppo == null && memory == null && universe == null) {
            throw new IllegalArgumentException("a bench summary needs at least one part");
        }
    }

    /** The parts' text lines, simulator first, memory last, a blank line between them. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (simulator != null) {
            out.addAll(simulator.lines());
        }
        if (ppo != null) {
            if (!out.isEmpty()) {
                out.add("");
            }
            out.addAll(ppo.lines());
        }
        if (memory != null) {
            if (!out.isEmpty()) {
                out.add("");
            }
            out.addAll(memory.lines());
        }
        if (universe != null) {
            if (!out.isEmpty()) {
                out.add("");
            }
            out.addAll(universe.lines());
        }
        return out;
    }
}
