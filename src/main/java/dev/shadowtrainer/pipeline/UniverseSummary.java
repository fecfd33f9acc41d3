package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@code train-universe} run did: one result per symbol (in the order given) and the aggregate
 * over the symbols that trained. Written to runs/universe-&lt;id&gt;/summary.json.
 *
 * @param parallelism the symbols trained at once
 * @param seconds     wall-clock time of the whole universe
 * @param library     the shared pattern library refitted on every stored trade at the end (the reduce
 *                    step); null when no symbol trained or the refit failed
 */
public record UniverseSummary(String version, String universeId, String folder, long seed, int parallelism,
                              String database, double seconds, Aggregate aggregate, List<SymbolResult> symbols,
                              Library library) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public UniverseSummary {
        Objects.requireNonNull(symbols, "symbols is null");
        symbols = List.copyOf(symbols);
    }

    /**
     * One symbol. For a symbol that failed, {@code exitCode} and {@code error} say why (the one line
     * {@code train} would have printed) and the numbers are null.
     *
     * @param totalReturn the trained policy's out-of-sample return over all test windows, after costs
     * @param lastOpen    the open time of the symbol's last bar
     */
    public record SymbolResult(String symbol, String status, int exitCode, String error, String runId,
                               String runFolder, double seconds, Integer bars, Integer folds, Double totalReturn,
                               Double sharpe, Double maxDrawdown, Integer trades, Double winRate,
                               Double buyAndHoldReturn, java.time.Instant lastOpen) {
        public boolean ok() {
            return OK.equals(status);
        }
    }

    /** Over the symbols that trained: their policy's return and Sharpe (mean, median), trades summed. */
    public record Aggregate(int symbols, int ok, int failed, Double meanReturn, Double medianReturn,
                            Double meanSharpe, Double medianSharpe, long trades, List<String> failedSymbols) {
        static Aggregate of(List<SymbolResult> results) {
            List<SymbolResult> ok = results.stream().filter(SymbolResult::ok).toList();
            double[] returns = ok.stream().mapToDouble(SymbolResult::totalReturn).toArray();
            double[] sharpes = ok.stream().mapToDouble(SymbolResult::sharpe).toArray();
            long trades = ok.stream().mapToLong(SymbolResult::trades).sum();
            return new Aggregate(results.size(), ok.size(), results.size() - ok.size(), mean(returns),
                    median(returns), mean(sharpes), median(sharpes), trades,
                    results.stream().filter(r -> !r.ok()).map(SymbolResult::symbol).toList());
        }
    }

    /** The pattern library after the reduce step. */
    public record Library(int trades, int patterns, int trusted, int blacklisted) {
    }

    /** 0 when every symbol trained; else the failures' exit code when they all share one, else 5. */
    public int exitCode() {
        List<Integer> codes = symbols.stream().filter(r -> !r.ok()).map(SymbolResult::exitCode).distinct().toList();
        if (codes.isEmpty()) {
            return ExitCodes.OK;
        }
        boolean allFailed = symbols.stream().noneMatch(SymbolResult::ok);
        return allFailed && codes.size() == 1 ? codes.get(0) : ExitCodes.SOME_FAILED;
    }

    static Double mean(double[] values) {
        return values.length == 0 ? null : Arrays.stream(values).sum() / values.length;
    }

    static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "train-universe %s: %d symbols, %d at a time, seed %d, memory %s, %s",
                universeId, symbols.size(), parallelism, seed, database, duration(seconds)));
        out.add(String.format(Locale.ROOT, "  %-12s %-6s %9s %7s %8s %7s %6s %9s %8s", "symbol", "status", "return",
                "sharpe", "max dd", "trades", "win%", "buy&hold", "time"));
        for (SymbolResult r : symbols) {
            if (r.ok()) {
                out.add(String.format(Locale.ROOT, "  %-12s %-6s %+8.2f%% %7.2f %7.2f%% %7d %6s %+8.2f%% %8s",
                        r.symbol(), r.status(), 100 * r.totalReturn(), r.sharpe(), 100 * r.maxDrawdown(), r.trades(),
                        r.winRate() == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * r.winRate()),
                        r.buyAndHoldReturn() == null ? Double.NaN : 100 * r.buyAndHoldReturn(),
                        duration(r.seconds())));
            } else {
                out.add(String.format(Locale.ROOT, "  %-12s %-6s exit %d: %s", r.symbol(), r.status(), r.exitCode(),
                        r.error()));
            }
        }
        Aggregate a = aggregate;
        if (a.ok() > 0) {
            out.add(String.format(Locale.ROOT, "aggregate over %d symbols: return mean %+.2f%% median %+.2f%%, sharpe "
                            + "mean %.2f median %.2f, %d trades", a.ok(), 100 * a.meanReturn(), 100 * a.medianReturn(),
                    a.meanSharpe(), a.medianSharpe(), a.trades()));
        }
        out.add(String.format(Locale.ROOT, "symbols ok %d, failed %d%s", a.ok(), a.failed(),
                a.failed() == 0 ? "" : " (" + String.join(", ", a.failedSymbols()) + ")"));
        if (library != null) {
            out.add(String.format(Locale.ROOT, "pattern library refitted on %d stored trades: %d patterns, %d trusted, "
                    + "%d blacklisted", library.trades(), library.patterns(), library.trusted(), library.blacklisted()));
        }
        out.add("written to " + folder + " (summary.json, symbols.csv); each symbol's run in its own run folder");
        return out;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
