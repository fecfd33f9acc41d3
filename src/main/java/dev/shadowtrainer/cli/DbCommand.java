package dev.shadowtrainer.cli;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryWriter;
import dev.shadowtrainer.memory.SpillFile;
import dev.shadowtrainer.memory.TradeMemory;
import dev.shadowtrainer.memory.MemoryUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code db migrate} and {@code db info}: the trade memory's schema. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"The trade memory's database: 'migrate' brings it to this version's schema (Flyway; applied "
                + "migrations are validated first and an edited one is refused), 'info' lists the migrations "
                + "applied and pending without changing anything, 'import FILE' loads a run's spill file, "
                + "'index' takes the trades that writes stored since the last 'index' into the HNSW indexes.",
                "Example: db migrate --db postgresql://postgres@127.0.0.1:5432/shadow"})
final class DbCommand extends ConfiguredCommand {
    @Parameters(index = "0", paramLabel = "ACTION", description = "migrate, info, import or index")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
            description = "for import: a spill file a run wrote when it lost the trade memory")
    Path file;

    @picocli.CommandLine.Mixin
    DatabaseOption database = new DatabaseOption();

    @Override
    void addOverrides(Map<String, String> overrides) {
        database.addTo(overrides);
    }

    @Override
    public Integer call() {
        if (!List.of("migrate", "info", "import", "index").contains(action)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "db: unknown action '" + action
                    + "'; use migrate, info, import FILE or index");
        }
        if (action.equals("import") != (file != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), action.equals("import")
                    ? "db import needs the spill file, e.g. db import runs/<run-id>/memory-spill.jsonl"
                    : "db " + action + " takes no file");
        }
        MemoryUrl url = MemoryUrl.parse(config().database().url());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("database", url.display());
        List<String> text = new ArrayList<>();
        if (action.equals("import")) {
            SpillFile.Spilled spilled = SpillFile.read(file);
            TradeMemory memory = new TradeMemory(MemoryDatabase.open(url));
            MemoryWriter.Result r = new MemoryWriter(memory, 5_000, new long[0], millis -> { })
                    .write(spilled.run(), spilled.trades(), spilled.postExit(), file.resolveSibling(
                            file.getFileName() + ".rest"));
            if (r.spilled() > 0) {
                throw new ShadowTrainerException(ExitCodes.STORAGE, "db import: " + url.display() + " failed after "
                        + r.written() + " of " + spilled.trades().size() + " trades (" + r.failure() + "); the rest "
                        + "are in " + r.spillFile() + "; run db import again on that file");
            }
            summary.put("trades", spilled.trades().size());
            summary.put("added", r.added());
            text.add("db import: " + spilled.trades().size() + " trades of run " + spilled.run().runId() + " from "
                    + file + " into " + url.display() + ", " + r.added() + " new; the file may be deleted");
        } else if (action.equals("index")) {
            TradeMemory memory = new TradeMemory(MemoryDatabase.open(url));
            long backlog = memory.backlog();
            ProgressBar bar = ProgressBar.on(progress());
            long t0 = System.nanoTime();
            long done = memory.indexBacklog(TradeMemory.INDEX_BATCH, n -> bar.advance(n, backlog, "trades indexed"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            summary.put("indexed", done);
            summary.put("seconds", seconds);
            text.add(String.format(java.util.Locale.ROOT, "db index: %,d trades of %s taken into the HNSW indexes "
                    + "in %.1f s (%,.0f trades/s); none waiting", done, url.display(), seconds,
                    seconds > 0 ? done / seconds : 0));
        } else if (action.equals("migrate")) {
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
