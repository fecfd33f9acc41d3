package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code models/current}: which model is the champion. A relative symbolic link to the model's folder
 * ({@code current -> <name>}), or, where the file system has no symbolic links, a text file holding the name.
 * It is switched atomically: the new link is made under a temporary name and renamed over the old one, so a
 * reader sees the old champion or the new one, never none.
 */
public final class ChampionPointer {
    public static final String NAME = "current";

    private final Path root;

    /** @param root the models folder */
    public ChampionPointer(Path root) {
        this.root = root;
    }

    public Path path() {
        return root.resolve(NAME);
    }

    /** The champion's model name, if there is one. */
    public Optional<String> champion() {
        Path pointer = path();
        try {
            if (Files.isSymbolicLink(pointer)) {
                return Optional.of(Files.readSymbolicLink(pointer).getFileName().toString());
            }
            if (Files.isRegularFile(pointer, LinkOption.NOFOLLOW_LINKS)) {
                String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
                return name.isEmpty() ? Optional.empty() : Optional.of(name);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot read the champion pointer " + pointer + ": "
                    + e + "; check the models folder");
        }
    }

    /** Makes model {@code name} (a folder under the models folder) the champion, atomically. */
    public void switchTo(String name) {
        Path temp = root.resolve("." + NAME + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            try {
                Files.createSymbolicLink(temp, Path.of(name));
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.deleteIfExists(temp);
                Files.writeString(temp, name + "\n", StandardCharsets.UTF_8);
            }
            Files.move(temp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the failure below says what matters
            }
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot switch " + path() + " to model " + name + ": "
                    + e + "; the previous champion is unchanged; check the models folder");
        }
    }
}
