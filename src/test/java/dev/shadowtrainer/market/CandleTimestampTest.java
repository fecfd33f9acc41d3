package dev.shadowtrainer.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandleTimestampTest {
    @ParameterizedTest
    @CsvSource({
            "2025-04-03 17:05:00+00:00, 2025-04-03T17:05:00Z",
            "2025-04-03T17:05:00Z, 2025-04-03T17:05:00Z",
            "2025-04-03t17:05:00z, 2025-04-03T17:05:00Z",
            "2025-04-03T17:05Z, 2025-04-03T17:05:00Z",
            "2025-04-03T19:05:00+02:00, 2025-04-03T17:05:00Z",
            "2025-04-03T12:05:00-0500, 2025-04-03T17:05:00Z",
            "2025-04-03T18:05:00+01, 2025-04-03T17:05:00Z",
            "2025-04-03 17:05:00.250+00:00, 2025-04-03T17:05:00.250Z",
            "2024-02-29 00:00:00+00:00, 2024-02-29T00:00:00Z",
            "2025-01-01T00:30:00+01:00, 2024-12-31T23:30:00Z"
    })
    void parsesIsoWithOffset(String text, String expected) {
        assertThat(CandleTimestamp.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "1743699900, 2025-04-03T17:05:00Z",
            "1743699900000, 2025-04-03T17:05:00Z",
            "1743699900000123, 2025-04-03T17:05:00.000123Z",
            "1743699900000000789, 2025-04-03T17:05:00.000000789Z",
            "99999999999, 5138-11-16T09:46:39Z",
            "100000000000, 1973-03-03T09:46:40Z"
    })
    void epochUnitFollowsMagnitude(String text, String expected) {
        assertThat(CandleTimestamp.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "2025-04-03", "2025/04/03 17:05:00+00:00", "2025-13-01 00:00:00Z",
            "2025-02-29 00:00:00Z", "2025-04-03 24:00:00Z", "2025-04-03 17:05:00+00:0", "2025-04-03 17:05:00 UTC",
            "-1743699900000", "1743699900000.0", "12345678901234567890"})
    void rejectsWhatIsNotATimestamp(String text) {
        assertThatThrownBy(() -> CandleTimestamp.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-04-03 17:05:00", "2025-04-03T17:05"})
    void rejectsMissingOffsetWithAHint(String text) {
        assertThatThrownBy(() -> CandleTimestamp.parse(text)).hasMessageContaining("no UTC offset");
    }
}
