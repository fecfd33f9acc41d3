package dev.shadowtrainer.market;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Turns the timestamp text of candle files into instants.
 *
 * <p>Accepted forms:
 * <ul>
 *   <li>ISO-8601 with an explicit offset: {@code 2025-04-03 17:05:00+00:00},
 *       {@code 2025-04-03T17:05:00Z}, optional seconds and fraction, offsets {@code ±HH:MM},
 *       {@code ±HHMM}, {@code ±HH} or {@code Z}. Text without an offset is rejected because
 *       guessing the time zone would silently shift every candle.</li>
 *   <li>Epoch numbers (digits only), unit decided by magnitude: below 10^11 seconds, below 10^14
 *       milliseconds, below 10^17 microseconds (newer Binance dumps), otherwise nanoseconds. The
 *       cut-offs are safe because no crypto candle predates 1973, where 10^11 ms would lie, and
 *       10^11 seconds is the year 5138.</li>
 * </ul>
 * Hand-written instead of {@code DateTimeFormatter} because it runs once per row of large files.
 */
final class CandleTimestamp {
    static final long SECONDS_BELOW = 100_000_000_000L;
    static final long MILLIS_BELOW = 100_000_000_000_000L;
    static final long MICROS_BELOW = 100_000_000_000_000_000L;

    private CandleTimestamp() {
    }

    /**
     * Parses one timestamp field.
     *
     * @throws IllegalArgumentException with a short reason when the text is not a timestamp
     */
    static Instant parse(String text) {
        Objects.requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (isDigits(text)) {
            try {
                return fromEpochNumber(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the epoch number is too large");
            }
        }
        return parseIso(text);
    }

    /** Interprets a non-negative epoch number as seconds, milliseconds, micro- or nanoseconds by its magnitude. */
    static Instant fromEpochNumber(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a negative epoch number is not a candle time");
        }
        if (value < SECONDS_BELOW) {
            return Instant.ofEpochSecond(value);
        }
        if (value < MILLIS_BELOW) {
            return Instant.ofEpochMilli(value);
        }
        if (value < MICROS_BELOW) {
            return Instant.ofEpochSecond(value / 1_000_000L, (value % 1_000_000L) * 1_000L);
        }
        return Instant.ofEpochSecond(value / 1_000_000_000L, value % 1_000_000_000L);
    }

    private static Instant parseIso(String s) {
        // Layout: yyyy-MM-dd(T| )HH:mm[:ss[.fffffffff]](Z|±HH[:]MM|±HH)
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':') {
            throw notIso();
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            throw notIso();
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int pos = 16;
        int second = 0;
        int nanos = 0;
        if (pos < n && s.charAt(pos) == ':') {
            second = digits(s, pos + 1, pos + 3);
            pos += 3;
            if (pos < n && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
                int start = ++pos;
                while (pos < n && isDigit(s.charAt(pos))) {
                    pos++;
                }
                int len = pos - start;
                if (len == 0 || len > 9) {
                    throw notIso();
                }
                nanos = digits(s, start, pos);
                for (int i = len; i < 9; i++) {
                    nanos *= 10;
                }
            }
        }
        int offsetSeconds = offsetSeconds(s, pos);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException("the time of day is out of range");
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("the date does not exist");
        }
        long epochSecond = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static int offsetSeconds(String s, int pos) {
        int n = s.length();
        if (pos == n) {
            throw new IllegalArgumentException("it has no UTC offset; write it as ...+00:00 or ...Z");
        }
        char c = s.charAt(pos);
        if ((c == 'Z' || c == 'z') && pos + 1 == n) {
            return 0;
        }
        if (c != '+' && c != '-') {
            throw notIso();
        }
        int rest = n - pos - 1;
        int hours;
        int minutes;
        if (rest == 2) {
            hours = digits(s, pos + 1, pos + 3);
            minutes = 0;
        } else if (rest == 4) {
            hours = digits(s, pos + 1, pos + 3);
            minutes = digits(s, pos + 3, pos + 5);
        } else if (rest == 5 && s.charAt(pos + 3) == ':') {
            hours = digits(s, pos + 1, pos + 3);
            minutes = digits(s, pos + 4, pos + 6);
        } else {
            throw notIso();
        }
        if (hours > 18 || minutes > 59) {
            throw new IllegalArgumentException("the UTC offset is out of range");
        }
        int total = hours * 3_600 + minutes * 60;
        return c == '-' ? -total : total;
    }

    private static int digits(String s, int from, int to) {
        if (to > s.length()) {
            throw notIso();
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw notIso();
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException notIso() {
        return new IllegalArgumentException(
                "expected ISO-8601 with offset like 2025-04-03 17:05:00+00:00, or epoch milliseconds");
    }
}
