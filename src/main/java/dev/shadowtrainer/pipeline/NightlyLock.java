package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One nightly at a time: an OS lock ({@link FileChannel#tryLock()}) on a lock file. The operating system
 * releases it when the holder ends, however it ends (kill -9 included), so a lock file left behind by a dead
 * process never blocks: only a live holder does. The holder writes its pid and start time into the file for
 * the message the next one prints; the file itself stays (its content is only informative). The holding
 * process never opens the file a second time: POSIX record locks belong to the process, and closing any of its
 * descriptors of the file would drop the lock (a second attempt within the same JVM is refused from memory).
 */
public final class NightlyLock implements AutoCloseable {
    public static final String FILE = "nightly.lock";
    /**
     * Lock files this JVM holds, with their holder line. Process-wide on purpose: the OS lock belongs to the
     * process, and on POSIX closing any other descriptor of the file (even one opened only to try the lock or
     * to read the holder) drops it, so within this JVM a held file must not be opened again at all.
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private NightlyLock(Path file, Path key, FileChannel channel, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} at once or not at all.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#LOCKED} when a live process (or another thread of
     *                                this one) holds it; {@link ExitCodes#STORAGE} when the file cannot be opened
     */
    public static NightlyLock acquire(Path file, Instant now) {
        Path key = file.toAbsolutePath().normalize();
        String holder = "pid " + ProcessHandle.current().pid() + " since " + now;
        String current = HELD.putIfAbsent(key, holder);
        if (current != null) {
            throw held(file, current);
        }
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                HELD.remove(key);
                throw held(file, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new NightlyLock(file, key, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot open the nightly lock file " + file + ": "
                    + e + "; check the models folder's permissions", e);
        }
    }

    private static ShadowTrainerException held(Path file, String holder) {
        return new ShadowTrainerException(ExitCodes.LOCKED, "another nightly holds the lock " + file + " (" + holder
                + "); wait for it to finish, this run did nothing");
    }

    /** What the lock file says about its holder, on one line. */
    static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    public Path file() {
        return file;
    }

    /** Releases the lock (the OS does the same if the process dies first). */
    @Override
    public void close() {
        HELD.remove(key);
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // The lock goes with the channel, and the channel with the process: nothing is left held.
        }
    }
}
