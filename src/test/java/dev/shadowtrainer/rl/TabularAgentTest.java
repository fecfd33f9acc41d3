package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularAgentTest {
    @TempDir
    Path dir;

    @Test
    void v2DefaultsAreTheDesignsHyperparameters() {
        TabularAgent.Settings v2 = TabularAgent.Settings.v2(1);
        assertThat(v2).isEqualTo(new TabularAgent.Settings(0.01, 0.99, 0.1, 0.995, 0.01, 100, 1));
        assertThat(TabularAgent.Settings.preset("v2_domain", 1).epsilonDecay()).isEqualTo(0.999);
        assertThatThrownBy(() -> TabularAgent.Settings.preset("v9", 1)).hasMessageContaining("v2 or v2_domain");
    }

    @Test
    void episodesDriveTdUpdatesAndEpsilonDecay() {
        TabularAgent<MetaActions> meta = TabularAgent.metaStrategyV2(MetaActions.V2, TabularAgent.Settings.v2(3), null);
        int action = MetaActions.V2.encode("TREND", "XGB", "WEIGHT_UP");
        meta.startEpisode("trade-1");
        // terminal: Q = 0 + 0.01 * (3.1475 - 0) = 0.031475
        assertThat(meta.learnStep("trade-1", "s", action, 3.1475, null)).isCloseTo(0.031475, within(1e-15));
        Episode e = meta.endEpisode("trade-1");
        assertThat(e.actions()).containsExactly("TREND|XGB|WEIGHT_UP");
        // epsilon 0.1 * 0.995
        assertThat(meta.epsilon()).isCloseTo(0.0995, within(1e-15));
        AgentStats stats = meta.stats();
        assertThat(stats.agent()).isEqualTo("meta_strategy_v2");
        assertThat(stats.actions()).isEqualTo(48);
        assertThat(stats.q().states()).isEqualTo(1);
        assertThat(stats.q().updates()).isEqualTo(1);
        assertThat(stats.q().maxQ()).isCloseTo(0.031475, within(1e-15));
        assertThat(stats.episodes().kept()).isEqualTo(1);
        assertThatThrownBy(() -> meta.learnStep("never-started", "s", 0, 1, null)).hasMessageContaining("not open");
    }

    @Test
    void savesEveryNUpdatesAndRestoresTableEpsilonAndCounts() throws IOException {
        Path file = dir.resolve(TabularAgent.POSITION_SIZING_FILE);
        TabularAgent.Settings settings = new TabularAgent.Settings(0.01, 0.99, 0.1, 0.995, 0.01, 4, 5);
        TabularAgent<SizingActions> agent = TabularAgent.positionSizingV2(SizingActions.V2, settings, file);
        for (int i = 0; i < 3; i++) {
            agent.startEpisode("e" + i);
            agent.learnStep("e" + i, "a|b", i, 1.0 / 7 + i, "c|d");
            agent.endEpisode("e" + i);
        }
        assertThat(file).doesNotExist();
        agent.learn("c|d", 55, -2.5, null);
        assertThat(file).exists();
        TabularAgent<SizingActions> back = TabularAgent.positionSizingV2(SizingActions.V2, settings, file);
        assertThat(back.snapshot().metadata()).isEqualTo(agent.snapshot().metadata());
        for (String s : new String[] {"a|b", "c|d"}) {
            for (int a = 0; a < 56; a++) {
                assertThat(back.q(s, a)).isEqualTo(agent.q(s, a));
            }
        }
        assertThat(back.epsilon()).isEqualTo(agent.epsilon());
        assertThat(back.stats().q().updates()).isEqualTo(4);

        // the meta agent refuses the sizing file: other action space, exit 3, file untouched
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> TabularAgent.metaStrategyV2(MetaActions.V2, settings, file))
                .isInstanceOf(ShadowTrainerException.class)
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.BAD_DATA))
                .hasMessageContaining("not of 'v2' (48)");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void nonFiniteOrMissingNumbersInAFileAreRefused() throws IOException {
        Path file = dir.resolve("q.json");
        TabularAgent<SizingActions> agent = TabularAgent.positionSizingV2(SizingActions.V2_DOMAIN,
                TabularAgent.Settings.v2Domain(1), file);
        agent.learn("s", 0, 1.0, null);
        agent.save();
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"0\\.5\\|5\" : 0\\.01", "\"0.5|5\" : \"x\""));
        assertThatThrownBy(() -> TabularAgent.positionSizingV2(SizingActions.V2_DOMAIN,
                TabularAgent.Settings.v2Domain(1), file))
                .hasMessageContaining("q_table state 's' field '0.5|5' is missing or not a finite number");
        Files.writeString(file, text.replace("\"total_updates\" : 1", "\"total_updates\" : -1"));
        assertThatThrownBy(() -> TabularAgent.positionSizingV2(SizingActions.V2_DOMAIN,
                TabularAgent.Settings.v2Domain(1), file))
                .hasMessageContaining("total_updates");
        Files.writeString(file, "[]");
        assertThatThrownBy(() -> TabularAgent.positionSizingV2(SizingActions.V2_DOMAIN,
                TabularAgent.Settings.v2Domain(1), file))
                .hasMessageContaining("not a JSON object");
    }
}
