package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.report.RunReport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} and the report.html {@code train} writes, on the folder of one short synthetic train run (a
 * small PPO agent, the sizing and meta agents on, so every file a run can write is there), then rendered in
 * headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    static Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);
    private String runId;
    private Path runs;
    private String trainOut;

    @BeforeAll
    void trainOnce() {
        runs = dir.resolve("runs");
        CliRun r = CliRun.run(context, "train", "--source", "synthetic", "--symbol", "BTC/USDT", "--days", "30",
                "--seed", "7", "--json", "--set", "output.runs_dir=" + runs, "--set", "output.models_dir="
                        + dir.resolve("models"), "--set", "database.url=h2:" + dir.resolve("memory"),
                "--set", "training.rl_agent.num_envs=8", "--set", "training.rl_agent.num_steps=32",
                "--set", "training.rl_agent.num_minibatches=4", "--set", "training.rl_agent.total_timesteps=512",
                "--set", "evaluation.train_days=10", "--set", "evaluation.test_days=5", "--set",
                "evaluation.step_days=5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        runId = json(r.out()).get("runId").asText();
        CliRun text = CliRun.run(context, "train", "--source", "synthetic", "--symbol", "BTC/USDT", "--days", "30",
                "--seed", "7", "--set", "output.runs_dir=" + dir.resolve("runs-text"), "--set",
                "output.models_dir=" + dir.resolve("models"), "--set", "database.url=h2:" + dir.resolve("memory2"),
                "--set", "training.rl_agent.enabled=false", "--set", "evaluation.train_days=10",
                "--set", "evaluation.test_days=5", "--set", "evaluation.step_days=5");
        assertThat(text.exitCode()).as(text.err()).isZero();
        trainOut = text.out();
    }

    private CliRun report(String... args) {
        List<String> all = new ArrayList<>(List.of("report", "--set", "output.runs_dir=" + runs));
        all.addAll(List.of(args));
        return CliRun.run(context, all.toArray(new String[0]));
    }

    @Test
    void trainWritesTheReportAndListsItInItsFilesLine() throws IOException {
        Path folder = runs.resolve(runId);
        assertThat(folder.resolve("report.html")).isRegularFile();
        assertThat(trainOut).containsPattern("files .*report\\.html\\)");
        checkFullPage(Files.readString(folder.resolve("report.html")), folder);
    }

    @Test
    void reportRewritesThePageFromTheRunFolder() throws IOException {
        Path folder = runs.resolve(runId);
        Files.delete(folder.resolve("report.html"));
        CliRun r = report("--run", runId, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = json(r.out());
        String page = Files.readString(folder.resolve("report.html"));
        int charts = checkFullPage(page, folder);
        assertThat(s.get("charts").asInt()).isEqualTo(charts);
        assertThat(s.get("missingSections")).isEmpty();

        CliRun text = report("--run", runId);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("report.html: " + charts + " charts");
    }

    /** Checks every section and chart of a run with all its files; returns the number of charts. */
    private int checkFullPage(String page, Path folder) throws IOException {
        for (String id : RunReport.SECTIONS) {
            assertContains(page, "<section id=\"" + id + "\">");
        }
        // equity, drawdown, pnl histogram, two Q-table heat maps, entropy and approx_kl, and the episode
        // reward when an episode finished during some update's rollout (else a note says why there is none)
        boolean rewards = Files.readAllLines(folder.resolve("metrics.csv")).stream().skip(1)
                .anyMatch(l -> !l.split(",", -1)[11].isEmpty());
        int expected = 7 + (rewards ? 1 : 0);
        assertThat(count(page, "class=\"missing\"")).as("sections without data").isEqualTo(rewards ? 0 : 1);
        assertThat(page.contains("No episode finished")).isEqualTo(!rewards);
        List<BufferedImage> images = images(page);
        assertThat(images).hasSize(expected);
        for (BufferedImage image : images) {
            assertThat(image.getWidth()).isGreaterThan(300);
            assertThat(image.getHeight()).isGreaterThan(200);
            assertThat(distinctColours(image)).as("a drawn chart, not a blank image").isGreaterThan(5);
        }
        // Regimes of the policy's trades and every fold row are in the tables.
        List<String> trades = Files.readAllLines(folder.resolve("trades.csv"));
        String regime = trades.get(1).split(",")[19];
        assertContains(page, "<td>" + regime + "</td>");
        long foldRows = Files.readAllLines(folder.resolve("folds.csv")).size() - 1;
        String folds = page.substring(page.indexOf("<section id=\"folds\">"), page.indexOf("<section id=\"regimes\">"));
        assertThat(folds.split("<tr>").length - 2).isEqualTo(foldRows);
        assertSelfContained(page);
        return expected;
    }

    @Test
    void missingOptionalFilesLeaveTheirSectionsSayingSoAndThePageStillRenders() throws IOException {
        Path copy = runs.resolve(runId + "-lean");
        copyFolder(runs.resolve(runId), copy);
        Files.delete(copy.resolve("position_sizing_q_table.json"));
        Files.delete(copy.resolve("meta_strategy_q_table.json"));
        Files.delete(copy.resolve("metrics.csv"));
        Files.delete(copy.resolve("analysis.json"));
        Files.delete(copy.resolve("report.html"));

        CliRun r = report("--run", copy.getFileName().toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = json(r.out());
        assertThat(s.get("charts").asInt()).isEqualTo(3);
        List<String> missing = new ArrayList<>();
        s.get("missingSections").forEach(n -> missing.add(n.asText()));
        assertThat(missing).containsExactlyInAnyOrder("patterns", "q-tables", "training");
        String page = Files.readString(copy.resolve("report.html"));
        assertThat(images(page)).hasSize(3);
        for (String note : List.of("position_sizing_q_table.json is missing", "metrics.csv is missing",
                "analysis.json is missing", "</html>")) {
            assertContains(page, note);
        }
    }

    @Test
    void theRulePolicysRunHasNoTrainingCurvesAndSaysSo() throws IOException {
        Path textRuns = dir.resolve("runs-text");
        Path folder;
        try (Stream<Path> s = Files.list(textRuns)) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String page = Files.readString(folder.resolve("report.html"));
        String training = page.substring(page.indexOf("<section id=\"training\">"),
                page.indexOf("<section id=\"post-exit\">"));
        assertContains(training, "metrics.csv has no rows");
        assertThat(count(training, "<img")).isZero();
        assertThat(count(page, "<img")).as("equity, drawdown, pnl and the two heat maps").isEqualTo(5);
    }

    @Test
    void withDbTheStoredPatternLibraryIsListed() throws IOException {
        CliRun r = report("--run", runId, "--db", "h2:" + dir.resolve("memory"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        String page = Files.readString(runs.resolve(runId).resolve("report.html"));
        for (String part : List.of("The trade memory's pattern library", "<h4>top trusted</h4>",
                "<h4>blacklisted</h4>")) {
            assertContains(page, part);
        }
        assertThat(count(page, "<td>active</td>")).as("active (trusted) patterns listed").isPositive();
        CliRun without = report("--run", runId);
        assertThat(without.exitCode()).isZero();
        assertThat(count(Files.readString(runs.resolve(runId).resolve("report.html")),
                "The trade memory's pattern library")).isZero();
    }

    @Test
    void aMissingRunIsExitThreeWithOneLine() {
        CliRun r = report("--run", "20990101T000000Z-btcusdt-15m");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("no run folder", "20990101T000000Z-btcusdt-15m");
    }

    @Test
    void aFolderWithoutSummaryIsExitThree() throws IOException {
        Files.createDirectories(runs.resolve("unfinished"));
        CliRun r = report("--run", "unfinished");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("summary.json");
    }

    @Test
    void aDamagedCsvIsExitThreeWithOneLine() throws IOException {
        Path copy = runs.resolve(runId + "-damaged");
        copyFolder(runs.resolve(runId), copy);
        Files.writeString(copy.resolve("equity.csv"), "time,equity,drawdown\n2024-01-01T00:00:00Z,1\n");
        CliRun r = report("--run", copy.getFileName().toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("equity.csv", "line 2");
    }

    @Test
    void anUnreachableDbIsExitFourAndLeavesThePageAsItWas() throws IOException {
        Path page = runs.resolve(runId).resolve("report.html");
        String before = Files.readString(page);
        CliRun r = report("--run", runId, "--db", "postgresql://trader:hunter2@127.0.0.1:1/shadow");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("hunter2");
        assertThat(Files.readString(page)).isEqualTo(before);
    }

    @Test
    void aRunIdThatLeavesTheRunsFolderIsAUsageError() {
        CliRun r = report("--run", "../elsewhere");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLines()).isEqualTo(1);
    }

    /**
     * The page in headless Chromium: it loads, every section is there and every chart image decodes and is laid
     * out with a non-zero size. A script appended to a copy of the page writes what it sees into the DOM,
     * which Chromium dumps after the load.
     */
    @Test
    void thePageRendersInHeadlessChromiumWithEveryChartDrawn() throws Exception {
        String chromium = chromium();
        Path folder = runs.resolve(runId);
        String page = Files.readString(folder.resolve("report.html"));
        int charts = images(page).size();
        assertThat(charts).isGreaterThanOrEqualTo(7);
        String probe = "<script>window.addEventListener('load',function(){var imgs=document.images,ok=0;"
                + "for(var i=0;i<imgs.length;i++){var r=imgs[i].getBoundingClientRect();"
                + "if(imgs[i].complete&&imgs[i].naturalWidth>0&&r.width>0&&r.height>0)ok++;}"
                + "var p=document.createElement('pre');p.id='probe';p.textContent='probe images='+imgs.length"
                + "+' drawn='+ok+' sections='+document.querySelectorAll('section').length"
                + "+' width='+document.body.scrollWidth+' height='+document.body.scrollHeight+' end';"
                + "document.body.appendChild(p);});</script>";
        Path probed = dir.resolve("probed.html");
        Files.writeString(probed, page.replace("</body>", probe + "</body>"));
        Process p = new ProcessBuilder(chromium, "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--virtual-time-budget=10000", "--dump-dom", probed.toUri().toString())
                .redirectOutput(dir.resolve("chromium.out").toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(finished).as("chromium finished within 120 s").isTrue();
        String dom = Files.readString(dir.resolve("chromium.out"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        Matcher m = Pattern.compile("probe images=(\\d+) drawn=(\\d+) sections=(\\d+) width=(\\d+) height=(\\d+) end")
                .matcher(dom);
        assertThat(m.find()).as("the probe ran in the loaded page; DOM: "
                + dom.substring(0, Math.min(500, dom.length()))).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(charts);
        assertThat(Integer.parseInt(m.group(2))).as("charts decoded and laid out").isEqualTo(charts);
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(RunReport.SECTIONS.size());
        assertThat(Integer.parseInt(m.group(5))).as("page height").isGreaterThan(2000);
        assertContains(dom, "Run " + runId);
    }

    /** Chromium from PATH; the test fails, never skips, without it (scripts/test installs it). */
    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError("chromium is not installed; install it with: apt-get install chromium "
                + "(scripts/test does)");
    }

    private static void assertSelfContained(String page) {
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            assertThat(m.group(1)).as("every src and href is inline or a page anchor").matches("data:.*|#.*");
        }
        for (String external : List.of("<script", "<link ", "@import", "url(", "http:", "https:")) {
            assertThat(count(page, external)).as(external).isZero();
        }
    }

    private static void assertContains(String text, String part) {
        assertThat(text.contains(part)).as("the page contains " + part).isTrue();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static List<BufferedImage> images(String page) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = IMG.matcher(page);
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(image).as("a PNG that decodes").isNotNull();
            out.add(image);
        }
        return out;
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
