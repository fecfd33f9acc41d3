package dev.shadowtrainer.bench;

import dev.shadowtrainer.pipeline.Progress;
import dev.shadowtrainer.pipeline.TrainUniverse;
import dev.shadowtrainer.pipeline.UniverseSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code bench --only universe}: (1) the speed-up of {@code train-universe} from one symbol at a time to
 * two, measured side by side in one process on the same symbols and budget, each on a fresh trade memory,
 * after a warm-up run of every symbol (not counted) so the first measured run does not pay for the JIT;
 * (2) the peak resident memory of {@code train} on a year of synthetic 1-minute candles, run in a child JVM
 * started like the launcher does, read from the kernel's VmHWM of that process.
 */
public final class UniverseBenchmark {
    public static final double SPEEDUP_TARGET = 1.7;
    public static final long RESIDENT_TARGET_MB = 1536;
    private static final long POLL_MILLIS = 100;

    /**
     * @param jobs        the universe's jobs for a scratch folder (runs, models and memory inside it)
     * @param budget      what the jobs are asked to do, in words, for the report
     * @param childArgs   the {@code train} command line of the memory run (after the main class)
     * @param childJvm    JVM flags of the child (the launcher's SHADOW_JAVA_OPTS)
     * @param childBudget what the memory run is asked to do, in words
     */
    public record Settings(Function<Path, List<TrainUniverse.Job>> jobs, String budget, List<String> childArgs,
                           List<String> childJvm, String childBudget, boolean speed, boolean memory) {
        public Settings {
            Objects.requireNonNull(jobs, "jobs is null");
            Objects.requireNonNull(childArgs, "childArgs is null");
            Objects.requireNonNull(childJvm, "childJvm is null");
        }
    }

    private final TrainUniverse universe;

    public UniverseBenchmark(TrainUniverse universe) {
        this.universe = Objects.requireNonNull(universe, "universe is null");
    }

    public UniverseBenchReport run(Settings settings, Path scratch, Progress progress) {
        UniverseBenchReport.Speed speed = settings.speed() ? speed(settings, scratch, progress) : null;
        UniverseBenchReport.Memory memory = settings.memory() ? memory(settings, scratch, progress) : null;
        return new UniverseBenchReport(Runtime.getRuntime().availableProcessors(), speed, memory);
    }

    private UniverseBenchReport.Speed speed(Settings settings, Path scratch, Progress progress) {
        Progress quiet = line -> { };
        // Warm-up: every symbol once, two at a time, not counted. With one symbol only, the JIT still compiled
        // through the parallelism-1 run (1.5 cores busy with one training thread) and flattered neither side.
        List<TrainUniverse.Job> warm = settings.jobs().apply(scratch.resolve("warm-up"));
        progress.note("bench universe: warm-up, every symbol once (not counted)");
        universe.run(warm, 2, quiet, false);
        List<TrainUniverse.Job> jobs1 = settings.jobs().apply(scratch.resolve("parallelism-1"));
        progress.note("bench universe: " + jobs1.size() + " symbols, one at a time (" + settings.budget() + ")");
        double machineBefore = machineSpeedup();
        progress.note(String.format(Locale.ROOT, "bench universe: the machine gives %.2fx on plain arithmetic split "
                + "over two threads right now", machineBefore));
        long cpu0 = processCpuNanos();
        UniverseSummary one = universe.run(jobs1, 1, progress, false);
        long cpu1 = processCpuNanos();
        List<TrainUniverse.Job> jobs2 = settings.jobs().apply(scratch.resolve("parallelism-2"));
        progress.note("bench universe: the same symbols, two at a time");
        long cpu2 = processCpuNanos();
        UniverseSummary two = universe.run(jobs2, 2, progress, false);
        long cpu3 = processCpuNanos();
        double machineAfter = machineSpeedup();
        boolean identical = one.symbols().size() == two.symbols().size();
        for (int i = 0; identical && i < one.symbols().size(); i++) {
            identical = same(one.symbols().get(i), two.symbols().get(i));
        }
        List<String> symbols = jobs1.stream().map(TrainUniverse.Job::symbol).toList();
        double speedup = one.seconds() / two.seconds();
        return new UniverseBenchReport.Speed(symbols, settings.budget(), one.aggregate().ok(), one.seconds(),
                two.seconds(), speedup, SPEEDUP_TARGET, speedup >= SPEEDUP_TARGET, identical,
                (cpu1 - cpu0) / 1e9, (cpu3 - cpu2) / 1e9, machineBefore, machineAfter, perSymbol(one),
                perSymbol(two));
    }

    /**
     * The machine's parallelism right now: the same CPU-bound arithmetic (no memory, no locks) on one thread
     * and then split over two, as the ratio of the times. On an idle two-core machine about 2; on one shared
     * with other work, what two threads can get at best, the ceiling of the universe's speed-up.
     */
    static double machineSpeedup() {
        long n = 1L << 22;
        long t = spin(n, 1);
        while (t < 400_000_000L && n < (1L << 40)) { // about half a second of work on one thread
            n <<= 1;
            t = spin(n, 1);
        }
        long one = spin(n, 1);
        long two = spin(n, 2);
        return (double) one / two;
    }

    /** Nanoseconds to run {@code n} steps of a xorshift-and-multiply loop split evenly over {@code threads}. */
    private static long spin(long n, int threads) {
        long[] sinks = new long[threads];
        Thread[] workers = new Thread[threads];
        long t0 = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int slot = w;
            workers[w] = new Thread(() -> {
                long x = 0x9E3779B97F4A7C15L + slot;
                double acc = 0;
                for (long i = 0; i < n / threads; i++) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    acc += (x & 1023) * 1e-3;
                }
                sinks[slot] = x + (long) acc;
            });
            workers[w].start();
        }
        try {
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the machine", e);
        }
        long elapsed = System.nanoTime() - t0;
        if (java.util.Arrays.stream(sinks).sum() == 42) { // keeps the loops from being optimised away
            return elapsed + 1;
        }
        return elapsed;
    }

    /** CPU time this process has used on all its threads (JIT and GC included), or -1 when not known. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static List<Double> perSymbol(UniverseSummary s) {
        return s.symbols().stream().map(UniverseSummary.SymbolResult::seconds).toList();
    }

    /** The same numbers (all but the wall-clock time and the run's id and folder). */
    static boolean same(UniverseSummary.SymbolResult a, UniverseSummary.SymbolResult b) {
        return a.symbol().equals(b.symbol()) && a.status().equals(b.status()) && a.exitCode() == b.exitCode()
                && Objects.equals(a.bars(), b.bars()) && Objects.equals(a.folds(), b.folds())
                && Objects.equals(a.totalReturn(), b.totalReturn()) && Objects.equals(a.sharpe(), b.sharpe())
                && Objects.equals(a.maxDrawdown(), b.maxDrawdown()) && Objects.equals(a.trades(), b.trades())
                && Objects.equals(a.winRate(), b.winRate()) && Objects.equals(a.buyAndHoldReturn(), b.buyAndHoldReturn());
    }

    private UniverseBenchReport.Memory memory(Settings settings, Path scratch, Progress progress) {
        Path home = scratch.resolve("memory");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.childJvm());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.shadowtrainer.cli.ShadowTrainer");
        command.addAll(settings.childArgs());
        progress.note("bench universe: train on " + settings.childBudget() + " in a child JVM"
                + (settings.childJvm().isEmpty() ? "" : " " + String.join(" ", settings.childJvm()))
                + ", sampling its VmHWM every " + POLL_MILLIS + " ms");
        try {
            Files.createDirectories(home);
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectOutput(home.resolve("stdout.txt").toFile()).redirectError(home.resolve("stderr.txt").toFile());
            // As the launcher: one OpenMP thread for ND4J's native code.
            builder.environment().putIfAbsent("OMP_NUM_THREADS", "1");
            long t0 = System.nanoTime();
            Process child = builder.start();
            long peakKb = 0;
            Path status = Path.of("/proc", Long.toString(child.pid()), "status");
            while (!child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                Map<String, Long> fields = readStatus(status);
                peakKb = Math.max(peakKb, fields.getOrDefault("VmHWM", 0L));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int exit = child.exitValue();
            List<String> err = Files.readAllLines(home.resolve("stderr.txt"));
            String lastError = err.stream().filter(l -> l.startsWith("error:") || l.startsWith("internal error")
                    || l.startsWith("Exception in thread")).findFirst().orElse(null);
            double peakMb = peakKb / 1024.0;
            return new UniverseBenchReport.Memory(settings.childBudget(), String.join(" ", settings.childJvm()),
                    exit, lastError, seconds, peakMb, RESIDENT_TARGET_MB, exit == 0 && peakMb <= RESIDENT_TARGET_MB,
                    home.toString());
        } catch (IOException e) {
            throw new IllegalStateException("could not run the memory benchmark's child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the memory benchmark's child JVM ran", e);
        }
    }

    /** The kB fields of /proc/PID/status (VmHWM, VmRSS, ...); empty once the process is gone. */
    static Map<String, Long> readStatus(Path status) {
        Map<String, Long> out = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(status)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.endsWith(" kB")) {
                    String value = line.substring(colon + 1, line.length() - 3).strip();
                    out.put(line.substring(0, colon), Long.parseLong(value));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process has exited between the poll and the read: nothing new to learn
        }
        return out;
    }

    static String mb(double mb) {
        return String.format(Locale.ROOT, "%.0f MB", mb);
    }
}
