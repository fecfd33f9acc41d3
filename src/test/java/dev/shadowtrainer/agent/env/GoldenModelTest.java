package dev.shadowtrainer.agent.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowtrainer.agent.ppo.ActorCritic;
import dev.shadowtrainer.model.LoadedModel;
import dev.shadowtrainer.model.ModelStore;
import dev.shadowtrainer.pipeline.PpoPolicyTrainer;
import dev.shadowtrainer.report.TradesCsv;
import dev.shadowtrainer.sim.SimulationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved agent, loaded from disk (checksums verified) and acting greedily on the same data, makes
 * exactly the out-of-sample trades it made when it was trained and saved (see {@link GoldenModel}).
 */
class GoldenModelTest {
    @TempDir
    Path dir;

    @Test
    void aLoadedAgentReproducesItsOutOfSampleTradesExactly() throws IOException {
        LoadedModel model = new ModelStore(GoldenModel.RESOURCES, Clock.systemUTC()).load(GoldenModel.NAME);
        ActorCritic network = ActorCritic.of(model.graph(PpoPolicyTrainer.NETWORK));
        SimulationResult run = GoldenModel.testRun(GoldenModel.simulator(),
                new NetworkPolicy(PpoPolicyTrainer.NAME, network));

        Path actual = dir.resolve("trades.csv");
        TradesCsv.write(actual, run.trades());
        List<String> expected = Files.readAllLines(GoldenModel.RESOURCES.resolve(GoldenModel.TRADES));
        assertThat(expected).hasSizeGreaterThan(5); // a header and a handful of trades at least
        assertThat(Files.readAllLines(actual)).containsExactlyElementsOf(expected);
        assertThat(model.metadata().metrics().get("oos_trades").intValue()).isEqualTo(run.trades().size());
    }
}
