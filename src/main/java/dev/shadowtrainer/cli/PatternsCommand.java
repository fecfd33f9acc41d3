package dev.shadowtrainer.cli;

import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.patterns.Pattern;
import dev.shadowtrainer.patterns.PatternStore;
import dev.shadowtrainer.patterns.StoredPattern;
import dev.shadowtrainer.patterns.WinRateDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patterns}: the stored pattern library's best, worst and blacklisted patterns. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = {"The pattern library of the trade memory: the top trusted patterns by the Wilson lower "
                + "bound of their win rate, the worst trusted ones by win rate, and the blacklisted ones, each with "
                + "members, win rate, Sharpe, profit factor, size multiplier and take-profit / stop-loss in bps.",
                "Example: patterns --top 5 --db postgresql://postgres@127.0.0.1:5432/shadow"})
final class PatternsCommand extends ConfiguredCommand {
    @picocli.CommandLine.Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "patterns to list as best and as worst (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    void addOverrides(Map<String, String> overrides) {
        database.addTo(overrides);
    }

    /** One pattern as printed. */
    record PatternLine(String scope, int id, int members, int wins, double winRate, double winRateLowerBound,
                       double sharpe, Double profitFactor, double sizeMultiplier, double takeProfitBps,
                       double stopLossBps, boolean trusted, String status, Double earlierWinRate,
                       Double recentWinRate, Double inversionPValue, Instant updatedAt) {
        static PatternLine of(StoredPattern s) {
            Pattern p = s.pattern();
            WinRateDrift d = p.drift();
            return new PatternLine(s.scope(), p.id(), p.members(), p.wins(), p.winRate(), p.winRateLowerBound(),
                    p.sharpe(), p.profitFactor(), p.sizeMultiplier(), p.takeProfitBps(), p.stopLossBps(), p.trusted(),
                    p.status().name().toLowerCase(Locale.ROOT), d == null ? null : d.earlierWinRate(),
                    d == null ? null : d.recentWinRate(), d == null ? null : d.pValue(), s.updatedAt());
        }
    }

    @Override
    public Integer call() {
        if (top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        MemoryUrl url = MemoryUrl.parse(config().database().url());
        PatternStore store = new PatternStore(MemoryDatabase.open(url));
        long count = store.count();
        List<PatternLine> best = store.top(top).stream().map(PatternLine::of).toList();
        List<PatternLine> worst = store.worst(top).stream().map(PatternLine::of).toList();
        List<PatternLine> blacklisted = store.blacklisted().stream().map(PatternLine::of).toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("database", url.display());
        summary.put("patterns", count);
        summary.put("top", best);
        summary.put("worst", worst);
        summary.put("blacklisted", blacklisted);
        List<String> text = new ArrayList<>();
        if (count == 0) {
            summary.put("note", "no pattern library stored yet");
            text.add("patterns: no pattern library stored in " + url.display() + " yet; it is fitted from the "
                    + "trade memory's past trades (see README, Pattern library)");
        } else {
            text.add("patterns: " + count + " stored in " + url.display() + ", " + blacklisted.size()
                    + " blacklisted");
            section(text, "top " + top + " trusted (highest 95% lower bound of the win rate)", best);
            section(text, "worst " + top + " trusted (lowest win rate)", worst);
            section(text, "blacklisted (win rate inverted: earlier -> recent, one-sided p)", blacklisted);
        }
        printSummary(summary, text);
        return 0;
    }

    private static void section(List<String> text, String title, List<PatternLine> lines) {
        text.add("");
        text.add(title + ":");
        if (lines.isEmpty()) {
            text.add("  none");
            return;
        }
        text.add(String.format(Locale.ROOT, "  %-10s %4s %7s %6s %6s %7s %6s %5s %7s %7s  %s", "scope", "id",
                "members", "win%", "low%", "sharpe", "pf", "size", "tp_bps", "sl_bps", "status"));
        for (PatternLine p : lines) {
            String drift = p.earlierWinRate() == null ? "" : String.format(Locale.ROOT, " (%.0f%% -> %.0f%%, p=%.3g)",
                    100 * p.earlierWinRate(), 100 * p.recentWinRate(), p.inversionPValue());
            text.add(String.format(Locale.ROOT, "  %-10s %4d %7d %6.1f %6.1f %7.3f %6s %5.2f %7.1f %7.1f  %s%s",
                    p.scope(), p.id(), p.members(), 100 * p.winRate(), 100 * p.winRateLowerBound(), p.sharpe(),
                    p.profitFactor() == null ? "-" : String.format(Locale.ROOT, "%.2f", p.profitFactor()),
                    p.sizeMultiplier(), p.takeProfitBps(), p.stopLossBps(), p.status(),
                    p.status().equals("blacklisted") ? drift : ""));
        }
    }
}
