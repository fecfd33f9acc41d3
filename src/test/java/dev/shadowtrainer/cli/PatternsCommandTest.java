package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.memory.Embedding;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.patterns.PatternLibrary;
import dev.shadowtrainer.patterns.PatternSample;
import dev.shadowtrainer.patterns.PatternSettings;
import dev.shadowtrainer.patterns.PatternStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternsCommandTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final AppContext context = new AppContext(Map.of(), Clock.systemUTC(), null);

    private CliRun run(String... args) {
        return CliRun.run(context, args);
    }

    /** Three set-ups of 60 trades each (the earlier 40 and the recent 20 by exit time), stored as BTC/USDT's library. */
    private String storeLibrary() {
        List<PatternSample> samples = new ArrayList<>();
        // axis 0: earlier 40 win 32 (80%), recent 20 win 4 (20%): blacklisted (z = 4.47)
        add(samples, 0, 40, 32, 20, 4);
        // axis 1: 75% throughout (30/40, 15/20): the best
        add(samples, 1, 40, 30, 20, 15);
        // axis 2: 30% throughout (12/40, 6/20): the worst, active
        add(samples, 2, 40, 12, 20, 6);
        PatternLibrary library = PatternLibrary.fitSamples("BTC/USDT", samples, T0.plusSeconds(86_400 * 10),
                new PatternSettings(3, 30, 1, 50, new double[] {0.5, 1.0, 1.5}));
        String db = "h2:" + dir.resolve("memory");
        new PatternStore(MemoryDatabase.open(MemoryUrl.parse(db))).save(library);
        return db;
    }

    private static void add(List<PatternSample> samples, int axis, int earlier, int earlierWins, int recent,
                            int recentWins) {
        int n = earlier + recent;
        for (int i = 0; i < n; i++) {
            boolean win = i < earlier ? i < earlierWins : i - earlier < recentWins;
            float[] e = new float[Embedding.DIMENSION];
            e[axis] = 1f;
            e[31] = 0.01f * (i % 5); // a little spread inside the set-up
            samples.add(new PatternSample(T0.plusSeconds(900L * (3 * i + axis)), e, Embedding.VERSION,
                    win ? 1.0 : -1.0, win ? 1.5 : 0.3, win ? -0.2 : -1.1, win));
        }
    }

    @Test
    void listsTheBestTheWorstAndTheBlacklisted() {
        String db = storeLibrary();
        CliRun r = run("patterns", "--db", db);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("patterns: 3 stored in", "1 blacklisted", "top 10 trusted", "worst 10 trusted",
                "(80% -> 20%, p=");
        List<String> lines = r.out().lines().toList();
        int top = lines.indexOf("top 10 trusted (highest 95% lower bound of the win rate):");
        // the first row under the header is the 75% pattern
        assertThat(lines.get(top + 2)).contains("BTC/USDT").contains(" 60 ").contains("75.0");
        int worst = lines.indexOf("worst 10 trusted (lowest win rate):");
        assertThat(lines.get(worst + 2)).contains("30.0").contains("active");
    }

    @Test
    void jsonCarriesTheRankingsAndTopLimitsThem() throws IOException {
        String db = storeLibrary();
        CliRun r = run("patterns", "--db", db, "--top", "1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("patterns").asLong()).isEqualTo(3);
        assertThat(json.get("top")).hasSize(1);
        assertThat(json.get("top").get(0).get("winRate").asDouble()).isEqualTo(0.75);
        assertThat(json.get("worst")).hasSize(1);
        assertThat(json.get("worst").get(0).get("winRate").asDouble()).isEqualTo(0.3);
        JsonNode black = json.get("blacklisted");
        assertThat(black).hasSize(1);
        assertThat(black.get(0).get("status").asText()).isEqualTo("blacklisted");
        assertThat(black.get(0).get("earlierWinRate").asDouble()).isEqualTo(0.8);
        assertThat(black.get(0).get("recentWinRate").asDouble()).isEqualTo(0.2);
        assertThat(black.get(0).get("members").asInt()).isEqualTo(60);
        assertThat(black.get(0).get("updatedAt").asText()).isEqualTo("2025-01-11T00:00:00Z");
    }

    @Test
    void anEmptyLibraryIsAClearNoteAndExitZero() throws IOException {
        String db = "h2:" + dir.resolve("empty");
        CliRun r = run("patterns", "--db", db);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("no pattern library stored in").contains("yet");
        JsonNode json = new ObjectMapper().readTree(run("patterns", "--db", db, "--json").out());
        assertThat(json.get("patterns").asLong()).isZero();
        assertThat(json.get("note").asText()).contains("no pattern library");
    }

    @Test
    void anUnreachableDatabaseIsExitFourAndABadTopExitTwo() {
        CliRun r = run("patterns", "--db", "postgresql://trader:hunter2@127.0.0.1:1/shadow");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).contains("is unreachable").doesNotContain("hunter2");
        assertThat(r.errorLines()).isEqualTo(1);
        CliRun top = run("patterns", "--db", "h2:" + dir.resolve("m"), "--top", "0");
        assertThat(top.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(top.err()).contains("--top must be at least 1");
        assertThat(top.errorLines()).isEqualTo(1);
    }
}
