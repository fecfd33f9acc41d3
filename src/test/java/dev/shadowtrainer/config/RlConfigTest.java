package dev.shadowtrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RlConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void theShippedConfigEnablesTheAgentsWithTheV1SizingAgent() {
        ShadowConfig.RlConfig rl = loader.load(Path.of("config/base.yaml"), Map.of(), Map.of()).rl();
        assertThat(rl).isEqualTo(new ShadowConfig.RlConfig(true, "v2", "v1", 100, 0.5));
        // the built-in defaults agree with the shipped file
        assertThat(loader.load(null, Map.of(), Map.of()).rl()).isEqualTo(rl);
    }

    @Test
    void flagsSwitchThemOffAndChooseTheOtherVariants() {
        ShadowConfig.RlConfig rl = loader.load(null, Map.of(), Map.of("rl.enabled", "false",
                "rl.preset", "v2_domain", "rl.sizing_agent", "v2", "rl.save_every", "7", "rl.atr_target_percent", "0.8")).rl();
        assertThat(rl).isEqualTo(new ShadowConfig.RlConfig(false, "v2_domain", "v2", 7, 0.8));
    }

    @Test
    void anUnknownPresetIsAUsageError() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("rl.preset", "v3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rl.preset")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("rl.save_every", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rl.save_every");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("rl.atr_target_percent", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rl.atr_target_percent")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }
}
