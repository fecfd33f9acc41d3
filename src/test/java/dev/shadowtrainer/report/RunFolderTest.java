package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    private static final Instant START = Instant.parse("2025-11-21T14:05:01.734Z");
    private static final Symbol BTC = Symbol.parse("BTC/USDT");

    @TempDir
    Path dir;

    @Test
    void runIdIsUtcSecondAndMarket() {
        assertThat(RunFolder.runId(START, BTC, Timeframe.M15)).isEqualTo("20251121T140501Z-btcusdt-15m");
        assertThat(RunFolder.runId(START, Symbol.parse("eth/btc"), Timeframe.H4)).isEqualTo("20251121T140501Z-ethbtc-4h");
    }

    @Test
    void createsTheFolderUnderTheRootAndNamesItsFiles() {
        Path root = dir.resolve("runs");
        RunFolder run = RunFolder.create(root, START, BTC, Timeframe.M15);
        assertThat(run.runId()).isEqualTo("20251121T140501Z-btcusdt-15m");
        assertThat(run.path()).isEqualTo(root.resolve(run.runId())).isEmptyDirectory();
        assertThat(run.tradesCsv()).isEqualTo(run.path().resolve("trades.csv"));
        assertThat(run.equityCsv().getFileName()).hasToString("equity.csv");
        assertThat(run.foldsCsv().getFileName()).hasToString("folds.csv");
        assertThat(run.summaryJson().getFileName()).hasToString("summary.json");
    }

    @Test
    void runsInTheSameSecondGetTheirOwnFolders() {
        RunFolder first = RunFolder.create(dir, START, BTC, Timeframe.M15);
        RunFolder second = RunFolder.create(dir, START, BTC, Timeframe.M15);
        RunFolder third = RunFolder.create(dir, START, BTC, Timeframe.M15);
        assertThat(second.runId()).isEqualTo(first.runId() + "-2");
        assertThat(third.runId()).isEqualTo(first.runId() + "-3");
        assertThat(Files.isDirectory(second.path())).isTrue();
    }

    @Test
    void filesStayInsideTheFolder() {
        RunFolder run = RunFolder.create(dir, START, BTC, Timeframe.M15);
        assertThatThrownBy(() -> run.file("../escape.csv")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run.file("sub/x.csv")).isInstanceOf(IllegalArgumentException.class);
        assertThat(run.file("report.html").getParent()).isEqualTo(run.path());
    }

    @Test
    void defaultRootIsRuns() {
        assertThat(RunFolder.DEFAULT_ROOT).isEqualTo(Path.of("runs"));
    }
}
