package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.CandleSeries;
import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.memory.MemoryWriter;
import dev.shadowtrainer.memory.NearestTrades;
import dev.shadowtrainer.memory.PostExitRow;
import dev.shadowtrainer.memory.RunRecord;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.memory.TradeMemory;
import dev.shadowtrainer.memory.TradeRecords;
import dev.shadowtrainer.report.RunFolder;
import dev.shadowtrainer.sim.MarketData;
import dev.shadowtrainer.sim.PostExitTracker;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A train run's trades into the trade memory: every trade of the policy and every shadow trade of
 * each fold's test window, each with its post-exit row, in batches through {@link MemoryWriter} (so a
 * database lost mid-run spills the rest to the run folder instead of losing it).
 */
final class RunMemory {
    /** Trades per write transaction to the trade memory. */
    static final int BATCH = 5_000;
    /** In the run folder: the trades the trade memory could not take, for {@code db import}. */
    static final String SPILL_FILE = "memory-spill.jsonl";

    private RunMemory() {
    }

    /**
     * What a run offered the trade memory: each trade with its post-exit row and its regime at exit (lists whose
     * rows are built when read, see {@link RunTrades}).
     */
    record Stored(TrainSummary.MemorySummary summary, List<StoredTrade> trades, List<PostExitRow> postExit,
                  List<String> exitRegimes) {
    }

    /** Stores the policy's and the shadow trades of the run in the trade memory, in batches. */
    static Stored store(TradeMemory memory, ShadowConfig config, RunFolder run,
                                                       Instant startedAt, LoadedSeries loaded, MarketData market,
                                                       String policy, WalkForwardEvaluation.Outcome outcome,
                                                       int preloaded, Consumer<String> progress) {
        CandleSeries series = loaded.series();
        RunRecord runRecord = new RunRecord(run.runId(), startedAt, series.id().exchange(),
                series.id().symbol().toString(), series.id().timeframe().label(), loaded.source(), config.seed(),
                policy, json(config.effectiveValues()));
        RunTrades trades = new RunTrades(outcome.policyRuns(), new TradeRecords(market, series.id(), run.runId()),
                policy, series);
        List<StoredTrade> rows = trades.rows();
        List<PostExitRow> postExit = trades.postExitRows();
        int agent = trades.agentTrades();
        progress.accept("storing " + rows.size() + " trades in the trade memory " + memory.database());
        MemoryWriter.Result written = new MemoryWriter(memory, BATCH).write(runRecord, rows, postExit,
                run.file(SPILL_FILE));
        long stored = written.spilled() > 0 ? -1 : memory.count();
        return new Stored(new TrainSummary.MemorySummary(memory.database(), preloaded, agent, rows.size() - agent,
                written.added(), stored, written.spilled(),
                written.spillFile() == null ? null : written.spillFile().toString(), written.failure(), null, null),
                rows, postExit, trades.exitRegimes());
    }

    /**
     * The stored trades (at most {@code size}, the latest) that exited before {@code windowStart}, as the
     * past the look-up index starts from; a database that fails here is a storage error (exit 4).
     */
    static NearestTrades.Past past(TradeMemory memory, Instant windowStart, int size,
                                   java.util.Collection<String> hiddenRuns) {
        try {
            return NearestTrades.Past.of(memory.recall(windowStart, size, hiddenRuns));
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "could not read earlier trades from the trade memory "
                    + memory.database() + " (" + e.getClass().getSimpleName() + "); check that the database is up",
                    e);
        }
    }

    /**
     * Records the model saved in {@code folder} in model_registry (name, run, SHA-256 of its metadata.json,
     * its out-of-sample metrics). The model is already on disk, so a database that fails here costs only the
     * registry row: said on the progress line, not fatal.
     */
    static void registerModel(TradeMemory memory, String runId, java.nio.file.Path folder, Instant createdAt,
                              Consumer<String> progress) {
        try {
            java.nio.file.Path metadata = folder.resolve(dev.shadowtrainer.model.ModelStore.METADATA_FILE);
            byte[] bytes = java.nio.file.Files.readAllBytes(metadata);
            com.fasterxml.jackson.databind.JsonNode metrics = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(bytes).path("metrics");
            memory.registerModel(folder.getFileName().toString(), runId, createdAt,
                    dev.shadowtrainer.model.Sha256.of(bytes), metrics.isObject() ? metrics.toString() : "{}");
        } catch (java.io.IOException | org.jdbi.v3.core.JdbiException e) {
            progress.accept("could not record the model in the trade memory's model_registry ("
                    + e.getClass().getSimpleName() + "); the model itself is saved in " + folder);
        }
    }

    /**
     * Row {@code i} of a post-exit tracker, which holds one row per trade in the order of the trades, for the
     * trade with key {@code tradeKey}.
     */
    static PostExitRow postExit(String tradeKey, int exitBar, PostExitTracker tracker, int i) {
        if (i >= tracker.size() || tracker.exitBar(i) != exitBar) {
            throw new IllegalStateException("post-exit row " + i + " does not belong to the trade exiting at bar "
                    + exitBar);
        }
        return new PostExitRow(tradeKey, PostExitRow.value(tracker.priceAfter(0, i)),
                PostExitRow.value(tracker.priceAfter(1, i)), PostExitRow.value(tracker.priceAfter(2, i)),
                PostExitRow.value(tracker.bestAfter(2, i)), PostExitRow.value(tracker.missedProfit(i)),
                tracker.verdict(i).name());
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the effective config is not JSON-serialisable", e);
        }
    }
}
