package dev.shadowtrainer.report;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a file all or nothing: the content goes to a hidden temporary file in the same directory, is
 * forced to disk, and is then renamed over the target in one atomic step, so a reader or a crash sees
 * the old file or the new one, never half of one. Text ({@link #write}) and bytes ({@link #writeBytes})
 * share the same steps.
 */
public final class AtomicFile {
    private static final int BUFFER_CHARS = 1 << 16;

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Produces a file's content as bytes. */
    @FunctionalInterface
    public interface BinaryContent {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes (UTF-8), creating missing parent folders.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#STORAGE} when the file cannot be written; the
     *                                previous file, if any, is then unchanged and no temporary file is left
     */
    public static void write(Path target, Content content) {
        Objects.requireNonNull(content, "content is null");
        writeBytes(target, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER_CHARS);
            content.writeTo(out);
            out.flush();
        });
    }

    /**
     * Replaces {@code target} with the bytes {@code content} writes, creating missing parent folders. The
     * stream is not buffered (write large chunks or wrap it); {@code content} need not close it.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#STORAGE} when the file cannot be written; the
     *                                previous file, if any, is then unchanged and no temporary file is left
     */
    public static void writeBytes(Path target, BinaryContent content) {
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(content, "content is null");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                // On disk before the rename, so a power cut cannot leave the new name on empty content.
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot write " + target + ": " + e
                    + "; the previous file, if any, is unchanged; check the folder's space and permissions", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Only a hidden *.tmp file can remain, which no reader of the target ever opens.
            }
        }
    }
}
