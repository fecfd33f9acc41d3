package dev.shadowtrainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.MemoryUrl;
import dev.shadowtrainer.memory.RunRecord;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.TestPostgres;
import dev.shadowtrainer.memory.TradeMemory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** The memory bench at a tiny size on PostgreSQL: its figures are sane and it measures the real query. */
class MemoryBenchmarkTest {
    @Test
    void aTinyRunReportsSaneFiguresAndCountsEveryRowItAdded() {
        StringWriter progress = new StringWriter();
        MemoryBenchReport r = new MemoryBenchmark().run(new MemoryBenchmark.Settings(MemoryUrl.parse(TestPostgres.ADMIN),
                2_000, 20, new int[] {10, 40}, 300, 100, 700, 7, "64MB", 8, 32), new PrintWriter(progress, true));
        assertThat(r.rows()).isEqualTo(2_000);
        assertThat(r.load().added()).isEqualTo(2_000);
        assertThat(r.load().hnswIndex()).isFalse();
        assertThat(r.indexBuildSeconds()).isPositive();
        assertThat(r.hnswM()).isEqualTo(8);
        assertThat(r.hnswEfConstruction()).isEqualTo(32);
        assertThat(r.indexBytes()).isPositive();
        assertThat(r.queries()).isEqualTo(20);
        assertThat(r.searches()).extracting(MemoryBenchReport.Search::efSearch).containsExactly(10, 40);
        for (MemoryBenchReport.Search s : r.searches()) {
            assertThat(s.recallMean()).isBetween(0.0, 1.0);
            assertThat(s.recallMin()).isBetween(0.0, s.recallMean());
            assertThat(s.p50Millis()).isPositive().isLessThanOrEqualTo(s.p95Millis());
            assertThat(s.hnswPlans()).isBetween(0, 20);
            assertThat(s.targetMet()).isEqualTo(s.p50Millis() <= 2 && s.recallMean() >= 0.95);
        }
        assertThat(r.exactP50Millis()).isPositive();
        assertThat(r.apiP50Millis()).isPositive();
        // write cases: 300 new (HNSW maintenance deferred), db index of those 300 (adds no row), the same 300
        // again (0 added), 300 new with synchronous_commit off, 100 each into the HNSW graphs as written, 100
        // through the insert path, 300 new without the HNSW indexes: 2,000 + 300 + 300 + 100 + 100 + 300 = 3,100.
        assertThat(r.ingest()).extracting(MemoryBenchReport.Ingest::added)
                .containsExactly(300L, 0L, 0L, 300L, 100L, 100L, 300L);
        assertThat(r.ingest()).extracting(MemoryBenchReport.Ingest::trades)
                .containsExactly(300, 300, 300, 300, 100, 100, 300);
        assertThat(r.ingest()).extracting(MemoryBenchReport.Ingest::synchronousCommit)
                .containsExactly("on", "on", "on", "off", "on", "on", "on");
        assertThat(r.ingest()).extracting(MemoryBenchReport.Ingest::hnswIndex)
                .containsExactly(true, true, true, true, true, true, false);
        assertThat(r.rowsInserted()).isEqualTo(3_100);
        assertThat(r.rowsStored()).isEqualTo(3_100);
        assertThat(r.backlogRows()).isEqualTo(300);
        assertThat(r.backlogSearch().efSearch()).isEqualTo(10);
        assertThat(r.backlogSearch().recallMean()).isBetween(0.0, 1.0);
        assertThat(r.backlogSearch().p50Millis()).isPositive();
        assertThat(r.symbolIndexBuildSeconds()).isPositive();
        assertThat(r.symbolIndexBytes()).isPositive();
        assertThat(r.sharedBuffers()).matches("\\d+[kMG]B");
        for (MemoryBenchReport.Ingest i : r.ingest()) {
            assertThat(i.tradesPerSecond()).as(i.name()).isCloseTo(i.trades() / i.seconds(), within(1e-6));
        }
        assertThat(r.ingestTargetMet()).isEqualTo(r.ingest().get(0).tradesPerSecond() >= 20_000);
        assertThat(r.databaseBytes()).isPositive();
        assertThat(r.lines()).anyMatch(l -> l.contains("ef_search   40:")).anyMatch(l -> l.contains("targets:"));
        assertThat(progress.toString()).contains("loaded 2,000 of 2,000 trades", "building the HNSW index");
        // the scratch database is gone
        assertThat(r.scratchDatabase()).startsWith("shadow_bench_");
        int left = TestPostgres.admin().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pg_database WHERE "
                + "datname = :n").bind("n", r.scratchDatabase()).mapTo(Integer.class).one());
        assertThat(left).isZero();
    }

    @Test
    void theBenchQueriesWhatTradeMemoryNearestQueries() {
        MemoryUrl url = TestPostgres.create("benchsql");
        try {
            MemoryDatabase db = MemoryDatabase.open(url);
            TradeMemory memory = new TradeMemory(db);
            memory.saveRun(new RunRecord(SyntheticTrades.RUN_ID, SyntheticTrades.START, "binance", "BTC/USDT", "15m",
                    "test", 1, "synthetic", "{}"));
            SyntheticTrades synthetic = new SyntheticTrades(3_000, 5);
            List<StoredTrade> trades = synthetic.trades(0, 3_000, "t");
            memory.save(trades.subList(0, 2_500));
            memory.indexBacklog(1_000, n -> { });
            memory.save(trades.subList(2_500, 3_000)); // both parts of the query have rows
            SplittableRandom r = new SplittableRandom(9);
            try (Handle h = db.jdbi().open()) {
                for (int i = 0; i < 20; i++) {
                    Instant at = SyntheticTrades.START.plusSeconds((long) (r.nextDouble()
                            * SyntheticTrades.periodSeconds()));
                    String symbol = i % 2 == 0 ? SyntheticTrades.SYMBOLS[i % 5] : null;
                    MemoryBenchmark.Lookup l = new MemoryBenchmark.Lookup(synthetic.embedding(r), at, symbol);
                    List<Long> expected = memory.nearest(l.embedding(), at, 10, symbol).stream()
                            .map(TradeMemory.Neighbour::id).toList();
                    assertThat(MemoryBenchmark.nearest(h, l, TradeMemory.EF_SEARCH)).as("look-up " + i)
                            .isEqualTo(expected);
                    // exact search agrees at this size (HNSW is exact enough on 3,000 rows for these ids)
                    assertThat(MemoryBenchmark.recall(MemoryBenchmark.nearest(h, l, 0), expected)).isEqualTo(1.0);
                }
            }
        } finally {
            TestPostgres.drop(url);
        }
    }

    @Test
    void recallIsTheShareOfTheExactNeighboursFound() {
        // 3 of the 4 exact ids found: 0.75; nothing qualifies and nothing returned: 1; exact has rows, none found: 0
        assertThat(MemoryBenchmark.recall(List.of(1L, 2L, 3L, 9L), List.of(1L, 2L, 3L, 4L))).isEqualTo(0.75);
        assertThat(MemoryBenchmark.recall(List.of(), List.of())).isEqualTo(1.0);
        assertThat(MemoryBenchmark.recall(List.of(), List.of(5L))).isEqualTo(0.0);
        // median of 1..4 is 2.5, the 95th percentile 3 + 0.85 * (4 - 3) by linear interpolation
        assertThat(MemoryBenchmark.percentile(new double[] {4, 1, 3, 2}, 0.5)).isEqualTo(2.5);
        assertThat(MemoryBenchmark.percentile(new double[] {4, 1, 3, 2}, 0.95)).isCloseTo(3.85, within(1e-12));
    }

    @Test
    void settingsRefuseWhatCannotBeMeasured() {
        MemoryUrl pg = MemoryUrl.parse(TestPostgres.ADMIN);
        assertThatThrownBy(() -> new MemoryBenchmark.Settings(MemoryUrl.parse("h2:mem:x"), 2_000, 20, new int[] {40},
                1, 1, 1, 1, "64MB", 16, 64)).hasMessageContaining("needs a PostgreSQL server");
        assertThatThrownBy(() -> new MemoryBenchmark.Settings(pg, 2_000, 20, new int[] {5}, 1, 1, 1, 1, "64MB", 16, 64))
                .hasMessageContaining("--memory-ef-search values must be between 10");
        assertThatThrownBy(() -> new MemoryBenchmark.Settings(pg, 2_000, 20, new int[] {40}, 1, 1, 1, 1, "lots", 16, 64))
                .hasMessageContaining("--memory-maintenance-work-mem must be a size");
        assertThatThrownBy(() -> new MemoryBenchmark.Settings(pg, 99, 20, new int[] {40}, 1, 1, 1, 1, "64MB", 16, 64))
                .hasMessageContaining("--memory-rows must be >= 100");
        assertThatThrownBy(() -> new MemoryBenchmark.Settings(pg, 2_000, 20, new int[] {40}, 1, 1, 1, 1, "64MB", 16, 20))
                .hasMessageContaining("at least twice m");
    }
}
