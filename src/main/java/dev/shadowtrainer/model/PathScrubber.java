package dev.shadowtrainer.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the machine's absolute paths out of text bound for model metadata, which is copied to other
 * machines: the working folder becomes relative ({@code ./x} or {@code .}), the user's home becomes
 * {@code ~}, and any other absolute path keeps only its file name behind {@code <abs>/}. URLs
 * ({@code postgresql://host/db}) and relative paths ({@code data/candles}) are left alone.
 */
final class PathScrubber {
    /**
     * An absolute Unix path not preceded by a word character, '/', '.', '~', '-' or '>' (the end of an
     * earlier {@code <abs>}, so scrubbing twice changes nothing), and not "//".
     */
    private static final Pattern UNIX_ABSOLUTE = Pattern.compile("(?<![\\w/.~>-])/(?!/)[^\\s,;\"'()\\[\\]{}<>]*");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("(?<![\\w])[A-Za-z]:\\\\[^\\s,;\"'()\\[\\]{}<>]*");

    private final String workDir;
    private final String home;

    PathScrubber(Path workDir, Path home) {
        this.workDir = normal(workDir);
        this.home = normal(home);
    }

    /** For the JVM's working folder and the user's home. */
    static PathScrubber forThisMachine() {
        return new PathScrubber(Path.of(System.getProperty("user.dir", "")),
                Path.of(System.getProperty("user.home", "")));
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (workDir != null) {
            out = replacePrefix(out, workDir, ".");
        }
        if (home != null) {
            out = replacePrefix(out, home, "~");
        }
        out = keepFileName(UNIX_ABSOLUTE, out, '/');
        return keepFileName(WINDOWS_ABSOLUTE, out, '\\');
    }

    /** Replaces {@code dir} where it stands as a whole path or a path prefix (followed by a separator). */
    private static String replacePrefix(String text, String dir, String replacement) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        while ((at = text.indexOf(dir, from)) >= 0) {
            int end = at + dir.length();
            boolean whole = end == text.length() || !isPathChar(text.charAt(end)) || text.charAt(end) == '/'
                    || text.charAt(end) == '\\';
            out.append(text, from, at).append(whole ? replacement : dir);
            from = end;
        }
        return out.append(text.substring(from)).toString();
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '/' || c == '\\';
    }

    private static String keepFileName(Pattern pattern, String text, char separator) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group();
            String trimmed = path.endsWith(String.valueOf(separator)) ? path.substring(0, path.length() - 1) : path;
            String fileName = trimmed.substring(trimmed.lastIndexOf(separator) + 1);
            m.appendReplacement(out, Matcher.quoteReplacement("<abs>/" + fileName));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The absolute, normalised form of {@code dir}, or null when it is too short to be worth replacing. */
    private static String normal(Path dir) {
        Objects.requireNonNull(dir, "dir is null");
        String s = dir.toAbsolutePath().normalize().toString();
        // Replacing "/" or "C:\" would mangle every path; the generic rule below covers those.
        return s.length() <= 3 ? null : s;
    }
}
