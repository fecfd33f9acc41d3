package dev.shadowtrainer.model;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.util.regex.Pattern;

/**
 * The names a model store accepts: model names, graph names and file names inside a model folder.
 * All are plain names, never paths: 1 to 64 characters of letters, digits, '.', '_' and '-', starting
 * with a letter or digit (so never hidden, never an option, never '.' or '..'), and without "..".
 */
final class ModelNames {
    static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private ModelNames() {
    }

    static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /**
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} when {@code name} is not a valid name
     */
    static String require(String what, String name) {
        if (!isValid(name)) {
            throw new ShadowTrainerException(ExitCodes.USAGE, what + " '" + printable(name) + "' is not allowed;"
                    + " use 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or"
                    + " digit, without '..' or path separators (e.g. btc-15m-ppo)");
        }
        return name;
    }

    /** The name as one printable line, whatever it holds. */
    static String printable(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return name.codePointCount(0, name.length()) > 100 ? out + "..." : out.toString();
    }
}
