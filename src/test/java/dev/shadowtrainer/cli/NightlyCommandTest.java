package dev.shadowtrainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.pipeline.NightlyLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nightly end to end on synthetic candles with a tiny PPO: promotion, rejection, the log, the lock, live trades. */
class NightlyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AppContext CONTEXT = new AppContext(Map.of(), Clock.systemUTC(), null);

    @TempDir
    Path dir;

    private Path models() {
        return dir.resolve("models");
    }

    private CliRun nightly(String... args) {
        List<String> all = new ArrayList<>(List.of("nightly", "--symbol", "BTC/USDT", "--source", "synthetic",
                "--json"));
        for (String set : List.of("output.runs_dir=" + dir.resolve("runs"), "output.models_dir=" + models(),
                "database.url=h2:" + dir.resolve("memory"), "rl.enabled=false", "data.min_bars=50",
                "nightly.train_days=20", "nightly.holdout_days=5", "nightly.min_trades=1",
                "nightly.lookahead_samples=3", "evaluation.train_days=10", "evaluation.test_days=5",
                "evaluation.step_days=5", "training.rl_agent.num_envs=8", "training.rl_agent.num_steps=32",
                "training.rl_agent.num_minibatches=4", "training.rl_agent.total_timesteps=512",
                "training.shadow_trading.min_confidence_threshold=0.2")) {
            all.add("--set");
            all.add(set);
        }
        all.addAll(Arrays.asList(args));
        return CliRun.run(CONTEXT, all.toArray(String[]::new));
    }

    private Path liveCsv(String... rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("trade_id,symbol,entry_time,exit_time,entry_price,exit_price,size,fees,leverage,exit_reason");
        lines.addAll(List.of(rows));
        Path file = dir.resolve("live.csv");
        Files.write(file, lines);
        return file;
    }

    private long liveRows() {
        MemoryDatabase db = MemoryDatabase.open(MemoryUrl.parse("h2:" + dir.resolve("memory")));
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM trade_memory WHERE kind = 'live'")
                .mapTo(Long.class).one());
    }

    @Test
    void twoNightsOnTheSameDataPromoteOnceAndLogBothDecisions() throws IOException {
        Path live = liveCsv("L1,BTC/USDT,2024-12-30T10:07:00Z,2024-12-30T12:00:00Z,50000,50250,1000,1.0,1,TAKE_PROFIT",
                "L2,BTC/USDT,2024-12-30T15:00:00Z,2024-12-30T15:45:00Z,50000,49900,1000,1.0,,");

        CliRun first = nightly("--live-trades", live.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode a = JSON.readTree(first.out());
        assertThat(a.get("liveTradesImported").asInt()).isEqualTo(2);
        assertThat(liveRows()).isEqualTo(2);
        String name1 = a.get("decision").get("challenger").asText();
        assertThat(a.get("decision").get("decision").asText()).as(a.get("decision").toString()).isEqualTo("promoted");
        assertThat(a.get("decision").get("reason").asText()).contains("no champion yet");
        Path current = models().resolve("current");
        assertThat(Files.isSymbolicLink(current)).isTrue();
        assertThat(Files.readSymbolicLink(current).toString()).isEqualTo(name1);
        assertThat(current.resolve("metadata.json")).exists();
        // The retrain never saw the held-out window the models were compared on.
        JsonNode trained = JSON.readTree(Path.of(a.get("trainRunFolder").asText()).resolve("summary.json").toFile());
        assertThat(Instant.parse(trained.get("lastOpen").asText()))
                .isBefore(Instant.parse(a.get("holdoutFirstOpen").asText()));
        assertThat(a.get("holdoutBars").asInt()).isEqualTo(5 * 96);
        // The night's trades (live and the retrain's) were indexed at its end.
        assertThat(first.err()).containsPattern("indexing [\\d,]+ trades of the trade memory");
        assertThat(new dev.shadowtrainer.memory.TradeMemory(MemoryDatabase.open(MemoryUrl.parse("h2:"
                + dir.resolve("memory")))).backlog()).isZero();

        CliRun second = nightly("--live-trades", live.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode b = JSON.readTree(second.out());
        assertThat(b.get("liveTradesImported").asInt()).as("importing the same trades again adds none").isZero();
        assertThat(liveRows()).isEqualTo(2);
        JsonNode d = b.get("decision");
        String name2 = d.get("challenger").asText();
        assertThat(name2).isNotEqualTo(name1);
        assertThat(d.get("champion").asText()).isEqualTo(name1);
        assertThat(d.get("decision").asText()).isEqualTo("rejected");
        assertThat(d.get("reason").asText()).contains("is not at least 10% better", "not significant");
        // Retrained on the same data with the same seed: the same network, so the same score and no difference.
        assertThat(d.get("challengerScore").asDouble()).isEqualTo(d.get("championScore").asDouble());
        assertThat(d.get("pValue").asDouble()).isEqualTo(1.0);
        assertThat(Files.readSymbolicLink(current).toString()).as("the champion stays").isEqualTo(name1);
        assertThat(models().resolve(name2)).doesNotExist();
        assertThat(models().resolve("challengers").resolve(name2).resolve("metadata.json")).exists();
        JsonNode reason = JSON.readTree(models().resolve("challengers").resolve(name2 + ".reason.json").toFile());
        assertThat(reason.get("decision").asText()).isEqualTo("rejected");
        assertThat(reason.get("reason").asText()).contains("not at least 10% better");

        List<String> log = Files.readAllLines(models().resolve("promotions.log"));
        assertThat(log).hasSize(2);
        JsonNode l1 = JSON.readTree(log.get(0));
        JsonNode l2 = JSON.readTree(log.get(1));
        assertThat(l1.get("decision").asText()).isEqualTo("promoted");
        assertThat(l1.get("challenger").asText()).isEqualTo(name1);
        assertThat(l1.get("champion").isNull()).isTrue();
        assertThat(l2.get("decision").asText()).isEqualTo("rejected");
        for (String field : List.of("time", "challenger_score", "champion_score", "t_statistic", "p_value", "reason")) {
            assertThat(l2.has(field)).as(field).isTrue();
        }
        assertThat(Instant.parse(l2.get("time").asText())).isAfterOrEqualTo(Instant.parse(l1.get("time").asText()));
    }

    @Test
    void aSecondNightlyWhileOneHoldsTheLockExitsAtOnceWith5() {
        try (NightlyLock held = NightlyLock.acquire(models().resolve(NightlyLock.FILE), Instant.now())) {
            CliRun r = nightly();
            assertThat(r.exitCode()).isEqualTo(ExitCodes.LOCKED);
            assertThat(r.errorLines()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("another nightly holds the lock", "pid " + ProcessHandle.current().pid());
        }
        assertThat(models().resolve("promotions.log")).doesNotExist();
    }

    @Test
    void aBadLiveTradesFileIsOneLineNamingFileAndLineAndImportsNothing() throws IOException {
        Path live = liveCsv("L1,BTC/USDT,2024-12-30T10:00:00Z,2024-12-30T12:00:00Z,50000,50250,1000,1.0,1,TAKE_PROFIT",
                "L2,BTC/USDT,2024-12-30T15:00:00Z,2024-12-30T15:45:00Z,fifty,49900,1000,1.0,1,STOP_LOSS");
        CliRun r = nightly("--live-trades", live.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains(live.toString(), "line 3", "entry_price 'fifty' is not a number");
        assertThat(liveRows()).isZero();
        assertThat(models().resolve("promotions.log")).doesNotExist();
    }

    @Test
    void aLiveTradeOfAnotherSymbolOrOutsideTheCandlesIsRefusedWithItsLine() throws IOException {
        Path live = liveCsv("L1,BTC/USDT,2024-12-30T10:00:00Z,2024-12-30T12:00:00Z,50000,50250,1000,1.0,1,TAKE_PROFIT",
                "L2,ETH/USDT,2024-12-30T15:00:00Z,2024-12-30T15:45:00Z,3000,3010,1000,1.0,1,STOP_LOSS");
        CliRun r = nightly("--live-trades", live.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("line 3", "symbol ETH/USDT is not the nightly's symbol");
        assertThat(liveRows()).isZero();
    }

    @Test
    void aJsonLiveTradesFileWithAMissingColumnNamesItsLine() throws IOException {
        Path live = dir.resolve("live.json");
        Files.writeString(live, "[\n  {\"trade_id\": \"L1\", \"symbol\": \"BTC/USDT\", \"entry_time\": \"2024-12-30T10:00:00Z\",\n"
                + "   \"exit_time\": \"2024-12-30T12:00:00Z\", \"entry_price\": 50000, \"exit_price\": 50250,\n"
                + "   \"size\": 1000, \"fees\": 1.0},\n"
                + "  {\"trade_id\": \"L2\", \"symbol\": \"BTC/USDT\", \"entry_time\": \"2024-12-30T15:00:00Z\"}\n]\n");
        CliRun r = nightly("--live-trades", live.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        assertThat(r.errorLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("live.json line 5", "column exit_time is missing");
    }

    @Test
    void daysIsRefusedAsNightlyChoosesItsOwn() {
        CliRun r = nightly("--days", "30");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).contains("nightly.train_days");
    }
}
