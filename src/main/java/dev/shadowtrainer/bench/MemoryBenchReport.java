package dev.shadowtrainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the trade-memory bench measured on one PostgreSQL server, in a scratch database with the real
 * schema.
 *
 * @param scratchDatabase   the database made for the run and dropped at its end
 * @param rows              synthetic trades bulk-loaded before the look-ups
 * @param load              the bulk load: COPY path in batches of {@code loadBatch}, HNSW index absent
 * @param indexBuildSeconds building the HNSW index over the loaded rows (V1's: m 16, ef_construction 64,
 *                          unless the run asked for others)
 * @param indexBytes        size of that index
 * @param symbolIndexBuildSeconds building the per-symbol partial HNSW indexes (SymbolIndexes) over them
 * @param symbolIndexBytes  their sizes summed
 * @param sharedBuffers     the server's shared_buffers (the indexes are read through it)
 * @param searches          the look-ups at each ef_search
 * @param backlogRows       trades written by the first (deferred) write case, not yet indexed
 * @param backlogSearch     look-ups at a decision after every stored trade with those waiting (searched
 *                          exactly beside the HNSW search), at the first ef_search
 * @param exactP50Millis    median time of the exact search (no index) that recall is measured against
 * @param ingest            writes of new trades into the loaded table, each case with its settings
 * @param rowsInserted      rows the bench's writes reported as added
 * @param rowsStored        rows in trade_memory at the end, counted (equals rowsInserted)
 * @param databaseBytes     size of the scratch database at the end, before it was dropped
 */
public record MemoryBenchReport(String server, String scratchDatabase, int rows, int loadBatch, int symbols, int clusters, long seed,
                                String maintenanceWorkMem, int parallelMaintenanceWorkers, Ingest load,
                                int hnswM, int hnswEfConstruction, double indexBuildSeconds, long indexBytes,
                                double symbolIndexBuildSeconds, long symbolIndexBytes, String sharedBuffers, int queries, int k,
                                double symbolFilteredShare, List<Search> searches, long backlogRows,
                                Search backlogSearch, double exactP50Millis,
                                double apiP50Millis, int apiQueries, List<Ingest> ingest, long rowsInserted,
                                long rowsStored, long databaseBytes, double totalSeconds,
                                double ingestTarget, double p50TargetMillis, double recallTarget,
                                boolean ingestTargetMet, boolean searchTargetMet, BenchReport.Machine machine) {
    public MemoryBenchReport {
        Objects.requireNonNull(load, "load is null");
        searches = List.copyOf(searches);
        ingest = List.copyOf(ingest);
        Objects.requireNonNull(machine, "machine is null");
    }

    /**
     * One write case.
     *
     * @param trades trades sent (all new unless the case says it repeats a batch)
     * @param added  rows the writes reported as added
     */
    public record Ingest(String name, String path, boolean hnswIndex, String synchronousCommit, int batch, int trades,
                         long added, double seconds, double tradesPerSecond) {
    }

    /**
     * The look-ups at one ef_search, as {@code TradeMemory.nearest} makes them, on one open connection;
     * recall@k against the exact result of the same query.
     *
     * @param hnswPlans look-ups whose plan reads the HNSW index (the others PostgreSQL answers exactly
     *                  through the B-trees on exit_time and symbol)
     */
    public record Search(int efSearch, double p50Millis, double p95Millis, double recallMean, double recallMin,
                         int hnswPlans, double symbolP50Millis, double allSymbolsP50Millis, boolean targetMet) {
    }

    /** The report as short text lines for the console. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "bench memory: %,d synthetic trades (%d symbols over %d days, embeddings "
                        + "from %d clusters, seed %d) in a scratch database on %s", rows, symbols,
                SyntheticTrades.PERIOD_DAYS, clusters, seed, server));
        out.add(String.format(Locale.ROOT, "  machine: %d cores, Java %s; maintenance_work_mem %s, %d parallel "
                        + "maintenance workers; database %,d MB at the end, total %.0f s", machine.processors(),
                machine.javaVersion(), maintenanceWorkMem, parallelMaintenanceWorkers, databaseBytes >> 20,
                totalSeconds));
        out.add(ingestLine(load));
        out.add(String.format(Locale.ROOT, "  HNSW index build (cosine, m %d, ef_construction %d) %.1f s, %,d MB; "
                        + "the %d symbols' partial indexes %.1f s, %,d MB; server shared_buffers %s",
                hnswM, hnswEfConstruction, indexBuildSeconds, indexBytes >> 20, symbols, symbolIndexBuildSeconds,
                symbolIndexBytes >> 20, sharedBuffers));
        out.add(String.format(Locale.ROOT, "  k-NN: %d queries, k %d, exit_time <= decision (spread over the period), "
                + "%.0f%% also by symbol; exact search p50 %.1f ms", queries, k, 100 * symbolFilteredShare,
                exactP50Millis));
        for (Search s : searches) {
            out.add(String.format(Locale.ROOT, "  ef_search %4d: p50 %6.2f ms  p95 %6.2f ms  recall@%d mean %.3f "
                            + "min %.2f  (by symbol p50 %.2f ms, all symbols %.2f ms; HNSW in %d of %d plans)",
                    s.efSearch(), s.p50Millis(), s.p95Millis(), k, s.recallMean(), s.recallMin(), s.symbolP50Millis(),
                    s.allSymbolsP50Millis(), s.hnswPlans(), queries));
        }
        out.add(String.format(Locale.ROOT, "  with %,d trades not yet indexed, at the latest time (all qualify), "
                        + "ef_search %d: p50 %.2f ms  p95 %.2f ms  recall@%d mean %.3f min %.2f", backlogRows,
                backlogSearch.efSearch(), backlogSearch.p50Millis(), backlogSearch.p95Millis(), k,
                backlogSearch.recallMean(), backlogSearch.recallMin()));
        out.add(String.format(Locale.ROOT, "  TradeMemory.nearest itself (its own connection, kept open; ef_search %d): "
                + "p50 %.2f ms over %d queries", dev.shadowtrainer.memory.TradeMemory.EF_SEARCH, apiP50Millis,
                apiQueries));
        for (Ingest i : ingest) {
            out.add(ingestLine(i));
        }
        out.add(String.format(Locale.ROOT, "  rows: %,d added, %,d counted", rowsInserted, rowsStored));
        out.add(String.format(Locale.ROOT, "  targets: ingest >= %,.0f trades/s (COPY path, HNSW maintenance deferred) %s; "
                        + "k-NN p50 <= %.0f ms with recall@%d >= %.2f %s", ingestTarget,
                ingestTargetMet ? "met" : "NOT met", p50TargetMillis, k, recallTarget,
                searchTargetMet ? "met" : "NOT met"));
        return out;
    }

    private static String ingestLine(Ingest i) {
        return String.format(Locale.ROOT, "  %-58s %,9.0f trades/s  (%,d trades, %,d added, batches of %,d, %.1f s)",
                i.name(), i.tradesPerSecond(), i.trades(), i.added(), i.batch(), i.seconds());
    }
}
