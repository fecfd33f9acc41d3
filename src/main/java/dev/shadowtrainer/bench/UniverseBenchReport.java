package dev.shadowtrainer.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bench --only universe} measured: the train-universe speed-up from parallelism 1 to 2 and
 * the peak resident memory of a year of 1-minute candles, each against its target; a part not run is null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UniverseBenchReport(int cores, Speed speed, Memory memory) {
    /**
     * @param symbolsOk the symbols that trained (a failed symbol costs no time and would flatter the ratio)
     * @param identical every symbol's numbers were the same at both parallelisms
     * @param cpuSecondsParallelism1 CPU time the process used during the parallelism-1 run (all threads)
     * @param cpuSecondsParallelism2 the same for the parallelism-2 run: divided by its wall time, the cores it
     *                               actually got (on a machine shared with other work, fewer than two)
     * @param machineSpeedupBefore   plain arithmetic on two threads against one, just before the runs: the
     *                               ceiling the machine allowed (about 2 on an idle two-core machine)
     * @param machineSpeedupAfter    the same just after them
     */
    public record Speed(List<String> symbols, String budget, int symbolsOk, double secondsParallelism1,
                        double secondsParallelism2, double speedup, double target, boolean met, boolean identical,
                        double cpuSecondsParallelism1, double cpuSecondsParallelism2, double machineSpeedupBefore,
                        double machineSpeedupAfter, List<Double> symbolSecondsParallelism1, List<Double> symbolSecondsParallelism2) {
    }

    /**
     * @param peakResidentMb the child JVM's VmHWM (peak resident set) in MiB
     * @param folder         the child's scratch folder (its stdout.txt, stderr.txt and run folder)
     */
    public record Memory(String budget, String jvmFlags, int exitCode, String error, double seconds,
                         double peakResidentMb, long targetMb, boolean met, String folder) {
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("train-universe (" + cores + " cores)");
        if (speed != null) {
            Speed s = speed;
            out.add("  symbols      " + String.join(",", s.symbols()) + " (" + s.symbolsOk() + " trained)");
            out.add("  budget       " + s.budget());
            out.add(String.format(Locale.ROOT, "  parallelism 1: %.1f s, parallelism 2: %.1f s -> speed-up %.2fx "
                    + "(target >= %.1fx: %s)", s.secondsParallelism1(), s.secondsParallelism2(), s.speedup(),
                    s.target(), s.met() ? "met" : "NOT met"));
            out.add(String.format(Locale.ROOT, "  cores used (process CPU s / wall s): %.2f at parallelism 1, %.2f at "
                    + "2", s.cpuSecondsParallelism1() / s.secondsParallelism1(),
                    s.cpuSecondsParallelism2() / s.secondsParallelism2()));
            out.add(String.format(Locale.ROOT, "  the machine's own speed-up on plain arithmetic, one thread to two: "
                    + "%.2fx before, %.2fx after (the ceiling right now)", s.machineSpeedupBefore(),
                    s.machineSpeedupAfter()));
            out.add("  per-symbol numbers identical at both: " + (s.identical() ? "yes" : "NO"));
        }
        if (memory != null) {
            Memory m = memory;
            out.add("  memory       train on " + m.budget() + (m.jvmFlags().isEmpty() ? "" : ", JVM " + m.jvmFlags()));
            out.add(String.format(Locale.ROOT, "  peak resident (VmHWM) %.0f MiB in %.0f s, exit %d (target <= %d MiB: "
                    + "%s)", m.peakResidentMb(), m.seconds(), m.exitCode(), m.targetMb(), m.met() ? "met" : "NOT met"));
            if (m.error() != null) {
                out.add("  child: " + m.error());
            }
        }
        return out;
    }
}
