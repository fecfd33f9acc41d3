package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.patterns.Pattern;
import dev.shadowtrainer.report.RunFolder;
import dev.shadowtrainer.report.SummaryJson;
import dev.shadowtrainer.report.SymbolsCsv;
import dev.shadowtrainer.sim.PerformanceMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The {@code train-universe} job: one full {@link TrainPipeline} run per symbol, at most
 * {@code parallelism} at a time on a fixed pool of threads, all on one trade memory ({@link SharedMemory}).
 *
 * <p>A symbol that fails (bad data, too few bars, anything its {@code train} would stop on) is recorded
 * with its exit code and one-line error and the others go on. Every run sees the memory as it was when the
 * universe began plus its own trades, so a symbol's numbers do not depend on the parallelism or on which
 * sibling finished first. ND4J runs one thread per process ({@code Nd4jSettings}): each training thread is
 * single-threaded, so two symbols at once use both cores; its workspaces and random generators are per
 * thread, and the network's parameters are drawn from a seeded Java generator, so threads do not share
 * any state that would change a result. When every symbol is done the shared pattern library is refitted
 * once on everything stored (the reduce step) and saved for the next run.
 */
public final class TrainUniverse {
    public static final String SYMBOLS_CSV = "symbols.csv";
    /** Folder name prefix of a universe under output.runs_dir. */
    public static final String PREFIX = "universe-";

    /** One symbol's job: its resolved config (data.symbol set to it). */
    public record Job(String symbol, ShadowConfig config) {
        public Job {
            Objects.requireNonNull(symbol, "symbol is null");
            Objects.requireNonNull(config, "config is null");
        }
    }

    /** Makes a symbol's policy trainer (a fresh one per symbol: trainers keep their metrics). */
    public interface Trainers {
        PolicyTrainer create(ShadowConfig config, Progress progress);
    }

    private final CandleLoader loader;
    private final String version;
    private final Clock clock;
    private final Trainers trainers;

    public TrainUniverse(CandleLoader loader, String version, Clock clock, Trainers trainers) {
        this.loader = Objects.requireNonNull(loader, "loader is null");
        this.version = Objects.requireNonNull(version, "version is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.trainers = Objects.requireNonNull(trainers, "trainers is null");
    }

    /**
     * Trains every job and writes runs/universe-&lt;id&gt;/summary.json and symbols.csv.
     *
     * @param progress where the start and finish line of each symbol goes (from several threads)
     * @param detail   also pass each symbol's own progress notes on, prefixed with the symbol
     */
    public UniverseSummary run(List<Job> jobs, int parallelism, Progress progress, boolean detail) {
        Objects.requireNonNull(jobs, "jobs is null");
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no symbols to train");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        ShadowConfig first = jobs.get(0).config();
        long started = System.nanoTime();
        Instant startedAt = clock.instant();
        // The memory first, once for all: unreachable is exit 4 before any work; migrated once, not per thread.
        SharedMemory memory = new SharedMemory(MemoryDatabase.open(MemoryUrl.parse(first.database().url())));
        RunFolder folder = RunFolder.create(Path.of(first.output().runsDir()), PREFIX + RunFolder.stamp(startedAt));
        Progress lines = synchronised(progress);
        int threads = Math.min(parallelism, jobs.size());
        lines.note(String.format(Locale.ROOT, "train-universe: %d symbols, %d at a time, into %s", jobs.size(),
                threads, folder.path()));
        AtomicInteger begun = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "train-universe-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<SymbolResultSlot> slots = new ArrayList<>();
        try {
            List<Future<UniverseSummary.SymbolResult>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    int n = begun.incrementAndGet();
                    lines.note(String.format(Locale.ROOT, "[%d/%d] %s: start", n, jobs.size(), job.symbol()));
                    UniverseSummary.SymbolResult result = train(job, memory, lines, detail);
                    int done = finished.incrementAndGet();
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    int left = jobs.size() - done;
                    lines.note(String.format(Locale.ROOT, "[%d/%d done] %s: %s in %s; %s", done, jobs.size(),
                            job.symbol(), outcome(result), UniverseSummary.duration(result.seconds()),
                            left == 0 ? "all done" : "ETA " + UniverseSummary.duration(elapsed / done * left)
                                    + " for " + left + " more"));
                    return result;
                }));
            }
            for (int i = 0; i < jobs.size(); i++) {
                slots.add(new SymbolResultSlot(jobs.get(i), futures.get(i)));
            }
            List<UniverseSummary.SymbolResult> results = new ArrayList<>();
            for (SymbolResultSlot slot : slots) {
                results.add(slot.get());
            }
            UniverseSummary.Library library = reduce(jobs, results, memory, lines);
            UniverseSummary summary = new UniverseSummary(version, folder.runId(), folder.path().toString(),
                    first.seed(), threads, memory.database().url().display(), (System.nanoTime() - started) / 1e9,
                    UniverseSummary.Aggregate.of(results), results, library);
            new SummaryJson().write(folder.summaryJson(), summary);
            SymbolsCsv.write(folder.file(SYMBOLS_CSV), results.stream().map(TrainUniverse::row).toList());
            return summary;
        } finally {
            pool.shutdownNow();
        }
    }

    private record SymbolResultSlot(Job job, Future<UniverseSummary.SymbolResult> future) {
        UniverseSummary.SymbolResult get() {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShadowTrainerException(ExitCodes.INTERNAL_ERROR, "train-universe was interrupted while "
                        + job.symbol() + " trained", e);
            } catch (ExecutionException e) {
                // Only Errors (out of memory and the like) get here: train() records every exception itself.
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** One symbol's train run; any exception becomes a failed result with its exit code and one line. */
    private UniverseSummary.SymbolResult train(Job job, SharedMemory memory, Progress lines, boolean detail) {
        long t0 = System.nanoTime();
        Consumer<String> notes = detail ? line -> lines.note(job.symbol() + ": " + line) : line -> { };
        try {
            PolicyTrainer trainer = trainers.create(job.config(), Progress.of(notes));
            TrainSummary s = new TrainPipeline(loader, version, clock, trainer, memory).run(job.config(), notes);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (s.memory() != null && s.memory().spilled() > 0) {
                return failed(job, ExitCodes.STORAGE, "the trade memory was lost mid-run; " + s.memory().spilled()
                        + " trades are in " + s.memory().spillFile() + "; load them with: shadow-trainer db import "
                        + s.memory().spillFile(), seconds, s.runId(), s.runFolder());
            }
            PerformanceMetrics m = s.evaluation().results().get(0).metrics();
            Double buyAndHold = s.evaluation().results().stream()
                    .filter(r -> r.policy().equals(WalkForwardEvaluation.BUY_AND_HOLD))
                    .map(r -> r.metrics().totalReturn()).findFirst().orElse(null);
            return new UniverseSummary.SymbolResult(job.symbol(), UniverseSummary.OK, ExitCodes.OK, null, s.runId(),
                    s.runFolder(), seconds, s.bars(), s.evaluation().folds(), m.totalReturn(), m.sharpe(),
                    m.maxDrawdown(), m.trades(), m.winRate().isPresent() ? m.winRate().getAsDouble() : null,
                    buyAndHold, s.lastOpen());
        } catch (ShadowTrainerException e) {
            return failed(job, e.exitCode(), e.getMessage(), (System.nanoTime() - t0) / 1e9, null, null);
        } catch (RuntimeException e) {
            return failed(job, ExitCodes.INTERNAL_ERROR, "internal error: " + e, (System.nanoTime() - t0) / 1e9,
                    null, null);
        }
    }

    private static UniverseSummary.SymbolResult failed(Job job, int code, String error, double seconds, String runId,
                                                       String runFolder) {
        return new UniverseSummary.SymbolResult(job.symbol(), UniverseSummary.FAILED, code, error, runId, runFolder,
                seconds, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The reduce step: the shared pattern library refitted once on every stored trade through the last bar
     * any symbol saw, and saved (scope all) for the next run; null when no symbol trained.
     */
    private static UniverseSummary.Library reduce(List<Job> jobs, List<UniverseSummary.SymbolResult> results,
                                                  SharedMemory memory, Progress lines) {
        ShadowConfig config = null;
        for (int i = 0; i < results.size(); i++) {
            UniverseSummary.SymbolResult r = results.get(i);
            if (r.ok()) {
                config = config == null ? jobs.get(i).config() : config;
            }
        }
        if (config == null) {
            return null;
        }
        Instant through = lastBar(results);
        lines.note("train-universe: refitting the shared pattern library on every stored trade through " + through);
        RunPatterns.Fitted fitted = new RunPatterns(memory.database(), config).refit(through, List.of(), true,
                lines::note);
        if (fitted == null) {
            return null;
        }
        int trusted = 0;
        int blacklisted = 0;
        for (Pattern p : fitted.library().patterns()) {
            trusted += p.trusted() ? 1 : 0;
            blacklisted += p.blacklisted() ? 1 : 0;
        }
        return new UniverseSummary.Library(fitted.trades(), fitted.library().patterns().size(), trusted, blacklisted);
    }

    /** The latest last bar of the symbols that trained. */
    private static Instant lastBar(List<UniverseSummary.SymbolResult> results) {
        Instant latest = Instant.EPOCH;
        for (UniverseSummary.SymbolResult r : results) {
            if (r.ok() && r.lastOpen() != null && r.lastOpen().isAfter(latest)) {
                latest = r.lastOpen();
            }
        }
        return latest;
    }

    private static String outcome(UniverseSummary.SymbolResult r) {
        return r.ok() ? String.format(Locale.ROOT, "ok, return %+.2f%%, sharpe %.2f, %d trades", 100 * r.totalReturn(),
                r.sharpe(), r.trades()) : "FAILED (exit " + r.exitCode() + "): " + r.error();
    }

    private static SymbolsCsv.Row row(UniverseSummary.SymbolResult r) {
        return new SymbolsCsv.Row(r.symbol(), r.status(), r.exitCode(), r.runId(), r.runFolder(), r.seconds(),
                r.bars() == null ? 0 : r.bars(), r.folds() == null ? 0 : r.folds(), nan(r.totalReturn()),
                nan(r.sharpe()), nan(r.maxDrawdown()), r.trades() == null ? 0 : r.trades(), nan(r.winRate()),
                nan(r.buyAndHoldReturn()), r.error());
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** Notes from several threads, one whole line at a time. */
    private static Progress synchronised(Progress progress) {
        Object lock = new Object();
        return line -> {
            synchronized (lock) {
                progress.note(line);
            }
        };
    }
}
