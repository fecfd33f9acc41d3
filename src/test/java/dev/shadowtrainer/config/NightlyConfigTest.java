package dev.shadowtrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NightlyConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void theShippedConfigAndTheDefaultsAgree() {
        ShadowConfig.NightlyConfig n = loader.load(Path.of("config/base.yaml"), Map.of(), Map.of()).nightly();
        assertThat(n).isEqualTo(new ShadowConfig.NightlyConfig(90, 14, "sharpe", 0.10, 0.05, 10, 10));
        assertThat(loader.load(null, Map.of(), Map.of()).nightly()).isEqualTo(n);
    }

    @Test
    void flagsAndEnvironmentSetThem() {
        ShadowConfig.NightlyConfig n = loader.load(null, Map.of("SHADOW_NIGHTLY_HOLDOUT_DAYS", "7"),
                Map.of("nightly.metric", "total_return", "nightly.min_improvement", "0.2", "nightly.min_trades", "0"))
                .nightly();
        assertThat(n).isEqualTo(new ShadowConfig.NightlyConfig(90, 7, "total_return", 0.2, 0.05, 0, 10));
    }

    @Test
    void badValuesAreUsageErrorsNamingTheKey() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("nightly.metric", "sortino")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nightly.metric")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("nightly.significance", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nightly.significance");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("nightly.holdout_days", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nightly.holdout_days");
    }
}
