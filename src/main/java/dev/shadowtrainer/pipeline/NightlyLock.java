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

/**
 * One nightly at a time: an OS lock ({@link FileChannel#tryLock()}) on a lock file. The operating system
 * releases it when the holder ends, however it ends (kill -9 included), so a lock file left behind by a dead
 * process never blocks: only a live holder does. The holder writes its pid and start time into the file for
 * the message the next one prints; the file itself stays (its content is only informative).
 */
public final class NightlyLock implements AutoCloseable {
    public static final String FILE = "nightly.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private NightlyLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
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
                throw new ShadowTrainerException(ExitCodes.LOCKED, "another nightly holds the lock " + file + " ("
                        + holder(file) + "); wait for it to finish, this run did nothing");
            }
            String holder = "pid " + ProcessHandle.current().pid() + " since " + now + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new NightlyLock(file, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot open the nightly lock file " + file + ": "
                    + e + "; check the models folder's permissions", e);
        }
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
