package dev.shadowtrainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.SharedData;
import dev.shadowtrainer.config.ConfigException;
import dev.shadowtrainer.config.ConfigLoader;
import dev.shadowtrainer.config.ShadowConfig;
import dev.shadowtrainer.market.DataException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandleLoaderTest {
    private final CandleLoader loader = new CandleLoader(Clock.systemUTC(), null);

    private static ShadowConfig.DataConfig data(Map<String, String> flags) {
        return new ConfigLoader().load(null, Map.of(), flags).data();
    }

    @Test
    void windowIsTheLastDaysAndTheLeadInLiesBeforeIt() {
        String file = "file:" + SharedData.binance2025("ETHUSDT_15m.csv");
        LoadedSeries loaded = loader.load(data(Map.of("data.source", file, "data.days", "20")), 1, 300);
        assertThat(loaded.windowBars()).isEqualTo(20 * 96);
        assertThat(loaded.windowStart()).isEqualTo(300);
        long windowOpen = loaded.series().openTime(loaded.windowStart());
        long newestClose = loaded.series().closeTime(loaded.series().size() - 1);
        assertThat(newestClose - windowOpen).isEqualTo(20 * 86_400_000L);
        assertThat(loaded.quality().rawRows()).isEqualTo(8640);
    }

    @Test
    void leadInIsWhateverHistoryExistsWhenThereIsLittle() {
        String file = "file:" + SharedData.binance2025("ETHUSDT_15m.csv");
        LoadedSeries loaded = loader.load(data(Map.of("data.source", file, "data.days", "89")), 1, 300);
        assertThat(loaded.windowStart()).isEqualTo(8640 - 89 * 96);
    }

    @Test
    void loadAvailableTakesTheWholeFileWithTheLeadInAsHistory() {
        String file = "file:" + SharedData.binance2025("ETHUSDT_15m.csv");
        LoadedSeries loaded = loader.loadAvailable(data(Map.of("data.source", file)), 1, 300);
        assertThat(loaded.series().size()).isEqualTo(8640);
        assertThat(loaded.windowStart()).isEqualTo(300);
        assertThat(loaded.requestedDays()).isEqualTo(90);
    }

    @Test
    void syntheticSourceGeneratesTheLeadInToo() {
        LoadedSeries loaded = loader.load(data(Map.of("data.source", "synthetic", "data.days", "10")), 3, 200);
        assertThat(loaded.windowBars()).isEqualTo(10 * 96);
        assertThat(loaded.windowStart()).isEqualTo(200);
        assertThat(loaded.series().id().exchange()).isEqualTo("synthetic");
    }

    @Test
    void unknownSourceIsAUsageError() {
        assertThatThrownBy(() -> loader.load(data(Map.of("data.source", "ftp")), 1, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown candle source 'ftp'");
    }

    @Test
    void emptyCacheIsBadData() {
        assertThatThrownBy(() -> loader.load(data(Map.of("data.source", "cache",
                "data.cache_dir", "target/no-such-cache")), 1, 0))
                .isInstanceOf(DataException.class);
    }
}
