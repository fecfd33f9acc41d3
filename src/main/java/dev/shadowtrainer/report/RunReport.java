package dev.shadowtrainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.patterns.Pattern;
import dev.shadowtrainer.patterns.StoredPattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code report.html}: one self-contained page (inline CSS, charts as inline PNG images, no script, no external
 * address) built from what a run folder holds. Every section but the overview is optional: a file the run
 * did not write (no Q-tables with rl.enabled false, no metrics.csv rows for the rule policy) leaves its
 * section saying so, and the page still renders.
 */
public final class RunReport {
    public static final String REPORT_HTML = "report.html";
    public static final String ANALYSIS_JSON = "analysis.json";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String SHADOW_TRADES_CSV = "shadow_trades.csv";
    public static final String SIZING_Q_TABLE = "position_sizing_q_table.json";
    public static final String META_Q_TABLE = "meta_strategy_q_table.json";
    /** Section ids in page order. */
    public static final List<String> SECTIONS = List.of("overview", "equity", "drawdown", "pnl", "folds", "regimes",
            "patterns", "q-tables", "training", "post-exit");
    private static final int TOP_PATTERNS = 10;
    private static final int HISTOGRAM_BINS = 40;

    /** The trade memory's pattern library, when the caller read it (report --db). */
    public record StoredPatterns(String database, long count, List<StoredPattern> top,
                                 List<StoredPattern> blacklisted) {
        public StoredPatterns {
            Objects.requireNonNull(database, "database is null");
            top = List.copyOf(top);
            blacklisted = List.copyOf(blacklisted);
        }
    }

    /**
     * What was written.
     *
     * @param charts  charts drawn into the page
     * @param missing sections that say their input is missing, by section id
     */
    public record Written(Path file, int charts, List<String> missing, long millis) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ReportCharts charts = new ReportCharts();
    private final StringBuilder html = new StringBuilder(1 << 20);
    private final List<String> missing = new ArrayList<>();
    private int chartCount;

    private RunReport() {
    }

    /** Writes {@code folder}/report.html, without the trade memory's pattern library. */
    public static Written write(Path folder) {
        return write(folder, null);
    }

    /**
     * Writes {@code folder}/report.html atomically.
     *
     * @param patterns the stored pattern library to list, or null
     * @throws ShadowTrainerException with {@link ExitCodes#BAD_DATA} when the folder or its summary.json is
     *                                missing or a file in it cannot be read
     */
    public static Written write(Path folder, StoredPatterns patterns) {
        Objects.requireNonNull(folder, "folder is null");
        long t0 = System.nanoTime();
        if (!Files.isDirectory(folder)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "report: no run folder " + folder
                    + "; check --run (a folder name under output.runs_dir; set it with --set output.runs_dir=DIR)");
        }
        Path summaryFile = folder.resolve(RunFolder.SUMMARY_JSON);
        if (!Files.isRegularFile(summaryFile)) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "report: " + folder + " has no "
                    + RunFolder.SUMMARY_JSON + " (the run did not finish); train the run again");
        }
        RunReport report = new RunReport();
        String page = report.page(folder, patterns);
        Path file = folder.resolve(REPORT_HTML);
        AtomicFile.write(file, out -> out.write(page));
        return new Written(file, report.chartCount, List.copyOf(report.missing), (System.nanoTime() - t0) / 1_000_000);
    }

    private String page(Path folder, StoredPatterns patterns) {
        JsonNode summary = readJson(folder.resolve(RunFolder.SUMMARY_JSON));
        CsvTable equity = csv(folder, RunFolder.EQUITY_CSV);
        CsvTable trades = csv(folder, RunFolder.TRADES_CSV);
        CsvTable folds = csv(folder, RunFolder.FOLDS_CSV);
        CsvTable metrics = csv(folder, METRICS_CSV);
        Path analysisFile = folder.resolve(ANALYSIS_JSON);
        JsonNode analysis = Files.isRegularFile(analysisFile) ? readJson(analysisFile) : null;

        String runId = summary.path("runId").asText(folder.getFileName().toString());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>shadow-trainer run ").append(esc(runId)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        html.append("<h1>Run ").append(esc(runId)).append("</h1>\n<nav>");
        for (String id : SECTIONS) {
            html.append("<a href=\"#").append(id).append("\">").append(id.replace('-', ' ')).append("</a> ");
        }
        html.append("</nav>\n");
        overview(summary);
        String policy = summary.path("policy").asText("policy");
        equity(equity, policy);
        drawdown(equity, policy);
        pnl(trades);
        folds(folds);
        regimes(trades);
        patterns(summary, analysis, patterns);
        qTables(folder);
        training(metrics);
        postExit(summary);
        html.append("<footer>Written ").append(Instant.now().toString().substring(0, 19)).append("Z by shadow-trainer ")
                .append(esc(summary.path("version").asText("?"))).append(" from the files of ")
                .append(esc(runId)).append("/. Every figure is out of sample, after fees and slippage.</footer>\n")
                .append("</body></html>\n");
        return html.toString();
    }

    // ---- sections

    private void overview(JsonNode s) {
        open("overview", "Overview");
        html.append("<table class=\"kv\">");
        kv("market", s.path("exchange").asText() + " " + s.path("symbol").asText() + " " + s.path("timeframe").asText()
                + " (source " + s.path("source").asText() + ", seed " + s.path("seed").asText() + ")");
        kv("window", s.path("firstOpen").asText() + " .. " + s.path("lastOpen").asText() + ", " + s.path("bars").asText()
                + " bars");
        kv("policy", s.path("policy").asText());
        JsonNode e = s.path("evaluation");
        kv("walk-forward", e.path("folds").asText() + " folds: train " + e.path("trainDays").asText() + " d, test "
                + e.path("testDays").asText() + " d, purge " + e.path("purgeBars").asText() + " bars, embargo "
                + e.path("embargoBars").asText() + " bars, each from " + e.path("initialEquity").asText());
        if (s.hasNonNull("sizing")) {
            kv("sizing", s.path("sizing").path("sizer").asText() + ", " + s.path("sizing").path("entriesSized").asText()
                    + " entries sized");
        }
        html.append("</table>\n");
        JsonNode results = e.path("results");
        if (results.isArray() && results.size() > 0) {
            html.append("<table><tr><th>policy</th><th>return</th><th>CAGR</th><th>Sharpe</th><th>deflated Sharpe</th>")
                    .append("<th>max drawdown</th><th>trades</th><th>win rate</th><th>profit factor</th><th>fees</th></tr>");
            for (JsonNode r : results) {
                JsonNode m = r.path("metrics");
                html.append("<tr><td>").append(esc(r.path("policy").asText())).append("</td>")
                        .append(td(pct(m.path("totalReturn")))).append(td(pct(m.path("cagr"))))
                        .append(td(num(m.path("sharpe"), 2))).append(td(num(m.path("deflatedSharpe"), 3)))
                        .append(td(pct(m.path("maxDrawdown")))).append(td(m.path("trades").asText("-")))
                        .append(td(pct(m.path("winRate")))).append(td(num(m.path("profitFactor"), 2)))
                        .append(td(num(m.path("feesPaid"), 2))).append("</tr>");
            }
            html.append("</table>\n");
        }
        close();
    }

    private void equity(CsvTable equity, String policy) {
        open("equity", "Equity: the policy against the baselines");
        if (equity == null || equity.size() == 0) {
            absent("equity", RunFolder.EQUITY_CSV + " is missing or has no rows");
        } else {
            long[] times = times(equity);
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put(policy + " (policy)", equity.numbers("equity"));
            for (String column : equity.header()) {
                if (!column.equals("time") && !column.equals("equity") && !column.equals("drawdown")) {
                    series.put(column, equity.numbers(column));
                }
            }
            chart(() -> charts.timeLines("Equity over the test windows (folds chained)", "equity", times, series));
            html.append("<p class=\"note\">").append(equity.size()).append(" bars; lines longer than ")
                    .append(ReportCharts.MAX_POINTS).append(" points keep each stretch's low and high.</p>");
        }
        close();
    }

    private void drawdown(CsvTable equity, String policy) {
        open("drawdown", "Drawdown");
        if (equity == null || equity.size() == 0) {
            absent("drawdown", RunFolder.EQUITY_CSV + " is missing or has no rows");
        } else {
            Map<String, double[]> series = new LinkedHashMap<>();
            double[] dd = equity.numbers("drawdown");
            for (int i = 0; i < dd.length; i++) {
                dd[i] = -100 * dd[i];
            }
            series.put(policy + " (policy)", dd);
            for (String column : equity.header()) {
                if (!column.equals("time") && !column.equals("equity") && !column.equals("drawdown")) {
                    series.put(column, drawdownPercent(equity.numbers(column)));
                }
            }
            chart(() -> charts.timeLines("Drawdown from the running peak", "drawdown %", times(equity), series));
        }
        close();
    }

    private void pnl(CsvTable trades) {
        open("pnl", "Distribution of the policy's trade PnL");
        if (trades == null || trades.size() == 0) {
            absent("pnl", trades == null ? RunFolder.TRADES_CSV + " is missing" : "the policy made no trades");
        } else {
            double[] pnl = trades.numbers("pnl_percent");
            int wins = 0;
            double sum = 0;
            for (double v : pnl) {
                wins += v > 0 ? 1 : 0;
                sum += v;
            }
            chart(() -> charts.histogram("PnL per trade, % of notional after fees (" + pnl.length + " trades)", "pnl %",
                    pnl, Math.min(HISTOGRAM_BINS, Math.max(5, pnl.length / 5))));
            html.append(String.format(Locale.ROOT, "<p class=\"note\">%d trades, %.1f%% winners, mean %.4f%%.</p>",
                    pnl.length, 100.0 * wins / pnl.length, sum / pnl.length));
        }
        close();
    }

    private void folds(CsvTable folds) {
        open("folds", "Per fold");
        if (folds == null || folds.size() == 0) {
            absent("folds", RunFolder.FOLDS_CSV + " is missing or has no rows");
        } else {
            String[] cols = {"fold", "policy", "test_start", "test_end", "test_bars", "total_return", "sharpe",
                "max_drawdown", "trades", "win_rate", "profit_factor", "fees"};
            html.append("<table><tr>");
            for (String c : cols) {
                html.append("<th>").append(c.replace('_', ' ')).append("</th>");
            }
            html.append("</tr>");
            for (int r = 0; r < folds.size(); r++) {
                html.append("<tr>");
                for (String c : cols) {
                    String cell = folds.has(c) ? folds.text(r, c) : "";
                    if (c.endsWith("_start") || c.endsWith("_end")) {
                        cell = cell.replace('T', ' ').replace(":00Z", "");
                    } else if (c.equals("total_return") || c.equals("max_drawdown") || c.equals("win_rate")) {
                        cell = cell.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * folds.number(r, c));
                    } else if (c.equals("sharpe") || c.equals("profit_factor") || c.equals("fees")) {
                        cell = cell.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", folds.number(r, c));
                    }
                    html.append(td(cell));
                }
                html.append("</tr>");
            }
            html.append("</table>\n");
        }
        close();
    }

    private void regimes(CsvTable trades) {
        open("regimes", "Results by entry regime");
        if (trades == null || trades.size() == 0) {
            absent("regimes", trades == null ? RunFolder.TRADES_CSV + " is missing" : "the policy made no trades");
        } else {
            Map<String, double[]> by = new TreeMap<>(); // count, wins, sum pnl %, sum pnl
            for (int i = 0; i < trades.size(); i++) {
                double[] a = by.computeIfAbsent(trades.text(i, "entry_regime"), k -> new double[4]);
                double p = trades.number(i, "pnl_percent");
                a[0]++;
                a[1] += p > 0 ? 1 : 0;
                a[2] += p;
                a[3] += trades.number(i, "pnl");
            }
            html.append("<table><tr><th>entry regime</th><th>trades</th><th>win rate</th><th>mean pnl %</th>")
                    .append("<th>total pnl</th></tr>");
            by.forEach((regime, a) -> html.append("<tr>").append(td(esc(regime))).append(td(String.valueOf((long) a[0])))
                    .append(td(String.format(Locale.ROOT, "%.1f%%", 100 * a[1] / a[0])))
                    .append(td(String.format(Locale.ROOT, "%.4f", a[2] / a[0])))
                    .append(td(String.format(Locale.ROOT, "%.2f", a[3]))).append("</tr>"));
            html.append("</table>\n");
        }
        close();
    }

    private void patterns(JsonNode summary, JsonNode analysis, StoredPatterns stored) {
        open("patterns", "Patterns");
        JsonNode p = summary.path("memory").path("patterns");
        if (!p.isMissingNode() && !p.isNull()) {
            html.append(String.format(Locale.ROOT, "<p>The library refitted after the run: %s patterns from %s "
                            + "stored trades, %s trusted, %s blacklisted (at the run's start: %s, %s blacklisted).</p>",
                    p.path("patterns").asText("-"), p.path("fittedOn").asText("-"), p.path("trusted").asText("-"),
                    p.path("blacklisted").asText("-"), p.path("patternsAtStart").asText("-"),
                    p.path("blacklistedAtStart").asText("-")));
        }
        JsonNode winPatterns = analysis == null ? null : analysis.path("win").path("patterns");
        if (winPatterns == null || !winPatterns.isArray() || winPatterns.isEmpty()) {
            absent("patterns", analysis == null ? ANALYSIS_JSON + " is missing (the trade memory was lost mid-run "
                    + "or the run predates the analyzers)" : "no pattern had enough members to analyse");
        } else {
            List<JsonNode> list = new ArrayList<>();
            winPatterns.forEach(list::add);
            list.sort(Comparator.comparingDouble((JsonNode n) -> n.path("reliability").asDouble()).reversed());
            Map<Integer, Integer> blacklistVotes = new TreeMap<>();
            for (JsonNode loss : analysis.path("loss").path("losses")) {
                if ("BLACKLIST_PATTERN".equals(loss.path("action").asText()) && loss.hasNonNull("pattern")) {
                    blacklistVotes.merge(loss.path("pattern").asInt(), 1, Integer::sum);
                }
            }
            html.append("<h3>Top patterns of this run's trades (by reliability)</h3><table><tr><th>pattern</th>")
                    .append("<th>members</th><th>win rate</th><th>Wilson upper</th><th>reliability</th>")
                    .append("<th>losses that call for blacklisting</th><th>features that separate winners</th></tr>");
            for (JsonNode n : list.subList(0, Math.min(TOP_PATTERNS, list.size()))) {
                StringBuilder features = new StringBuilder();
                for (JsonNode f : n.path("contributingFeatures")) {
                    features.append(features.length() == 0 ? "" : ", ").append(f.path("feature").asText())
                            .append(String.format(Locale.ROOT, " %+.2f", f.path("effectSize").asDouble()));
                }
                html.append("<tr>").append(td(n.path("pattern").asText())).append(td(n.path("members").asText()))
                        .append(td(pct(n.path("winRate")))).append(td(pct(n.path("wilsonUpper"))))
                        .append(td(num(n.path("reliability"), 3)))
                        .append(td(String.valueOf(blacklistVotes.getOrDefault(n.path("pattern").asInt(), 0))))
                        .append("<td class=\"text\">").append(esc(features.toString())).append("</td></tr>");
            }
            html.append("</table>\n");
        }
        if (stored != null) {
            html.append("<h3>The trade memory's pattern library (").append(esc(stored.database())).append(", ")
                    .append(stored.count()).append(" patterns)</h3>");
            storedTable("top trusted", stored.top());
            storedTable("blacklisted", stored.blacklisted());
        } else {
            html.append("<p class=\"note\">The stored pattern library is listed when report is given --db.</p>");
        }
        close();
    }

    private void storedTable(String title, List<StoredPattern> patterns) {
        html.append("<h4>").append(esc(title)).append("</h4>");
        if (patterns.isEmpty()) {
            html.append("<p class=\"note\">none</p>");
            return;
        }
        html.append("<table><tr><th>scope</th><th>id</th><th>members</th><th>win rate</th><th>lower bound</th>")
                .append("<th>Sharpe</th><th>profit factor</th><th>size</th><th>status</th></tr>");
        for (StoredPattern s : patterns) {
            Pattern p = s.pattern();
            html.append("<tr>").append(td(esc(s.scope()))).append(td(String.valueOf(p.id())))
                    .append(td(String.valueOf(p.members())))
                    .append(td(String.format(Locale.ROOT, "%.1f%%", 100 * p.winRate())))
                    .append(td(String.format(Locale.ROOT, "%.1f%%", 100 * p.winRateLowerBound())))
                    .append(td(String.format(Locale.ROOT, "%.3f", p.sharpe())))
                    .append(td(p.profitFactor() == null ? "-" : String.format(Locale.ROOT, "%.2f", p.profitFactor())))
                    .append(td(String.format(Locale.ROOT, "%.2f", p.sizeMultiplier())))
                    .append(td(esc(p.status().name().toLowerCase(Locale.ROOT)))).append("</tr>");
        }
        html.append("</table>\n");
    }

    private void qTables(Path folder) {
        open("q-tables", "Q-tables of the sizing agents");
        boolean any = false;
        for (String name : List.of(SIZING_Q_TABLE, META_Q_TABLE)) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                html.append("<p class=\"missing\">").append(esc(name)).append(" is missing (no such agent ran: "
                        + "rl.enabled was false, or the run predates it).</p>");
                continue;
            }
            any = true;
            JsonNode table = readJson(file);
            List<String> actions = new ArrayList<>();
            table.path("actions").forEach(a -> actions.add(a.asText()));
            List<String> states = new ArrayList<>();
            Iterator<String> names = table.path("q_table").fieldNames();
            names.forEachRemaining(states::add);
            if (states.isEmpty() || actions.isEmpty()) {
                html.append("<p class=\"missing\">").append(esc(name)).append(" holds no learned state yet.</p>");
                continue;
            }
            double[][] q = new double[states.size()][actions.size()];
            for (int s = 0; s < states.size(); s++) {
                JsonNode row = table.path("q_table").path(states.get(s));
                for (int a = 0; a < actions.size(); a++) {
                    JsonNode v = row.path(actions.get(a));
                    q[s][a] = v.isNumber() ? v.asDouble() : Double.NaN;
                }
            }
            chart(() -> charts.heatMap(table.path("agent").asText(name) + ": " + states.size() + " states x "
                    + actions.size() + " actions", states, actions, q));
        }
        if (!any) {
            missing.add("q-tables");
        }
        close();
    }

    private void training(CsvTable metrics) {
        open("training", "Training curves (PPO, per update)");
        if (metrics == null || metrics.size() == 0) {
            absent("training", metrics == null ? METRICS_CSV + " is missing"
                    : METRICS_CSV + " has no rows (the rule policy learns nothing, so it logs no updates)");
        } else {
            double[] x = new double[metrics.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            html.append("<p class=\"note\">Updates numbered across the folds in order (each fold trains afresh).</p>")
                    .append("<div class=\"row\">");
            double[] reward = metrics.numbers("mean_episode_reward");
            if (java.util.Arrays.stream(reward).anyMatch(Double::isFinite)) {
                chart(() -> charts.lines("Mean episode reward", "update", "reward", x, Map.of("reward", reward)));
            } else {
                html.append("<p class=\"missing\">No episode finished during any update's rollout, so there is no "
                        + "episode reward to draw (the episodes are longer than a rollout).</p>");
            }
            chart(() -> charts.lines("Entropy", "update", "entropy", x, Map.of("entropy", metrics.numbers("entropy"))));
            chart(() -> charts.lines("Approximate KL", "update", "approx_kl", x,
                    Map.of("approx_kl", metrics.numbers("approx_kl"))));
            html.append("</div>");
        }
        close();
    }

    private void postExit(JsonNode summary) {
        open("post-exit", "Post-exit verdicts");
        JsonNode v = summary.path("evaluation").path("postExitVerdicts");
        if (!v.isObject() || v.isEmpty()) {
            absent("post-exit", RunFolder.SUMMARY_JSON + " has no post-exit verdicts");
        } else {
            List<String> verdicts = new ArrayList<>();
            v.elements().next().fieldNames().forEachRemaining(verdicts::add);
            html.append("<table><tr><th>trades</th>");
            for (String name : verdicts) {
                html.append("<th>").append(esc(name.toLowerCase(Locale.ROOT).replace('_', ' '))).append("</th>");
            }
            html.append("<th>about right of settled</th></tr>");
            Iterator<Map.Entry<String, JsonNode>> kinds = v.fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> k = kinds.next();
                html.append("<tr>").append(td(esc(k.getKey())));
                long settled = 0;
                for (String name : verdicts) {
                    long n = k.getValue().path(name).asLong();
                    settled += name.equals("PENDING") ? 0 : n;
                    html.append(td(String.valueOf(n)));
                }
                long right = k.getValue().path("ABOUT_RIGHT").asLong();
                html.append(td(settled == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * right / settled)))
                        .append("</tr>");
            }
            html.append("</table>\n<p class=\"note\">Too early: the price went on in the trade's favour after the exit; "
                    + "too late: it had turned before; pending: the watch window after the exit ran past the data.</p>");
        }
        close();
    }

    // ---- helpers

    private void open(String id, String title) {
        html.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>\n");
    }

    private void close() {
        html.append("</section>\n");
    }

    private void absent(String section, String why) {
        missing.add(section);
        html.append("<p class=\"missing\">No data: ").append(esc(why)).append(".</p>\n");
    }

    /** Draws one chart; a chart that cannot be drawn (say, a server without fonts) leaves a note instead. */
    private void chart(Supplier<String> draw) {
        String img;
        try {
            img = draw.get();
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            html.append("<p class=\"missing\">This chart could not be drawn: ").append(esc(String.valueOf(e)))
                    .append(".</p>\n");
            return;
        }
        chartCount++;
        html.append("<figure class=\"chart\">").append(img).append("</figure>\n");
    }

    private void kv(String key, String value) {
        html.append("<tr><th>").append(esc(key)).append("</th><td class=\"text\">").append(esc(value))
                .append("</td></tr>");
    }

    private static String td(String content) {
        return "<td>" + content + "</td>";
    }

    private static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f%%", 100 * n.asDouble()) : "-";
    }

    private static String num(JsonNode n, int decimals) {
        return n.isNumber() ? String.format(Locale.ROOT, "%." + decimals + "f", n.asDouble()) : "-";
    }

    private static long[] times(CsvTable equity) {
        long[] t = new long[equity.size()];
        for (int i = 0; i < t.length; i++) {
            try {
                t[i] = Instant.parse(equity.text(i, "time")).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                throw new ShadowTrainerException(ExitCodes.BAD_DATA, equity.file() + " row " + (i + 1)
                        + " has time '" + equity.text(i, "time") + "', not an ISO-8601 instant; train the run again");
            }
        }
        return t;
    }

    private static double[] drawdownPercent(double[] equity) {
        double[] out = new double[equity.length];
        double peak = 0;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            out[i] = peak > 0 ? -100 * (peak - equity[i]) / peak : 0;
        }
        return out;
    }

    private static CsvTable csv(Path folder, String name) {
        Path file = folder.resolve(name);
        return Files.isRegularFile(file) ? CsvTable.read(file) : null;
    }

    private JsonNode readJson(Path file) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.BAD_DATA, "report: cannot read " + file + " as JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + "); train the run again to rewrite it");
        }
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;\
            padding:0 16px 32px;color:#222}
            h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{font-size:15px}nav a{margin-right:10px}
            table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;\
            text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}td.text{text-align:left}
            table.kv th{text-align:left}
            figure.chart{margin:8px 0;overflow-x:auto}figure.chart img{max-width:100%;height:auto}
            .row{display:flex;flex-wrap:wrap;gap:8px}.row figure.chart{flex:1 1 460px}
            p.missing{color:#a33;font-style:italic}p.note{color:#666;font-size:12px}
            footer{margin-top:24px;color:#666;font-size:12px}
            """;
}
