package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.memory.MemoryDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One trade memory shared by the sibling runs of {@code train-universe}, which train symbols on
 * several threads at once. Two rules make every run's result independent of how the threads interleave,
 * so a universe gives each symbol the numbers that symbol's {@code train} on the memory as it was when
 * the universe began would give:
 *
 * <ul>
 *   <li><b>Siblings are hidden from reads.</b> A run's reads (the look-up index's past, the pattern
 *       library before and after it) leave out the trades of every other run of the universe; a run id
 *       joins the hidden set under the write lock just before its first write, and reads hold the read
 *       lock, so a read either ran before a sibling's trades existed or already hides them.</li>
 *   <li><b>Writes are serialised.</b> Storing a run's trades, its analysis (worked out before, outside the
 *       lock) and its model's registry row take the write lock, one run at a time: the database sees one writer (H2's embedded store would
 *       otherwise have two transactions wait on each other's locks), and batches of different runs never
 *       interleave.</li>
 * </ul>
 *
 * <p>The shared pattern library (pattern_library, scope {@code all}) is not saved by the runs: each
 * run's refit (on the memory before the universe plus its own trades) serves its own analysis only, and
 * the universe refits the library once at the end on everything stored, the reduce step
 * ({@link TrainUniverse}).
 */
public final class SharedMemory {
    private final MemoryDatabase database;
    private final Set<String> runs = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public SharedMemory(MemoryDatabase database) {
        this.database = Objects.requireNonNull(database, "database is null");
    }

    public MemoryDatabase database() {
        return database;
    }

    /** The runs that have written to the memory through this share, in no particular order. */
    public List<String> runs() {
        return List.copyOf(runs);
    }

    /** Runs {@code query} under the read lock with the run ids it must hide: every sibling but {@code self}. */
    <T> T read(String self, Function<Collection<String>, T> query) {
        lock.readLock().lock();
        try {
            List<String> hidden = new ArrayList<>(runs);
            hidden.remove(self);
            hidden.sort(null);
            return query.apply(hidden);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code work} under the write lock, after adding {@code runId} to the runs siblings hide. */
    <T> T write(String runId, Supplier<T> work) {
        lock.writeLock().lock();
        try {
            runs.add(Objects.requireNonNull(runId, "runId is null"));
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
