package dev.shadowtrainer.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import dev.shadowtrainer.features.AtrAdxRegime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionSizingAgentV1Test {
    private static final Instant T0 = Instant.parse("2025-11-26T20:00:00Z");

    @TempDir
    Path dir;

    private static SizingDecision decision(String state, int multiplierIndex, int leverageIndex) {
        int index = SizingActions.V1.encode(multiplierIndex, leverageIndex);
        return new SizingDecision(state, SizingActions.V1.decode(index), 0, false);
    }

    @Test
    void reproducesTheDesignsWorkedExample() {
        // The design starts from Q(low_vol_trending|high|light|good, 1.0|3) = 0.234; the table is seeded with it
        // through a saved file, the format the agent reads back.
        String state = "low_vol_trending|high|light|good";
        int action = SizingActions.V1.indexOf("1.0|3");
        QTable seeded = new QTable(SizingActions.V1.size());
        seeded.set(state, action, 0.234);
        Path file = dir.resolve("sizing.json");
        QTableFile.save(file, new QTableSnapshot(PositionSizingAgentV1.AGENT, "v1", keys(), seeded.rows(),
                java.util.List.of(), new QMetadata(0.15, 0, 0.1, 0.5, 41, 0, null)));
        PositionSizingAgentV1 agent = new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(1), file);
        assertThat(agent.q(state, action)).isEqualTo(0.234);

        TradeOutcome outcome = agent.learn(decision(state, 3, 2), 2.37, 4.5, 0.8, T0);
        // reward 2.37 - 0.001875 - 0.4 + 0.1 = 2.068125 (the design rounds to 2.068)
        assertThat(outcome.reward()).isCloseTo(2.068125, within(1e-12));
        // Q = 0.234 + 0.15 * (2.068125 - 0.234) = 0.50911875 (the design rounds to 0.509)
        assertThat(agent.q(state, action)).isCloseTo(0.50911875, within(1e-12));
        assertThat(Math.round(agent.q(state, action) * 1000) / 1000.0).isEqualTo(0.509);
        assertThat(agent.stats().updates()).isEqualTo(42);
        assertThat(outcome.actionKey()).isEqualTo("1.0|3");
    }

    private static java.util.List<String> keys() {
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < SizingActions.V1.size(); i++) {
            keys.add(SizingActions.V1.key(i));
        }
        return keys;
    }

    @Test
    void savesEveryNUpdatesAndRoundTripsExactly() throws IOException {
        Path file = dir.resolve("models").resolve("sizing.json");
        PositionSizingAgentV1.Settings settings = new PositionSizingAgentV1.Settings(0.15, 0.10, 3, 1000, 9);
        PositionSizingAgentV1 agent = new PositionSizingAgentV1(settings, file);
        SizingDecision d = agent.decide(SizingStateV1.of(AtrAdxRegime.HIGH_VOL_RANGING, 0.5, 0.7, 0.3));
        agent.learn(d, 1.0 / 3, 2, 0.1, T0);
        agent.learn(d, -0.7, 3, 1.1, T0.plusSeconds(60));
        assertThat(file).doesNotExist();
        agent.learn(d, 0.123456789, 5, 0.2, T0.plusSeconds(120));
        assertThat(file).exists();

        PositionSizingAgentV1 back = new PositionSizingAgentV1(settings, file);
        QTableSnapshot before = agent.snapshot();
        QTableSnapshot after = back.snapshot();
        assertThat(after.outcomes()).isEqualTo(before.outcomes());
        assertThat(after.metadata()).isEqualTo(before.metadata());
        assertThat(after.qTable().keySet()).isEqualTo(before.qTable().keySet());
        before.qTable().forEach((s, row) -> assertThat(after.qTable().get(s)).containsExactly(row));
        // 2 wins of 3
        assertThat(back.recentWinRate()).isEqualTo(2.0 / 3);
        assertThat(after.metadata().lastUpdated()).isEqualTo(T0.plusSeconds(120));
        String text = Files.readString(file);
        assertThat(text).contains("\"q_table\"", "\"outcomes\"", "\"learning_rate\" : 0.15", "\"total_updates\" : 3");
    }

    @Test
    void keepsOnlyTheLatestOutcomes() {
        PositionSizingAgentV1 agent = new PositionSizingAgentV1(new PositionSizingAgentV1.Settings(0.15, 0.1, 100, 20, 1));
        SizingDecision d = agent.decide(SizingStateV1.of(AtrAdxRegime.NEUTRAL, 0.5, 0.5, 0.5));
        for (int i = 0; i < 25; i++) {
            agent.learn(d, i < 5 ? -1 : 1, 1, 0, T0.plusSeconds(i));
        }
        assertThat(agent.snapshot().outcomes()).hasSize(20);
        assertThat(agent.snapshot().outcomes().get(0).time()).isEqualTo(T0.plusSeconds(5));
        assertThat(agent.recentWinRate()).isEqualTo(1.0);
    }

    @Test
    void corruptFileIsRefusedWithExitCode3AndLeftAlone() throws IOException {
        Path file = dir.resolve("sizing.json");
        byte[] garbage = "{\"format\": \"shadow-trainer.q-table/1\", \"q_table\": {".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        assertThatThrownBy(() -> new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(1), file))
                .isInstanceOf(ShadowTrainerException.class)
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.BAD_DATA))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("left unchanged")
                .hasMessageNotContaining("\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void fileOfAnotherActionSpaceOrWithBadStatesIsRefused() throws IOException {
        Path file = dir.resolve("v2.json");
        TabularAgent<SizingActions> v2 = TabularAgent.positionSizingV2(SizingActions.V2, TabularAgent.Settings.v2(1), file);
        v2.learn("some|state", 0, 1.0, null);
        v2.save();
        assertThatThrownBy(() -> new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(1), file))
                .isInstanceOf(ShadowTrainerException.class)
                .hasMessageContaining("'v2' (56), not of 'v1' (25)");

        Path badState = dir.resolve("bad-state.json");
        QTable t = new QTable(25);
        t.set("sideways|high|light|good", 0, 1.0);
        QTableFile.save(badState, new QTableSnapshot(PositionSizingAgentV1.AGENT, "v1", keys(), t.rows(),
                java.util.List.of(), new QMetadata(0.15, 0, 0.1, 0.5, 1, 0, null)));
        assertThatThrownBy(() -> new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(1), badState))
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.BAD_DATA))
                .hasMessageContaining("not a v1 sizing state key");
    }

    @Test
    void unreadableFileIsExitCode3() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("a-folder.json"));
        assertThatThrownBy(() -> new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(1), folder))
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.BAD_DATA))
                .hasMessageContaining("cannot read Q-table file");
    }

    @Test
    void unwritableFolderIsExitCode4() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        PositionSizingAgentV1 agent = new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(1),
                notAFolder.resolve("sizing.json"));
        agent.learn(agent.decide(SizingStateV1.of(AtrAdxRegime.NEUTRAL, 0.5, 0.5, 0.5)), 1, 1, 0, T0);
        assertThatThrownBy(agent::save)
                .satisfies(e -> assertThat(((ShadowTrainerException) e).exitCode()).isEqualTo(ExitCodes.STORAGE))
                .hasMessageContaining("cannot write");
    }

    @Test
    void sameSeedSameDecisions() {
        PositionSizingAgentV1 a = new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(5));
        PositionSizingAgentV1 b = new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(5));
        PositionSizingAgentV1 c = new PositionSizingAgentV1(PositionSizingAgentV1.Settings.defaults(6));
        SizingStateV1 s = SizingStateV1.of(AtrAdxRegime.LOW_VOL_RANGING, 0.6, 0.2, 0.5);
        boolean differs = false;
        for (int i = 0; i < 200; i++) {
            SizingDecision da = a.decide(s);
            assertThat(b.decide(s)).isEqualTo(da);
            differs |= !c.decide(s).equals(da);
            a.learn(da, i % 3 - 1, 1, 0.1, T0);
            b.learn(da, i % 3 - 1, 1, 0.1, T0);
        }
        assertThat(differs).isTrue();
        assertThat(a.snapshot().qTable().get(s.key())).containsExactly(b.snapshot().qTable().get(s.key()));
    }
}
