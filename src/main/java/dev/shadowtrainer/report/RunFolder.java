package dev.shadowtrainer.report;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.market.Symbol;
import dev.shadowtrainer.market.Timeframe;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The folder of one run, {@code <root>/<run-id>/}, with the run id made of the UTC start time and
 * the market, e.g. {@code 20251121T140501Z-btcusdt-15m}. Two runs started in the same second get
 * {@code -2}, {@code -3}, … appended instead of sharing a folder.
 */
public final class RunFolder {
    /** Where run folders go unless the caller says otherwise. */
    public static final Path DEFAULT_ROOT = Path.of("runs");

    public static final String TRADES_CSV = "trades.csv";
    public static final String EQUITY_CSV = "equity.csv";
    public static final String FOLDS_CSV = "folds.csv";
    public static final String SUMMARY_JSON = "summary.json";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_SAME_SECOND = 1000;

    private final String runId;
    private final Path path;

    private RunFolder(String runId, Path path) {
        this.runId = runId;
        this.path = path;
    }

    /**
     * Creates a new, empty run folder under {@code root} (made if missing).
     *
     * @throws ShadowTrainerException with {@link ExitCodes#STORAGE} when the folder cannot be created
     */
    public static RunFolder create(Path root, Instant startedAt, Symbol symbol, Timeframe timeframe) {
        return create(root, runId(startedAt, symbol, timeframe));
    }

    /**
     * Creates a new, empty folder {@code <root>/<base>} (or {@code <base>-2}, … when taken), e.g. a
     * {@code train-universe} run's {@code universe-20251121T140501Z}.
     */
    public static RunFolder create(Path root, String base) {
        Objects.requireNonNull(root, "root is null");
        Objects.requireNonNull(base, "base is null");
        try {
            Files.createDirectories(root);
            for (int n = 1; n <= MAX_SAME_SECOND; n++) {
                String id = n == 1 ? base : base + "-" + n;
                try {
                    return new RunFolder(id, Files.createDirectory(root.resolve(id)));
                } catch (FileAlreadyExistsException taken) {
                    // Another run started in the same second; try the next suffix.
                }
            }
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot create run folder under " + root + ": " + e
                    + "; check the folder's permissions or choose another runs folder", e);
        }
        throw new ShadowTrainerException(ExitCodes.STORAGE, "run folders " + base + " to " + base + "-"
                + MAX_SAME_SECOND + " all exist under " + root + "; clear out old runs");
    }

    /**
     * The existing folder of run {@code runId} under {@code root}, for a run that continues.
     *
     * @throws ShadowTrainerException with {@link ExitCodes#USAGE} when there is no such run folder
     */
    public static RunFolder open(Path root, String runId) {
        Objects.requireNonNull(root, "root is null");
        Objects.requireNonNull(runId, "runId is null");
        Path folder = root.resolve(runId).normalize();
        if (!isRunId(root, runId) || !Files.isDirectory(folder)) {
            throw new ShadowTrainerException(ExitCodes.USAGE, "no run '" + runId + "' under " + root
                    + "; give the id of an interrupted run (a folder name there, as its interruption message said)");
        }
        return new RunFolder(runId, folder);
    }

    /** Whether {@code runId} names a folder directly under {@code root} (not blank, no path, no ".."). */
    public static boolean isRunId(Path root, String runId) {
        return !runId.isBlank() && root.normalize().equals(root.resolve(runId).normalize().getParent());
    }

    /** A UTC time as run ids spell it, e.g. {@code 20251121T140501Z}. */
    public static String stamp(Instant time) {
        return STAMP.format(Objects.requireNonNull(time, "time is null"));
    }

    /** The run id for a start time and market, e.g. {@code 20251121T140501Z-btcusdt-15m}. */
    public static String runId(Instant startedAt, Symbol symbol, Timeframe timeframe) {
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(symbol, "symbol is null");
        Objects.requireNonNull(timeframe, "timeframe is null");
        return STAMP.format(startedAt) + "-" + symbol.compact().toLowerCase(Locale.ROOT) + "-" + timeframe.label();
    }

    public String runId() {
        return runId;
    }

    public Path path() {
        return path;
    }

    /** A file in this run folder. */
    public Path file(String name) {
        Objects.requireNonNull(name, "name is null");
        Path file = path.resolve(name).normalize();
        if (!path.equals(file.getParent())) {
            throw new IllegalArgumentException("'" + name + "' is not a plain file name inside the run folder");
        }
        return file;
    }

    public Path tradesCsv() {
        return file(TRADES_CSV);
    }

    public Path equityCsv() {
        return file(EQUITY_CSV);
    }

    public Path foldsCsv() {
        return file(FOLDS_CSV);
    }

    public Path summaryJson() {
        return file(SUMMARY_JSON);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
