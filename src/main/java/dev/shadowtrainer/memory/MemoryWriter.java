package dev.shadowtrainer.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's trades to the trade memory in batches, so that none is lost when the database goes
 * away mid-run: a batch that fails is retried after each of the backoff delays, and when it still
 * fails, it and every batch after it are spilled to a local file (with the run) for {@code db import}
 * to load later. Batches written before stay written (each is one transaction, idempotent on reload).
 */
public final class MemoryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryWriter.class);
    /** Waits before the retries of a failed batch: about 7 seconds in all. */
    public static final long[] BACKOFF_MILLIS = {500, 2_000, 4_500};

    /** Where batches go (the trade memory). */
    public interface Store {
        void saveRun(RunRecord run);

        int save(List<StoredTrade> trades, List<PostExitRow> postExit);
    }

    /** Waits between attempts (a test passes one that does not sleep). */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * @param added     trades the database did not have yet
     * @param written   trades offered to the database before it was lost (all when nothing was spilled)
     * @param spilled   trades in the spill file (0: none, and no file)
     * @param spillFile where they are, or null
     * @param failure   why the database was given up, or null
     */
    public record Result(int added, int written, int spilled, Path spillFile, String failure) {
    }

    private final Store store;
    private final int batchSize;
    private final long[] backoff;
    private final Sleeper sleeper;

    public MemoryWriter(Store store, int batchSize, long[] backoffMillis, Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1");
        }
        this.batchSize = batchSize;
        this.backoff = backoffMillis.clone();
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    }

    public MemoryWriter(Store store, int batchSize) {
        this(store, batchSize, BACKOFF_MILLIS, Thread::sleep);
    }

    /** Stores the run and its trades (post-exit rows in the same order), spilling to {@code spillFile} if need be. */
    public Result write(RunRecord run, List<StoredTrade> trades, List<PostExitRow> postExit, Path spillFile) {
        if (postExit.size() != trades.size()) {
            throw new IllegalArgumentException(trades.size() + " trades but " + postExit.size() + " post-exit rows");
        }
        RuntimeException failure = attempt(() -> {
            store.saveRun(run);
            return 0;
        });
        int added = 0;
        int from = 0;
        while (failure == null && from < trades.size()) {
            int to = Math.min(trades.size(), from + batchSize);
            // copied, so rows built on demand (a run's trades) are built once per batch and dropped after it
            List<StoredTrade> batch = new ArrayList<>(trades.subList(from, to));
            List<PostExitRow> rows = new ArrayList<>(postExit.subList(from, to));
            int[] result = new int[1];
            failure = attempt(() -> result[0] = store.save(batch, rows));
            if (failure == null) {
                added += result[0];
                from = to;
            }
        }
        if (failure == null) {
            return new Result(added, trades.size(), 0, null, null);
        }
        SpillFile.write(spillFile, run, trades.subList(from, trades.size()), postExit.subList(from, trades.size()));
        return new Result(added, from, trades.size() - from, spillFile, Sql.rootMessage(failure));
    }

    private interface Attempt {
        int run();
    }

    /** Runs the attempt, retrying after each backoff; the last failure, or null on success. */
    private RuntimeException attempt(Attempt attempt) {
        RuntimeException last = null;
        for (int i = 0; i <= backoff.length; i++) {
            try {
                attempt.run();
                return null;
            } catch (RuntimeException e) {
                last = e;
                LOG.warn("trade memory write failed (attempt {} of {}): {}", i + 1, backoff.length + 1, Sql.rootMessage(e));
                if (i < backoff.length) {
                    try {
                        sleeper.sleep(backoff[i]);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return last;
                    }
                }
            }
        }
        return last;
    }

}
