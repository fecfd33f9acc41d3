package dev.shadowtrainer.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Candles from a local file ({@code --source file:PATH}) in any {@link CandleFileFormat}, recognised
 * from the content rather than the extension, because exported files are often misnamed.
 *
 * <p>The file holds no symbol or timeframe: those come from the request, and the whole file is
 * returned as raw candles for data quality to sort, merge and check. Every failure is a
 * {@link DataException} whose one-line message names the file (and line), says what is wrong and
 * what to do.
 */
public final class FileCandleSource implements CandleSource {
    private final Path path;
    private final String shownPath;

    /** @param path the path exactly as the user gave it, so messages and {@link #name()} echo it */
    public FileCandleSource(String path) {
        Objects.requireNonNull(path, "path is null");
        if (path.isBlank()) {
            throw new DataException("--source file: needs a path, e.g. --source file:data/BTCUSDT_5m.csv");
        }
        try {
            this.path = Path.of(path);
        } catch (InvalidPathException e) {
            throw new DataException("'" + path + "' is not a valid file path (" + e.getReason()
                    + "); check the --source file:PATH value", e);
        }
        this.shownPath = path;
    }

    public FileCandleSource(Path path) {
        this(Objects.requireNonNull(path, "path is null").toString());
    }

    /**
     * The source for {@code --source file:PATH} and one series: PATH itself when it is a file; when it is
     * a directory (the form for several symbols, e.g. {@code train-universe --source file:data/}), the file
     * in it named {@code <BASE><QUOTE>_<timeframe>} with a {@code .csv} or {@code .json} ending, as in
     * {@code BTCUSDT_15m.csv}, the names of Binance's kline exports.
     *
     * @throws DataException when PATH is a directory holding no such file
     */
    public static FileCandleSource forSeries(String path, SeriesId id) {
        Objects.requireNonNull(id, "id is null");
        FileCandleSource given = new FileCandleSource(path);
        if (!Files.isDirectory(given.path)) {
            return given;
        }
        String stem = fileStem(id);
        for (String ending : List.of(".csv", ".json")) {
            if (Files.isRegularFile(given.path.resolve(stem + ending))) {
                String sep = path.endsWith("/") || path.endsWith(java.io.File.separator) ? "" : "/";
                return new FileCandleSource(path + sep + stem + ending);
            }
        }
        throw new DataException("directory " + path + " holds no " + stem + ".csv or " + stem + ".json for "
                + id.symbol() + " " + id.timeframe() + "; add that file (named <BASE><QUOTE>_<timeframe>) or drop "
                + "the symbol");
    }

    /** The file name, without its ending, that a directory source looks for: e.g. BTCUSDT_15m. */
    public static String fileStem(SeriesId id) {
        return id.symbol().compact() + "_" + id.timeframe().label();
    }

    @Override
    public String name() {
        return "file:" + shownPath;
    }

    public Path path() {
        return path;
    }

    /**
     * Reads every candle in the file. The request only has to be valid; the file decides the range.
     *
     * @throws DataException when the file is missing, empty, unreadable or not a candle file
     */
    @Override
    public List<Candle> load(CandleRequest request) {
        Objects.requireNonNull(request, "request is null");
        checkIsReadableFile();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int firstLine = skipToContent(in);
            if (startsJson(in)) {
                return new FreqtradeJsonParser(shownPath).parse(in, firstLine);
            }
            return new CsvCandleParser(shownPath).parse(in, firstLine);
        } catch (CharacterCodingException e) {
            throw notText(e);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * The format the file's content shows, read from its first non-blank line only; for summaries
     * and diagnostics. Errors are the same as {@link #load}'s for the start of the file.
     */
    public CandleFileFormat detectFormat() {
        checkIsReadableFile();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int firstLine = skipToContent(in);
            if (startsJson(in)) {
                return CandleFileFormat.FREQTRADE_JSON;
            }
            return new CsvCandleParser(shownPath).layoutOf(in.readLine(), firstLine).format();
        } catch (CharacterCodingException e) {
            throw notText(e);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private void checkIsReadableFile() {
        if (Files.isDirectory(path)) {
            throw new DataException(shownPath + " is a directory, not a candle file; pass one CSV or JSON file"
                    + " with --source file:PATH");
        }
        if (!Files.exists(path)) {
            throw new DataException("no such file: " + shownPath + "; check the path or use --source synthetic");
        }
    }

    /** Skips a byte-order mark and leading blank space; returns the 1-based line where content starts. */
    private int skipToContent(BufferedReader in) throws IOException {
        int line = 1;
        while (true) {
            in.mark(1);
            int c = in.read();
            if (c < 0) {
                throw new DataException(shownPath + " is empty; put candles in it (CSV "
                        + CandleFileFormat.OHLCV_CSV.columnList() + ") or use --source synthetic");
            }
            if (c == '\n') {
                line++;
            } else if (c != '\uFEFF' && !Character.isWhitespace(c)) {
                in.reset();
                return line;
            }
        }
    }

    /** Tells JSON from CSV by the first character; which CSV layout it is, is the CSV parser's call. */
    private boolean startsJson(BufferedReader in) throws IOException {
        in.mark(1);
        int c = in.read();
        in.reset();
        if (c == '[') {
            return true;
        }
        if (c == '{') {
            throw new DataException(shownPath + ": unknown format: a JSON object; expected freqtrade JSON"
                    + " [[ms,open,high,low,close,volume],...] or a CSV with header "
                    + CandleFileFormat.OHLCV_CSV.columnList());
        }
        return false;
    }

    private DataException notText(CharacterCodingException e) {
        return new DataException(shownPath + ": unknown format: not UTF-8 text; expected a CSV with header "
                + CandleFileFormat.OHLCV_CSV.columnList() + ", a Binance kline CSV or freqtrade JSON", e);
    }

    private DataException unreadable(IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new DataException("cannot read " + shownPath + ": " + reason
                + "; check the file exists and is readable", e);
    }
}
