package dev.shadowtrainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.sim.ExitReason;
import dev.shadowtrainer.sim.Trade;
import dev.shadowtrainer.sim.TradeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradesCsvTest {
    private static final long ENTRY = Instant.parse("2025-04-03T17:15:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static Trade trade(long id, int entryBar) {
        long entry = ENTRY + (entryBar - 1200L) * 900_000L;
        return new Trade(id, TradeKind.SHADOW, entryBar, entryBar + 3, entry, entry + 3 * 900_000L, 84_123.45,
                84_310.07123, 1.5, 1_500.0, 0.017830934, 2.0, 1.2345678901, 2.1133, 0.1408866, 0.35, -0.0000012,
                ExitReason.TAKE_PROFIT, (byte) 2, (byte) 0, new float[] {1f, 2f});
    }

    @Test
    void headerAndARowThatReadsBackToTheTrade() throws IOException {
        Path file = dir.resolve("trades.csv");
        Trade t = trade(7, 1200);
        TradesCsv.write(file, List.of(t));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(String.join(",", TradesCsv.COLUMNS));
        assertThat(lines.get(0)).startsWith("trace_id,kind,entry_time,exit_time,entry_bar,exit_bar,entry_price")
                .endsWith("duration_minutes,exit_reason,entry_regime,exit_regime");
        String[] f = lines.get(1).split(",", -1);
        assertThat(f).hasSize(TradesCsv.COLUMNS.size());
        assertThat(Long.parseLong(f[0])).isEqualTo(t.traceId());
        assertThat(TradeKind.valueOf(f[1])).isEqualTo(t.kind());
        assertThat(f[2]).isEqualTo("2025-04-03T17:15:00Z");
        assertThat(f[3]).isEqualTo("2025-04-03T18:00:00Z");
        assertThat(Instant.parse(f[3]).toEpochMilli()).isEqualTo(t.exitTime());
        assertThat(Integer.parseInt(f[4])).isEqualTo(t.entryBar());
        assertThat(Integer.parseInt(f[5])).isEqualTo(t.exitBar());
        double[] numbers = {t.entryPrice(), t.exitPrice(), t.sizeMultiplier(), t.notional(), t.quantity(),
                t.leverage(), t.fees(), t.pnl(), t.pnlPercent(), t.mfePercent(), t.maePercent()};
        for (int i = 0; i < numbers.length; i++) {
            assertThat(Double.parseDouble(f[6 + i])).as(TradesCsv.COLUMNS.get(6 + i)).isEqualTo(numbers[i]);
        }
        assertThat(f[9]).isEqualTo("1500"); // whole numbers without ".0"
        assertThat(f[16]).isEqualTo("-1.2E-6");
        assertThat(f[17]).isEqualTo("45");
        assertThat(ExitReason.valueOf(f[18])).isEqualTo(t.exitReason());
        assertThat(f[19]).isEqualTo("2");
        assertThat(f[20]).isEqualTo("0");
    }

    @Test
    void regimeNamesComeFromTheMapper() throws IOException {
        Path file = dir.resolve("trades.csv");
        String[] names = {"QUIET", "TREND", "VOLATILE"};
        TradesCsv.write(file, List.of(trade(1, 1200)), i -> names[i]);
        assertThat(Files.readAllLines(file).get(1)).endsWith(",TAKE_PROFIT,VOLATILE,QUIET");
    }

    @Test
    void emptyListWritesTheHeaderOnly() throws IOException {
        Path file = dir.resolve("trades.csv");
        TradesCsv.write(file, List.of());
        assertThat(Files.readAllLines(file)).containsExactly(String.join(",", TradesCsv.COLUMNS));
    }

    /** 100k rows are written in well under a second on a laptop; the bound is loose for shared machines. */
    @Test
    void hundredThousandRowsAreQuickAndComplete() throws IOException {
        List<Trade> trades = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            trades.add(trade(i, 1200 + i));
        }
        Path file = dir.resolve("trades.csv");
        long start = System.nanoTime();
        TradesCsv.write(file, trades);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("trades.csv: 100000 rows in " + millis + " ms, " + Files.size(file) / 1024 + " KiB");
        try (Stream<String> lines = Files.lines(file)) {
            assertThat(lines.count()).isEqualTo(100_001);
        }
        assertThat(millis).isLessThan(15_000);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
