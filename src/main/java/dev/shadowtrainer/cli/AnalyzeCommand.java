package dev.shadowtrainer.cli;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.analysis.AnalysisStore;
import dev.shadowtrainer.analysis.CorrectiveAction;
import dev.shadowtrainer.analysis.LossAnalysis;
import dev.shadowtrainer.analysis.PostExitAnalysis;
import dev.shadowtrainer.analysis.RunAnalysis;
import dev.shadowtrainer.analysis.WinAnalysis;
import dev.shadowtrainer.analysis.WinAnalyzer;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code analyze --run ID}: the stored win, loss and post-exit analyses of one run. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Prints the win, loss and post-exit analyses train stored for a run: each pattern's win rate "
                + "with its Wilson lower bound and the features that separate its winners from its losers, skill "
                + "versus luck of the agent's winners, why each loss happened and what to change, exit-timing "
                + "accuracy, missed profit and the best holding horizon per pattern. With --json, the analysis "
                + "as the run summary embeds it.",
                "A run that is not stored, or has no analysis, is exit code 3; an unreachable database is 4.",
                "Example: analyze --run 20250301-120000-btc --db postgresql://postgres@127.0.0.1:5432/shadow"})
final class AnalyzeCommand extends ConfiguredCommand {
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
        MemoryUrl url = MemoryUrl.parse(config().database().url());
        AnalysisStore store = new AnalysisStore(MemoryDatabase.open(url));
        RunAnalysis analysis = store.load(run).orElseThrow(() -> new ShadowTrainerException(ExitCodes.BAD_DATA,
                store.runExists(run)
                        ? "analyze: run '" + run + "' in " + url.display() + " has no stored analysis (it was stored "
                        + "before the analyzers existed or its analysis failed); train it again to analyse it"
                        : "analyze: run '" + run + "' is not in the trade memory " + url.display() + "; check --run "
                        + "(the id of runs/<id>/) and --db (the database train stored it in)"));
        printSummary(analysis, text(analysis));
        return 0;
    }

    static List<String> text(RunAnalysis a) {
        List<String> out = new ArrayList<>();
        out.add("analyze: run " + a.runId() + ", " + a.trades() + " trades; patterns need " + a.minOccurrences()
                + " members");
        WinAnalysis win = a.win();
        out.add("win analysis: " + win.patterns().size() + " pattern(s) with enough members");
        if (!win.patterns().isEmpty()) {
            out.add(String.format(Locale.ROOT, "  %-8s %8s %9s %12s  %s", "pattern", "members", "win rate",
                    "reliability", "contributing features (Cohen's d, winners vs losers)"));
            for (WinAnalysis.PatternWin p : win.patterns()) {
                String features = p.contributingFeatures().isEmpty() ? "-" : p.contributingFeatures().stream()
                        .map(f -> String.format(Locale.ROOT, "%s %+.2f", f.feature(), f.effectSize()))
                        .collect(Collectors.joining(", "));
                out.add(String.format(Locale.ROOT, "  %-8d %8d %8.1f%% %12.3f  %s", p.pattern(), p.members(),
                        100 * p.winRate(), p.reliability(), features));
            }
        }
        out.add("skill vs luck: " + (win.meanSkill() == null ? "no score" : String.format(Locale.ROOT,
                "mean %.2f", win.meanSkill())) + " over " + win.scoredWinners() + " of " + win.skills().size()
                + " winning agent trade(s) (a score needs " + WinAnalyzer.MIN_COMPARABLES + " shadow trades of "
                + "the same day and regime)");
        LossAnalysis loss = a.loss();
        out.add("loss analysis: " + loss.losses().size() + " losing trade(s)");
        out.add("  reasons: " + counts(loss.byReason()));
        out.add("  actions: " + counts(loss.byAction()));
        TreeSet<Integer> blacklist = loss.losses().stream()
                .filter(l -> l.action() == CorrectiveAction.BLACKLIST_PATTERN).map(LossAnalysis.Loss::pattern)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!blacklist.isEmpty()) {
            out.add("  patterns to blacklist: " + blacklist.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        PostExitAnalysis post = a.postExit();
        out.add("post-exit analysis:");
        out.add(String.format(Locale.ROOT, "  %-7s %7s %12s %10s %9s %8s %9s %15s", "scope", "trades", "about right",
                "too early", "too late", "pending", "accuracy", "missed profit"));
        for (PostExitAnalysis.ExitTiming t : post.exitTiming()) {
            out.add(String.format(Locale.ROOT, "  %-7s %7d %12d %10d %9d %8d %9s %15s", t.scope(), t.trades(),
                    t.aboutRight(), t.tooEarly(), t.tooLate(), t.pending(),
                    t.accuracy() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * t.accuracy()),
                    t.missedProfitTotal() == null ? "-" : String.format(Locale.ROOT, "%.2f", t.missedProfitTotal())));
        }
        List<PostExitAnalysis.HoldingPeriod> recommended = post.holding().stream()
                .filter(h -> h.recommended() != null).toList();
        out.add("  holding period: " + recommended.size() + " of " + post.holding().size() + " pattern(s) with a "
                + "recommendation (mean return % after fees)");
        if (!recommended.isEmpty()) {
            out.add(String.format(Locale.ROOT, "  %-8s %8s %8s %8s %8s %8s  %s", "pattern", "complete", "exit", "+1h",
                    "+4h", "+24h", "recommended"));
            for (PostExitAnalysis.HoldingPeriod h : recommended) {
                out.add(String.format(Locale.ROOT, "  %-8d %8d %8.2f %8.2f %8.2f %8.2f  %s", h.pattern(), h.complete(),
                        h.meanReturnAtExit(), h.meanReturn1h(), h.meanReturn4h(), h.meanReturn24h(),
                        h.recommended()));
            }
        }
        return out;
    }

    private static String counts(Map<?, Integer> counts) {
        String s = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return s.isEmpty() ? "none" : s;
    }
}
