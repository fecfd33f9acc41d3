package dev.shadowtrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.market.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shippedBaseYamlLoadsWithTheDocumentedValues() {
        ShadowConfig c = loader.load(Path.of("config/base.yaml"), Map.of(), Map.of());
        assertThat(c.training().rlAgent().enabled()).isTrue();
        assertThat(c.training().rlAgent().learningRate()).isEqualTo(0.001);
        assertThat(c.training().rlAgent().gamma()).isEqualTo(0.99);
        assertThat(c.training().rlAgent().stateDim()).isEqualTo(80);
        ShadowConfig.ShadowTradingConfig st = c.training().shadowTrading();
        assertThat(st.positionSize()).isEqualTo(1000);
        assertThat(st.maxHoldMinutes()).isEqualTo(120);
        assertThat(st.stopLossBps()).isEqualTo(15);
        assertThat(st.takeProfitBps()).isEqualTo(20);
        assertThat(st.minConfidenceThreshold()).isEqualTo(0.52);
        assertThat(c.memory().vectorSimilarityThreshold()).isEqualTo(0.7);
        assertThat(c.memory().minPatternOccurrences()).isEqualTo(30);
        assertThat(c.data().timeframe()).isEqualTo(Timeframe.M15);
    }

    @Test
    void shippedBaseYamlSetsEveryKnownKey() throws IOException {
        String text = Files.readString(Path.of("config/base.yaml"));
        for (ConfigKey key : loader.schema().keys()) {
            String leaf = key.path().substring(key.path().lastIndexOf('.') + 1);
            assertThat(text).as("base.yaml documents %s", key.path()).contains(leaf + ":");
        }
    }

    @Test
    void precedenceIsFlagOverEnvironmentOverFileOverDefault() throws IOException {
        Path file = yaml("training:\n  rl_agent:\n    gamma: 0.9\n    learning_rate: 0.001\nseed: 5\n");
        ShadowConfig c = loader.load(file,
                Map.of("SHADOW_TRAINING_RL_AGENT_GAMMA", "0.95", "SHADOW_SEED", "6"),
                Map.of("seed", "7"));
        assertThat(c.training().rlAgent().learningRate()).isEqualTo(0.001); // file over default
        assertThat(c.training().rlAgent().gamma()).isEqualTo(0.95);        // env over file
        assertThat(c.seed()).isEqualTo(7);                                  // flag over env
        assertThat(c.training().rlAgent().stateDim()).isEqualTo(80);        // default
        assertThat(c.settings().get("training.rl_agent.gamma").origin()).isEqualTo("SHADOW_TRAINING_RL_AGENT_GAMMA");
        assertThat(c.settings().get("seed").origin()).isEqualTo("command line");
    }

    @Test
    void unknownFileKeyIsRejectedNamingThePath() throws IOException {
        Path file = yaml("training:\n  rl_agent:\n    gama: 0.9\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown config key 'training.rl_agent.gama'")
                .hasMessageContaining("training.rl_agent.gamma")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void unknownSectionIsRejected() throws IOException {
        Path file = yaml("trainig:\n  rl_agent:\n    gamma: 0.9\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .hasMessageContaining("unknown config key 'trainig'");
    }

    @Test
    void outOfRangeValueIsRejectedNamingPathOriginAndRange() throws IOException {
        Path file = yaml("training:\n  rl_agent:\n    gamma: 1.5\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .hasMessageContaining("'training.rl_agent.gamma'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("out of range")
                .hasMessageContaining("(0, 1]");
    }

    @Test
    void wrongTypeIsRejected() throws IOException {
        Path file = yaml("training:\n  rl_agent:\n    state_dim: lots\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .hasMessageContaining("'training.rl_agent.state_dim'")
                .hasMessageContaining("whole number");
    }

    @Test
    void sectionGivenAScalarIsRejected() throws IOException {
        Path file = yaml("training: 3\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .hasMessageContaining("'training' in")
                .hasMessageContaining("is a section");
    }

    @Test
    void malformedYamlIsRejectedWithTheLine() throws IOException {
        Path file = yaml("training:\n  rl_agent: [\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void disallowedTimeframeIsRejected() throws IOException {
        Path file = yaml("data:\n  timeframe: 2m\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .hasMessageContaining("'data.timeframe'")
                .hasMessageContaining("1m, 5m, 15m, 1h, 4h, 1d");
    }

    @Test
    void missingNamedFileIsRejected() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("config file not found");
    }

    @Test
    void emptyFileSetsNothing() throws IOException {
        ShadowConfig c = loader.load(yaml(""), Map.of(), Map.of());
        assertThat(c.seed()).isEqualTo(42);
    }

    @Test
    void unknownShadowEnvironmentVariableIsRejectedButReservedOnesAreNot() {
        assertThatThrownBy(() -> loader.load(null, Map.of("SHADOW_TRAINING_RL_AGENT_GAMA", "0.9"), Map.of()))
                .hasMessageContaining("SHADOW_TRAINING_RL_AGENT_GAMA");
        ShadowConfig c = loader.load(null, Map.of("SHADOW_HOME", "/x", "PATH", "/bin"), Map.of());
        assertThat(c.seed()).isEqualTo(42);
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> loader.load(null, Map.of("SHADOW_DATA_DAYS", "-3"), Map.of()))
                .hasMessageContaining("'data.days' (from SHADOW_DATA_DAYS)");
    }

    @Test
    void seedZeroIsRefusedBecauseDl4jReadsItAsNoSeed() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("seed", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'seed'");
    }

    @Test
    void ppoSettingsParseAndCrossKeyRulesAreChecked() {
        ShadowConfig c = loader.load(null, Map.of(), Map.of("training.rl_agent.hidden_sizes", "128, 32"));
        assertThat(c.training().rlAgent().hiddenSizes()).containsExactly(128, 32);
        assertThat(c.training().rlAgent().numEnvs() * c.training().rlAgent().numSteps()
                % c.training().rlAgent().numMinibatches()).isZero();
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("training.rl_agent.hidden_sizes", "64,,64")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training.rl_agent.hidden_sizes");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("training.rl_agent.num_minibatches", "7")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training.rl_agent.num_minibatches");
    }

    @Test
    void unknownSetKeyIsRejected() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("training.nope", "1")))
                .hasMessageContaining("unknown config key 'training.nope' in --set");
    }

    @Test
    void dbUrlAliasAndPasswordNeverPrinted() {
        ShadowConfig c = loader.load(null, Map.of("SHADOW_DB_URL", "postgresql://bob:s3cret@localhost:5432/db"),
                Map.of());
        assertThat(c.database().url()).contains("s3cret");
        assertThat(c.database().toString()).doesNotContain("s3cret");
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThat(c.effectiveValues().get("database.url")).isEqualTo("postgresql://bob:***@localhost:5432/db");
        assertThat(DatabaseUrls.redact("jdbc:postgresql://h/db?user=a&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    }
}
