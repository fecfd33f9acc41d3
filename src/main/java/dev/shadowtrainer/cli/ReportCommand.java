package dev.shadowtrainer.cli;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.patterns.PatternStore;
import dev.shadowtrainer.report.RunFolder;
import dev.shadowtrainer.report.RunReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report --run ID}: runs/&lt;id&gt;/report.html from the files of the run folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes runs/<id>/report.html, one self-contained page (no script, no external address) "
                + "from the files of the run folder: the equity of the policy against the baselines, drawdown, the "
                + "distribution of trade PnL, a table per fold, results by entry regime, the top patterns, heat maps "
                + "of the sizing agents' Q-tables, the PPO training curves and the post-exit verdicts. A section "
                + "whose file the run did not write says so. train writes the same page at the end of its run.",
                "With --db, the trade memory's stored pattern library (top trusted and blacklisted) is listed too.",
                "A missing run folder or summary.json is exit code 3.",
                "Example: report --run 20251121T140501Z-btcusdt-15m"})
final class ReportCommand extends ConfiguredCommand {
    private static final int TOP = 10;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "the run id (runs/<id>/)")
    String run;

    @picocli.CommandLine.Mixin
    DatabaseOption database = new DatabaseOption();

    @Override
    void addOverrides(Map<String, String> overrides) {
        database.addTo(overrides);
    }

    @Override
    public Integer call() {
        Path root = Path.of(config().output().runsDir());
        Path folder = root.resolve(run).normalize();
        if (!RunFolder.isRunId(root, run)) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "report: --run '" + run + "' is not a run id; give the "
                    + "name of a folder under " + root + " (e.g. 20251121T140501Z-btcusdt-15m)");
        }
        RunReport.StoredPatterns patterns = null;
        if (database.db != null) {
            MemoryUrl url = MemoryUrl.parse(config().database().url());
            PatternStore store = new PatternStore(MemoryDatabase.open(url));
            patterns = new RunReport.StoredPatterns(url.display(), store.count(), store.top(TOP), store.blacklisted());
        }
        RunReport.Written written = RunReport.write(folder, patterns);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("file", written.file().toString());
        summary.put("charts", written.charts());
        summary.put("missingSections", written.missing());
        summary.put("millis", written.millis());
        printSummary(summary, List.of("report   " + written.file() + ": " + written.charts() + " charts"
                + (written.missing().isEmpty() ? "" : ", no data for " + String.join(", ", written.missing()))
                + " (" + written.millis() + " ms)"));
        return 0;
    }
}
