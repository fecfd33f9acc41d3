package dev.shadowtrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void theShippedConfigGivesTheLookUpIndexItsDocumentedSize() {
        ShadowConfig.MemoryConfig m = loader.load(Path.of("config/base.yaml"), Map.of(), Map.of()).memory();
        assertThat(m.indexSize()).isEqualTo(256);
        assertThat(m.neighbours()).isEqualTo(10);
    }

    @Test
    void moreNeighboursThanTheIndexHoldsIsAUsageError() {
        assertThatThrownBy(() -> loader.load(null, Map.of(),
                Map.of("memory.index_size", "8", "memory.neighbours", "9")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("memory.neighbours")
                .hasMessageContaining("memory.index_size")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("memory.index_size", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("memory.index_size");
    }
}
