package dev.shadowtrainer.memory;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.config.DatabaseUrls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the trade memory lives, from database.url, --db or SHADOW_DB_URL:
 * {@code h2:PATH} (an embedded file store, PATH without the .mv.db ending), {@code h2:mem:NAME} (in
 * memory, for tests), or {@code postgresql://[user[:password]@]host[:port]/database[?parameters]}.
 *
 * @param display the URL with any password replaced, the only form that may be printed
 */
public record MemoryUrl(Vendor vendor, String jdbcUrl, String user, String password, String display) {
    private static final Pattern POSTGRES = Pattern.compile(
            "postgres(?:ql)?://(?:([^:@/?#]+)(?::([^@/?#]*))?@)?([^:/?#]+)(?::(\\d{1,5}))?/([^/?#]+)(\\?.*)?");

    /** The two stores, named as Flyway's migration folders are. */
    public enum Vendor {
        H2("h2"), POSTGRESQL("postgresql");

        private final String folder;

        Vendor(String folder) {
            this.folder = folder;
        }

        /** The folder under db/migration holding this store's migrations. */
        public String folder() {
            return folder;
        }
    }

    public MemoryUrl {
        Objects.requireNonNull(vendor, "vendor is null");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        Objects.requireNonNull(display, "display is null");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return display;
    }

    public static MemoryUrl parse(String url) {
        Objects.requireNonNull(url, "url is null");
        String display = DatabaseUrls.redact(url);
        if (url.startsWith("h2:mem:") && url.length() > "h2:mem:".length()) {
            return new MemoryUrl(Vendor.H2, "jdbc:h2:mem:" + url.substring("h2:mem:".length()) + ";DB_CLOSE_DELAY=-1",
                    "sa", "", display);
        }
        if (url.startsWith("h2:") && url.length() > "h2:".length()) {
            String file = url.substring("h2:".length());
            if (file.endsWith(".mv.db")) {
                file = file.substring(0, file.length() - ".mv.db".length());
            }
            // Open until the JVM exits (H2 closes it then): without this H2 closes the file whenever the last
            // connection closes and opens it again on the next, and such quick close/reopen cycles in one run
            // left "File corrupted while reading record" behind (H2 2.3).
            return new MemoryUrl(Vendor.H2, "jdbc:h2:file:" + Path.of(file).toAbsolutePath().normalize()
                    + ";DB_CLOSE_DELAY=-1", "sa", "", display);
        }
        Matcher m = POSTGRES.matcher(url);
        if (m.matches()) {
            String port = m.group(4) == null ? "5432" : m.group(4);
            String query = m.group(6) == null ? "" : m.group(6);
            return new MemoryUrl(Vendor.POSTGRESQL, "jdbc:postgresql://" + m.group(3) + ":" + port + "/" + m.group(5)
                    + query, decode(m.group(1)), decode(m.group(2)), display);
        }
        throw new ShadowTrainerException(ExitCodes.USAGE, "database URL '" + display + "' is not understood; use "
                + "h2:PATH for the embedded store or postgresql://user@host:5432/database (--db or SHADOW_DB_URL)");
    }

    private static String decode(String part) {
        return part == null ? null : URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
