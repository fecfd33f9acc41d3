package dev.shadowtrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void shippedBaseYamlGivesTheDocumentedEvaluationDefaults() {
        ShadowConfig.EvaluationConfig e = loader.load(Path.of("config/base.yaml"), Map.of(), Map.of()).evaluation();
        assertThat(e).isEqualTo(new ShadowConfig.EvaluationConfig(30, 7, 7, 8, 24, 1, 10_000.0));
    }

    @Test
    void baseYamlRepeatsTheBuiltInEvaluationDefaults() {
        ShadowConfig fromFile = loader.load(Path.of("config/base.yaml"), Map.of(), Map.of());
        for (ConfigKey key : loader.schema().keys()) {
            if (key.path().startsWith("evaluation.")) {
                assertThat(fromFile.settings().get(key.path()).value()).as(key.path()).isEqualTo(key.defaultValue());
            }
        }
    }

    @Test
    void stepShorterThanTestIsAUsageError() {
        assertThatThrownBy(() -> loader.load(null, Map.of(),
                Map.of("evaluation.test_days", "7", "evaluation.step_days", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("evaluation.step_days")
                .hasMessageContaining("evaluation.test_days")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void outOfRangeEvaluationValuesAreRejected() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("evaluation.initial_equity", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("evaluation.initial_equity");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("evaluation.trials", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("evaluation.trials");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("evaluation.purge_bars", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("evaluation.purge_bars");
    }

    @Test
    void environmentSetsEvaluationKeys() {
        ShadowConfig c = loader.load(null, Map.of("SHADOW_EVALUATION_TRIALS", "25"), Map.of());
        assertThat(c.evaluation().trials()).isEqualTo(25);
    }
}
