package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shadowtrainer.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCandleSourceTest {
    private static final CandleRequest REQUEST =
            new CandleRequest(new SeriesId("binance", Symbol.parse("BTC/USDT"), Timeframe.M5), 30);
    private static final Instant T0 = Instant.parse("2025-04-03T17:05:00Z");
    private static final Instant T1 = Instant.parse("2025-04-03T17:10:00Z");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<Candle> load(Path file) {
        return new FileCandleSource(file).load(REQUEST);
    }

    /** Loads and returns the failure message, checking it is one line. */
    private static String failure(Path file) {
        return failure(new FileCandleSource(file));
    }

    private static String failure(FileCandleSource source) {
        Throwable thrown = catchThrowable(() -> source.load(REQUEST));
        assertThat(thrown).isInstanceOf(DataException.class);
        String message = thrown.getMessage();
        assertThat(message).doesNotContain("\n").doesNotContain("\r");
        assertThat(((DataException) thrown).exitCode()).isEqualTo(ExitCodes.BAD_DATA);
        return message;
    }

    @Test
    void readsOhlcvCsvWithIsoTimestamps() throws IOException {
        Path file = write("btc.csv", """
                timestamp,open,high,low,close,volume
                2025-04-03 17:05:00+00:00,81794.8,81998.1,81785.2,81804.9,317.956
                2025-04-03T17:10:00Z,81804.9,81898.3,81714.5,81800.3,128.285
                2025-04-03T19:15:00+02:00,81800.3,81900.0,81636.5,81735.9,649.21
                """);

        assertThat(load(file)).containsExactly(
                new Candle(T0, 81794.8, 81998.1, 81785.2, 81804.9, 317.956),
                new Candle(T1, 81804.9, 81898.3, 81714.5, 81800.3, 128.285),
                new Candle(Instant.parse("2025-04-03T17:15:00Z"), 81800.3, 81900.0, 81636.5, 81735.9, 649.21));
    }

    @Test
    void readsOhlcvCsvWithEpochMillisAndSeconds() throws IOException {
        Path file = write("epoch.csv", """
                timestamp,open,high,low,close,volume
                1743699900000,1.0,2.0,0.5,1.5,10
                1743700200,1.5,2.5,1.0,2.0,20
                """);

        assertThat(load(file)).containsExactly(
                new Candle(T0, 1.0, 2.0, 0.5, 1.5, 10),
                new Candle(T1, 1.5, 2.5, 1.0, 2.0, 20));
    }

    @Test
    void readsBinanceKlinesWithoutHeader() throws IOException {
        Path file = write("BTCUSDT-5m-2025-04.csv", """
                1743699900000,81794.8,81998.1,81785.2,81804.9,317.956,1743700199999,26011234.5,4521,160.1,13098765.4,0
                1743700200000,81804.9,81898.3,81714.5,81800.3,128.285,1743700499999,10497812.1,2210,60.2,4924345.8,0
                """);

        assertThat(load(file)).containsExactly(
                new Candle(T0, 81794.8, 81998.1, 81785.2, 81804.9, 317.956),
                new Candle(T1, 81804.9, 81898.3, 81714.5, 81800.3, 128.285));
    }

    @Test
    void readsBinanceKlinesInMicrosecondsWithHeader() throws IOException {
        Path file = write("BTCUSDT-5m-2025-05.csv", """
                open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore
                1743699900000000,81794.8,81998.1,81785.2,81804.9,317.956,1743700199999999,26011234.5,4521,160.1,13098765.4,0
                1743700200000000,81804.9,81898.3,81714.5,81800.3,128.285,1743700499999999,10497812.1,2210,60.2,4924345.8,0
                """);

        assertThat(load(file)).containsExactly(
                new Candle(T0, 81794.8, 81998.1, 81785.2, 81804.9, 317.956),
                new Candle(T1, 81804.9, 81898.3, 81714.5, 81800.3, 128.285));
    }

    @Test
    void readsFreqtradeJson() throws IOException {
        Path file = write("BTC_USDT-5m.json", """
                [[1743699900000,81794.8,81998.1,81785.2,81804.9,317.956],
                 [1743700200000,81804.9,81898.3,81714.5,81800.3,128.285]]
                """);

        assertThat(load(file)).containsExactly(
                new Candle(T0, 81794.8, 81998.1, 81785.2, 81804.9, 317.956),
                new Candle(T1, 81804.9, 81898.3, 81714.5, 81800.3, 128.285));
    }

    @Test
    void freqtradeJsonKeepsNanAndNullAsNan() throws IOException {
        Path file = write("nan.json", "[[1743699900000,NaN,2.0,null,1.5,10]]");

        assertThat(load(file)).containsExactly(new Candle(T0, Double.NaN, 2.0, Double.NaN, 1.5, 10));
    }

    @Test
    void detectsFormatFromContentNotExtension() throws IOException {
        Path ohlcv = write("a.json", "timestamp,open,high,low,close,volume\n1743699900000,1,2,0.5,1.5,10\n");
        Path binance = write("b.json", "1743699900000,1,2,0.5,1.5,10,1743700199999,15,3,5,7.5,0\n");
        Path json = write("c.csv", "\n  [[1743699900000,1,2,0.5,1.5,10]]");

        assertThat(new FileCandleSource(ohlcv).detectFormat()).isEqualTo(CandleFileFormat.OHLCV_CSV);
        assertThat(new FileCandleSource(binance).detectFormat()).isEqualTo(CandleFileFormat.BINANCE_KLINE_CSV);
        assertThat(new FileCandleSource(json).detectFormat()).isEqualTo(CandleFileFormat.FREQTRADE_JSON);
        Candle expected = new Candle(T0, 1, 2, 0.5, 1.5, 10);
        assertThat(load(ohlcv)).containsExactly(expected);
        assertThat(load(binance)).containsExactly(expected);
        assertThat(load(json)).containsExactly(expected);
    }

    @Test
    void toleratesBomWindowsLineEndsQuotesAndBlankLines() throws IOException {
        Path file = write("excel.csv", "\uFEFFTimestamp,Open,High,Low,Close,Volume\r\n"
                + "\"2025-04-03 17:05:00+00:00\",1,2,0.5,1.5,10\r\n"
                + "\r\n"
                + "2025-04-03 17:10:00+00:00, 1.5 ,2.5,1,2,20\r\n");

        assertThat(load(file)).containsExactly(
                new Candle(T0, 1, 2, 0.5, 1.5, 10),
                new Candle(T1, 1.5, 2.5, 1, 2, 20));
    }

    @Test
    void passesBrokenButReadableRowsThroughUnchanged() throws IOException {
        Path file = write("broken.csv", """
                timestamp,open,high,low,close,volume
                2025-04-03 17:10:00+00:00,1.5,2.5,1.0,2.0,20
                2025-04-03 17:05:00+00:00,NaN,2.0,0.5,1.5,10
                2025-04-03 17:05:00+00:00,1.0,0.5,2.0,1.5,10
                2025-04-03 17:05:00+00:00,-1.0,2.0,0.5,,-3
                2025-04-03 17:10:00+00:00,1.5,inf,1.0,2.0,0
                """);

        assertThat(load(file)).containsExactly(
                new Candle(T1, 1.5, 2.5, 1.0, 2.0, 20),
                new Candle(T0, Double.NaN, 2.0, 0.5, 1.5, 10),
                new Candle(T0, 1.0, 0.5, 2.0, 1.5, 10),
                new Candle(T0, -1.0, 2.0, 0.5, Double.NaN, -3),
                new Candle(T1, 1.5, Double.POSITIVE_INFINITY, 1.0, 2.0, 0));
    }

    @Test
    void nameEchoesThePathAsGiven() {
        assertThat(new FileCandleSource("data/../data/BTCUSDT_5m.csv").name())
                .isEqualTo("file:data/../data/BTCUSDT_5m.csv");
    }

    @Test
    void missingFileSaysCheckThePathOrUseSynthetic() {
        String message = failure(new FileCandleSource("no/such/candles.csv"));

        assertThat(message).isEqualTo("no such file: no/such/candles.csv; check the path or use --source synthetic");
    }

    @Test
    void blankPathIsRejected() {
        assertThatThrownBy(() -> new FileCandleSource(" "))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("needs a path");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = write("empty.csv", "");

        assertThat(failure(file)).startsWith(file + " is empty;").contains("--source synthetic");
    }

    @Test
    void whitespaceOnlyFileIsEmpty() throws IOException {
        Path file = write("blank.csv", "\n  \r\n\t\n");

        assertThat(failure(file)).startsWith(file + " is empty;");
    }

    @Test
    void headerWithoutRowsIsAnError() throws IOException {
        Path file = write("header.csv", "timestamp,open,high,low,close,volume\n");

        assertThat(failure(file)).startsWith(file + " has a header but no candle rows;");
    }

    @Test
    void emptyJsonListIsAnError() throws IOException {
        Path file = write("empty.json", "[]");

        assertThat(failure(file)).startsWith(file + " holds an empty candle list;");
    }

    @Test
    void directoryIsAnError() {
        assertThat(failure(dir)).isEqualTo(dir + " is a directory, not a candle file;"
                + " pass one CSV or JSON file with --source file:PATH");
    }

    @Test
    void unknownHeaderNamesTheExpectedColumns() throws IOException {
        Path file = write("wrong.csv", "time,price,qty\n2025-04-03 17:05:00+00:00,1,2\n");

        assertThat(failure(file)).startsWith(file + " line 1: unexpected header 'time,price,qty'; expected columns "
                + "timestamp,open,high,low,close,volume (or the 12 Binance kline columns open_time,open,");
    }

    @Test
    void reorderedHeaderIsNotGuessed() throws IOException {
        Path file = write("reordered.csv", "timestamp,open,low,high,close,volume\n2025-04-03 17:05:00+00:00,1,0.5,2,1.5,9\n");

        assertThat(failure(file)).contains("line 1: unexpected header").contains("timestamp,open,high,low,close,volume");
    }

    @Test
    void rowWithWrongColumnCountNamesLineAndColumns() throws IOException {
        Path file = write("short.csv", """
                timestamp,open,high,low,close,volume
                2025-04-03 17:05:00+00:00,1,2,0.5,1.5,10
                2025-04-03 17:10:00+00:00,1,2,0.5,1.5
                """);

        assertThat(failure(file)).isEqualTo(file + " line 3: expected 6 columns (timestamp,open,high,low,close,volume),"
                + " found 5; fix or delete that line");
    }

    @Test
    void firstRowWithUnknownColumnCountIsAnError() throws IOException {
        Path file = write("seven.csv", "1743699900000,1,2,0.5,1.5,10,99\n");

        assertThat(failure(file)).startsWith(file + " line 1: first row has 7 columns; expected 6 (");
    }

    @Test
    void garbageNumberNamesLineColumnAndText() throws IOException {
        Path file = write("garbage.csv", """
                timestamp,open,high,low,close,volume
                2025-04-03 17:05:00+00:00,1,2,0.5,1.5,10
                2025-04-03 17:10:00+00:00,1,2,0.5,1.5,10

                2025-04-03 17:15:00+00:00,1,2,0.5,abc,10
                """);

        assertThat(failure(file)).isEqualTo(file + " line 5 column 'close': 'abc' is not a number;"
                + " fix or delete that line");
    }

    @Test
    void javaOnlyNumberSyntaxIsGarbage() throws IOException {
        Path file = write("hex.csv", "timestamp,open,high,low,close,volume\n1743699900000,0x1p3,2,0.5,1.5,10\n");

        assertThat(failure(file)).contains("line 2 column 'open': '0x1p3' is not a number");
    }

    @Test
    void unparseableTimestampNamesLineAndText() throws IOException {
        Path file = write("time.csv", """
                timestamp,open,high,low,close,volume
                2025-04-03 17:05:00+00:00,1,2,0.5,1.5,10
                2025-02-30 17:10:00+00:00,1,2,0.5,1.5,10
                """);

        assertThat(failure(file)).isEqualTo(file + " line 3 column 'timestamp': '2025-02-30 17:10:00+00:00'"
                + " is not a timestamp (the date does not exist); fix or delete that line");
    }

    @Test
    void timestampWithoutOffsetIsRejected() throws IOException {
        Path file = write("local.csv", "timestamp,open,high,low,close,volume\n2025-04-03 17:05:00,1,2,0.5,1.5,10\n");

        assertThat(failure(file)).contains("line 2 column 'timestamp'").contains("has no UTC offset");
    }

    @Test
    void truncatedJsonNamesLine() throws IOException {
        Path file = write("cut.json", "[[1743699900000,1,2,0.5,1.5,10],\n[1743700200000,1.5,2.5");

        assertThat(failure(file)).startsWith(file + " line 2: malformed or truncated JSON (")
                .endsWith("); expected freqtrade's [[ms,open,high,low,close,volume],...]");
    }

    @Test
    void jsonRowWithMissingValuesNamesLine() throws IOException {
        Path file = write("short.json", "[\n[1743699900000,1,2,0.5,1.5,10],\n[1743700200000,1,2,0.5,1.5]\n]");

        assertThat(failure(file)).isEqualTo(file + " line 3: row has 5 values; expected 6"
                + " [ms,open,high,low,close,volume]; fix or delete that row");
    }

    @Test
    void jsonTextPriceIsGarbage() throws IOException {
        Path file = write("text.json", "[[1743699900000,1,2,0.5,\"abc\",10]]");

        assertThat(failure(file)).isEqualTo(file + " line 1: value 'close': 'abc' is not a number;"
                + " fix or delete that row");
    }

    @Test
    void jsonObjectIsUnknownFormat() throws IOException {
        Path file = write("object.json", "{\"candles\": []}");

        assertThat(failure(file)).startsWith(file + ": unknown format: a JSON object;");
    }

    @Test
    void plainTextIsUnknownFormat() throws IOException {
        Path file = write("notes.txt", "these are not candles\n");

        assertThat(failure(file)).isEqualTo(file + ": unknown format; expected a CSV with header"
                + " timestamp,open,high,low,close,volume, a 12-column Binance kline CSV,"
                + " or freqtrade JSON [[ms,open,high,low,close,volume],...]");
    }

    @Test
    void binaryFileIsUnknownFormat() throws IOException {
        Path file = dir.resolve("candles.zip");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, (byte) 0xC3, 0x28, 1, 2});

        assertThat(failure(file)).startsWith(file + ": unknown format");
    }
}
