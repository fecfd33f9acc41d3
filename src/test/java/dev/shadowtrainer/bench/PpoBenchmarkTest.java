package dev.shadowtrainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.agent.ppo.CartPoleEnv;
import dev.shadowtrainer.agent.ppo.PpoConfig;
import org.junit.jupiter.api.Test;

class PpoBenchmarkTest {
    @Test
    void measuresBatchedRolloutsEndToEndAndTheNaiveLoopInOneRun() {
        PpoConfig config = new PpoConfig(2.5e-4, 16, 16, true, 0.99, 0.95, 2, 2, true, 0.2, true, 0.01, 0.5, 0.5,
                Double.NaN, new int[] {32, 32}, 1_000_000);
        PpoBenchmark.Result result = PpoBenchmark.run(CartPoleEnv::new, config, 7,
                new PpoBenchmark.Settings(0.2, 0.3));

        assertThat(result.numEnvs()).isEqualTo(16);
        assertThat(result.numSteps()).isEqualTo(16);
        assertThat(result.rolloutSteps()).isPositive().isEqualTo(result.rolloutSteps() / 256 * 256);
        assertThat(result.endToEndSteps()).isPositive().isEqualTo(result.endToEndSteps() / 256 * 256);
        assertThat(result.naiveSteps()).isPositive().isEqualTo(result.naiveSteps() / 16 * 16);
        assertThat(result.rolloutSps()).isPositive();
        assertThat(result.endToEndSps()).isPositive().isLessThan(result.rolloutSps());
        assertThat(result.naiveSps()).isPositive();
        assertThat(result.speedup()).isCloseTo(result.rolloutSps() / result.naiveSps(), within(1e-9));
        // 16 environments per forward pass beat one per forward pass by far on any machine
        assertThat(result.speedup()).isGreaterThan(2);
        assertThat(result.toString()).contains("rollout", "end-to-end", "naive");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new PpoBenchmark.Settings(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PpoBenchmark.Settings(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
