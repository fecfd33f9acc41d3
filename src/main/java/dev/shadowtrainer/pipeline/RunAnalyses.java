package dev.shadowtrainer.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.analysis.AnalysedTrade;
import dev.shadowtrainer.analysis.AnalysisStore;
import dev.shadowtrainer.analysis.PostExitAnalysis;
import dev.shadowtrainer.analysis.RunAnalysis;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.memory.StoredTrade;
import dev.shadowtrainer.patterns.PatternLibrary;
import dev.shadowtrainer.report.AtomicFile;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * The win, loss and post-exit analyzers on a train run's trades, each trade in the pattern the refitted
 * library assigns it: written whole to the run folder's analysis.json, stored in the trade memory for
 * {@code analyze --run}, and summed up for the run summary.
 */
final class RunAnalyses {
    static final String ANALYSIS_JSON = "analysis.json";

    private RunAnalyses() {
    }

    /**
     * @param storing runs the store of the analysis in the trade memory, the only part that writes to it (in a
     *                universe under the shared memory's write lock, so the analysis itself, most of the time,
     *                runs beside the sibling runs' writes instead of after them)
     */
    static TrainSummary.AnalysisSummary analyse(MemoryDatabase database, String runId, RunMemory.Stored stored,
                                                PatternLibrary library, int minOccurrences, Path folder,
                                                Consumer<String> progress,
                                                Function<Supplier<Boolean>, Boolean> storing) {
        List<StoredTrade> rows = stored.trades();
        // Each trade's pattern once (the library's assignment is the costly part of a row), then the trades as a
        // list that builds each one when the analyzers' passes read it: they hold none, so the run's 400,000
        // trades of a year of 1m candles never sit in memory together.
        int[] patterns = new int[rows.size()];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = library == null ? -1 : library.assign(rows.get(i).embedding());
        }
        List<AnalysedTrade> trades = new AbstractList<>() {
            @Override
            public AnalysedTrade get(int i) {
                return AnalysedTrade.of(rows.get(i), stored.exitRegimes().get(i), stored.postExit().get(i),
                        patterns[i]);
            }

            @Override
            public int size() {
                return patterns.length;
            }
        };
        RunAnalysis analysis = RunAnalysis.of(runId, trades, minOccurrences);
        AtomicFile.write(folder.resolve(ANALYSIS_JSON), out -> JSON.writeValue(out, analysis));
        boolean saved = storing.apply(() -> {
            try {
                new AnalysisStore(database).save(analysis);
                return true;
            } catch (ShadowTrainerException | JdbiException e) {
                progress.accept("could not store the analysis in the trade memory (" + e.getMessage() + "); it is in "
                        + folder.resolve(ANALYSIS_JSON));
                return false;
            }
        });
        return summary(analysis, saved);
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private static TrainSummary.AnalysisSummary summary(RunAnalysis a, boolean saved) {
        Map<String, Integer> byReason = new LinkedHashMap<>();
        a.loss().byReason().forEach((k, v) -> byReason.put(k.name(), v));
        Map<String, Integer> byAction = new LinkedHashMap<>();
        a.loss().byAction().forEach((k, v) -> byAction.put(k.name(), v));
        PostExitAnalysis.ExitTiming all = a.postExit().exitTiming().stream().filter(t -> t.scope().equals("all"))
                .findFirst().orElse(null);
        return new TrainSummary.AnalysisSummary(a.trades(), a.win().patterns().size(), a.win().scoredWinners(),
                a.win().meanSkill(), a.loss().losses().size(), byReason, byAction,
                all == null ? null : all.accuracy(), all == null ? null : all.missedProfitTotal(), saved);
    }
}
