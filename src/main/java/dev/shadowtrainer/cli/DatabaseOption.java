package dev.shadowtrainer.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --db URL}: the trade memory a command works on, overriding database.url (and SHADOW_DB_URL). */
final class DatabaseOption {
    @Option(names = "--db", paramLabel = "URL",
            description = "trade memory: h2:PATH or postgresql://user@host:port/database (default: database.url, "
                    + "or SHADOW_DB_URL)")
    String db;

    /** Puts the URL, when given, into the config overrides. */
    void addTo(Map<String, String> overrides) {
        if (db != null) {
            overrides.put("database.url", db);
        }
    }
}
