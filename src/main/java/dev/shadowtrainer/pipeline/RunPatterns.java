package dev.shadowtrainer.pipeline;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.memory.MemoryDatabase;
import dev.shadowtrainer.patterns.Pattern;
import dev.shadowtrainer.patterns.PatternLibrary;
import dev.shadowtrainer.patterns.PatternSample;
import dev.shadowtrainer.patterns.PatternSettings;
import dev.shadowtrainer.patterns.PatternStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.JdbiException;

/**
 * The pattern library in a train run. Before the run: a library fitted on the stored trades that had
 * exited by the window's first bar, whose blacklisted patterns the policy's simulator refuses to enter
 * (so its blacklist is made of the past only). After the run, once its trades are stored: a refit on
 * everything stored up to the window's last bar, saved to pattern_library (scope {@code all}) for the
 * next run and {@code patterns} (in a {@code train-universe} the runs leave the saving to the universe's one
 * refit at the end, see {@link SharedMemory}).
 */
final class RunPatterns {
    private final PatternStore store;
    private final PatternSettings settings;

    RunPatterns(MemoryDatabase database, ShadowConfig config) {
        this.store = new PatternStore(database);
        this.settings = PatternSettings.from(config, config.seed());
    }

    /** The library of the trades stored with an exit at or before {@code asOf}; a failing database is exit 4. */
    PatternLibrary before(Instant asOf, Collection<String> hiddenRuns) {
        try {
            return PatternLibrary.fitSamples(PatternLibrary.ALL, store.pastSamples(null, asOf, hiddenRuns), asOf,
                    settings);
        } catch (JdbiException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "could not read earlier trades for the pattern "
                    + "library (" + e.getClass().getSimpleName() + "); check that the database is up", e);
        }
    }

    /**
     * Refits on everything stored through {@code through} but the trades of {@code hiddenRuns}, and saves
     * it when {@code save}; null (said) if the database fails.
     */
    Fitted refit(Instant through, Collection<String> hiddenRuns, boolean save, Consumer<String> progress) {
        try {
            List<PatternSample> samples = store.pastSamples(null, through, hiddenRuns);
            PatternLibrary library = PatternLibrary.fitSamples(PatternLibrary.ALL, samples, through, settings);
            if (save) {
                store.save(library);
            }
            return new Fitted(library, samples.size());
        } catch (JdbiException e) {
            progress.accept("could not refit the pattern library (" + e.getClass().getSimpleName() + "); the trades "
                    + "are stored, the next run refits it");
            return null;
        }
    }

    /** A library and the stored trades it was fitted on. */
    record Fitted(PatternLibrary library, int trades) {
    }

    /** The library in numbers for the run summary. */
    static TrainSummary.PatternSummary summary(PatternLibrary atStart, Fitted after) {
        int trusted = 0;
        int blacklisted = 0;
        List<Pattern> patterns = after == null ? List.of() : after.library().patterns();
        for (Pattern p : patterns) {
            trusted += p.trusted() ? 1 : 0;
            blacklisted += p.blacklisted() ? 1 : 0;
        }
        int blacklistedAtStart = (int) atStart.patterns().stream().filter(Pattern::blacklisted).count();
        return new TrainSummary.PatternSummary(after == null ? -1 : after.trades(), patterns.size(), trusted,
                blacklisted, atStart.patterns().size(), blacklistedAtStart);
    }
}
