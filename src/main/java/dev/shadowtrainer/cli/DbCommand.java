package dev.shadowtrainer.cli;

import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code db migrate} and {@code db info}: the trade memory's schema. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"The trade memory's database: 'migrate' brings it to this version's schema (Flyway; applied "
                + "migrations are validated first and an edited one is refused), 'info' lists the migrations "
                + "applied and pending without changing anything.",
                "Example: db migrate --db postgresql://postgres@127.0.0.1:5432/shadow"})
final class DbCommand extends ConfiguredCommand {
    /** What to do. */
    enum Action { migrate, info }

    @Parameters(index = "0", paramLabel = "ACTION", description = "migrate or info")
    Action action;

    @Option(names = "--db", paramLabel = "URL",
            description = "h2:PATH or postgresql://user@host:port/database (default: database.url, or SHADOW_DB_URL)")
    String db;

    @Override
    void addOverrides(Map<String, String> overrides) {
        if (db != null) {
            overrides.put("database.url", db);
        }
    }

    @Override
    public Integer call() {
        MemoryUrl url = MemoryUrl.parse(config().database().url());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("database", url.display());
        List<String> text = new ArrayList<>();
        if (action == Action.migrate) {
            MemoryDatabase db = MemoryDatabase.inspect(url);
            int applied = db.migrate();
            List<MemoryDatabase.Migration> all = db.info();
            String version = all.isEmpty() ? "none" : all.get(all.size() - 1).version();
            summary.put("schemaVersion", version);
            summary.put("appliedNow", applied);
            text.add("db migrate: " + url.display() + " is at schema version " + version + " (" + applied
                    + " migration(s) applied now, " + all.size() + " in all)");
        } else {
            List<MemoryDatabase.Migration> all = MemoryDatabase.inspect(url).info();
            summary.put("migrations", all);
            text.add("db info: " + url.display());
            text.add(String.format("  %-8s %-10s %-26s %s", "version", "state", "installed on", "description"));
            for (MemoryDatabase.Migration m : all) {
                text.add(String.format("  %-8s %-10s %-26s %s", m.version(), m.state(),
                        m.installedOn().isEmpty() ? "-" : m.installedOn(), m.description()));
            }
        }
        printSummary(summary, text);
        return 0;
    }
}
