package dev.shadowtrainer.market;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloaded candles on local disk: one CSV file per series at
 * {@code <root>/<exchange>/<BASE>-<QUOTE>_<timeframe>.csv}, e.g. {@code data/candles/binance/BTC-USDT_15m.csv},
 * in the layout of {@link CacheFileFormat} (header {@code timestamp,open,high,low,close,volume},
 * epoch-millisecond open times). The dash keeps base and quote apart, so {@link #list()} can name
 * every series without guessing where {@code BTCUSDT} splits.
 *
 * <p>Every write goes to a temporary file in the same directory, is flushed to disk, and then
 * atomically renamed over the old file, so a crash leaves either the old or the new file, never a
 * half-written one.
 */
public final class CandleCache {
    public static final Path DEFAULT_ROOT = Path.of("data", "candles");

    private static final Logger log = LoggerFactory.getLogger(CandleCache.class);
    private static final Pattern EXCHANGE_DIR = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern SERIES_FILE = Pattern.compile("([A-Z0-9]{2,12})-([A-Z0-9]{2,12})_([0-9]+[a-z])\\.csv");

    /** Puts a finished temporary file in place of the cache file; a seam for testing failed writes. */
    @FunctionalInterface
    interface FileReplacer {
        void replace(Path finishedTemp, Path target) throws IOException;
    }

    private final Path root;
    private final FileReplacer replacer;

    public CandleCache(Path root) {
        this(root, (temp, target) -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING));
    }

    CandleCache(Path root, FileReplacer replacer) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.replacer = Objects.requireNonNull(replacer, "replacer is null");
    }

    public Path root() {
        return root;
    }

    /** The cache file of a series, whether or not it exists yet. */
    public Path file(SeriesId id) {
        Objects.requireNonNull(id, "id is null");
        String exchange = id.exchange().toLowerCase(Locale.ROOT);
        if (!EXCHANGE_DIR.matcher(exchange).matches()) {
            throw new IllegalArgumentException("exchange name '" + id.exchange() + "' cannot name a cache directory");
        }
        return root.resolve(exchange).resolve(id.symbol().base() + "-" + id.symbol().quote() + "_"
                + id.timeframe().label() + ".csv");
    }

    /** The cached candles sorted by open time, or an empty list if the series was never cached. */
    public List<Candle> read(SeriesId id) {
        Path file = file(id);
        try {
            return CacheFileFormat.read(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot read candle cache file " + file + ": " + e, e);
        }
    }

    /**
     * Merges candles into the series' file: a candle whose open time is already cached replaces the
     * cached row (newer data wins), the rest are added, and the file is rewritten sorted, atomically.
     */
    public CacheMerge merge(SeriesId id, List<Candle> candles) {
        Objects.requireNonNull(candles, "candles is null");
        TreeMap<Long, Candle> rows = new TreeMap<>();
        for (Candle cached : read(id)) {
            rows.put(cached.openTimeMillis(), cached);
        }
        int before = rows.size();
        if (candles.isEmpty()) {
            return new CacheMerge(0, 0, before);
        }
        Set<Long> incoming = new HashSet<>();
        int replaced = 0;
        for (Candle candle : candles) {
            long openTime = candle.openTimeMillis();
            // The first time an open time appears in this batch, the map still shows the file's state.
            if (incoming.add(openTime) && rows.containsKey(openTime)) {
                replaced++;
            }
            rows.put(openTime, candle);
        }
        int added = rows.size() - before;
        writeAtomically(file(id), rows.values());
        log.debug("cache {}: {} candles added, {} replaced, {} in total", id, added, replaced, rows.size());
        return new CacheMerge(added, replaced, rows.size());
    }

    /** The open time of the newest cached candle, if any. */
    public Optional<Instant> newestOpenTime(SeriesId id) {
        return summary(id).map(CachedSeries::lastOpen);
    }

    /** Range, count and gaps of one cached series, if it is cached. */
    public Optional<CachedSeries> summary(SeriesId id) {
        List<Candle> candles = read(id);
        return candles.isEmpty() ? Optional.empty() : Optional.of(CachedSeries.of(id, candles));
    }

    /**
     * Every cached series, sorted by exchange, symbol and timeframe. Files that do not follow the
     * naming scheme (such as temporary files left by a killed process) are skipped.
     */
    public List<CachedSeries> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<SeriesId> ids = new ArrayList<>();
        try (Stream<Path> exchanges = Files.list(root)) {
            for (Path dir : exchanges.filter(Files::isDirectory).toList()) {
                String exchange = dir.getFileName().toString();
                if (EXCHANGE_DIR.matcher(exchange).matches()) {
                    ids.addAll(seriesIn(dir, exchange));
                }
            }
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot list candle cache " + root + ": " + e, e);
        }
        ids.sort(Comparator.comparing(SeriesId::exchange).thenComparing(id -> id.symbol().toString())
                .thenComparing(SeriesId::timeframe));
        List<CachedSeries> series = new ArrayList<>();
        for (SeriesId id : ids) {
            summary(id).ifPresent(series::add);
        }
        return series;
    }

    private static List<SeriesId> seriesIn(Path dir, String exchange) throws IOException {
        List<SeriesId> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = SERIES_FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    log.debug("not a cache file, skipped: {}", file);
                    continue;
                }
                try {
                    ids.add(new SeriesId(exchange, new Symbol(m.group(1), m.group(2)), Timeframe.parse(m.group(3))));
                } catch (IllegalArgumentException e) {
                    log.debug("cache file with an unsupported timeframe or symbol skipped: {}", file);
                }
            }
        }
        return ids;
    }

    private void writeAtomically(Path file, Iterable<Candle> candles) {
        Path dir = file.getParent();
        Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                CacheFileFormat.write(out, candles);
            }
            // Flushed before the rename, so a power cut cannot leave the new name on empty content.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            replacer.replace(temp, file);
        } catch (IOException e) {
            throw new ShadowTrainerException(ExitCodes.STORAGE, "cannot write candle cache file " + file + ": " + e
                    + "; the previous file is unchanged", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                log.debug("could not remove temporary file {}: {}", temp, e.toString());
            }
        }
    }
}
