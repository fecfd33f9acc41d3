package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActorCriticTest {
    private static float[] observations(int rows, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] obs = new float[rows * size];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) random.nextGaussian();
        }
        return obs;
    }

    @Test
    void oneBatchedForwardGivesLogitsAndValuesOfEveryRow() {
        ActorCritic net = ActorCritic.create(5, 3, new int[] {16, 8}, 42);
        int rows = 7;
        float[] obs = observations(rows, 5, 1);
        float[] logits = new float[rows * 3];
        float[] values = new float[rows];
        net.forward(obs, rows, logits, values);

        INDArray[] expected = net.graph().output(Nd4j.create(obs, new long[] {rows, 5}, 'c'));
        for (int r = 0; r < rows; r++) {
            for (int a = 0; a < 3; a++) {
                assertThat(logits[r * 3 + a]).isEqualTo(expected[0].getFloat(r, a));
            }
            assertThat(values[r]).isEqualTo(expected[1].getFloat(r, 0));
            // a single row gives the same numbers as the batch
            float[] oneLogits = new float[3];
            float[] oneValue = new float[1];
            net.forward(java.util.Arrays.copyOfRange(obs, r * 5, r * 5 + 5), 1, oneLogits, oneValue);
            assertThat(oneLogits).containsExactly(new float[] {logits[r * 3], logits[r * 3 + 1], logits[r * 3 + 2]},
                    within(1e-6f));
            assertThat(oneValue[0]).isCloseTo(values[r], within(1e-6f));
        }
        assertThat(net.observationSize()).isEqualTo(5);
        assertThat(net.actionCount()).isEqualTo(3);
        assertThat(net.graph().params().dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void initialisationIsOrthogonalWithCleanRlGainsAndSeeded() {
        ActorCritic net = ActorCritic.create(4, 2, new int[] {64, 64}, 7);
        INDArray hidden = net.graph().getLayer("actor_1").getParam("W").castTo(DataType.DOUBLE);
        INDArray gram = hidden.transpose().mmul(hidden);
        assertThat(gram.sub(Nd4j.eye(64).castTo(DataType.DOUBLE).muli(2)).amaxNumber().doubleValue())
                .isLessThan(1e-5);
        INDArray first = net.graph().getLayer("critic_0").getParam("W").castTo(DataType.DOUBLE); // 4 x 64
        assertThat(first.mmul(first.transpose()).sub(Nd4j.eye(4).castTo(DataType.DOUBLE).muli(2))
                .amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(net.graph().getLayer("logits").getParam("W").norm2Number().doubleValue())
                .isCloseTo(0.01 * Math.sqrt(2), within(1e-6)); // 64 x 2, orthonormal columns times 0.01
        assertThat(net.graph().getLayer("value").getParam("W").norm2Number().doubleValue()).isCloseTo(1, within(1e-6));
        assertThat(net.graph().getLayer("actor_0").getParam("b").amaxNumber().doubleValue()).isZero();

        assertThat(ActorCritic.create(4, 2, new int[] {64, 64}, 7).params()).isEqualTo(net.params());
        assertThat(ActorCritic.create(4, 2, new int[] {64, 64}, 8).params()).isNotEqualTo(net.params());
    }

    @Test
    void seedZeroIsRejected() {
        assertThatThrownBy(() -> ActorCritic.create(4, 2, new int[] {8}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
    }

    @Test
    void savedAndRestoredWithModelSerializerGivesTheSameOutputs(@TempDir Path dir) throws Exception {
        ActorCritic net = ActorCritic.create(6, 4, new int[] {32, 32}, 3);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net.graph(), file, false);
        ActorCritic restored = ActorCritic.of(ModelSerializer.restoreComputationGraph(file));

        assertThat(restored.observationSize()).isEqualTo(6);
        assertThat(restored.actionCount()).isEqualTo(4);
        assertThat(restored.params()).isEqualTo(net.params());
        float[] obs = observations(5, 6, 9);
        float[] logitsA = new float[20];
        float[] logitsB = new float[20];
        float[] valuesA = new float[5];
        float[] valuesB = new float[5];
        net.forward(obs, 5, logitsA, valuesA);
        restored.forward(obs, 5, logitsB, valuesB);
        assertThat(logitsB).isEqualTo(logitsA);
        assertThat(valuesB).isEqualTo(valuesA);
    }

    @Test
    void greedyActionIsTheBestAllowedOneWithItsMaskedProbability() {
        float[] logits = {1f, 3f, 2f, 0.5f, -1f, 0.5f};
        boolean[] allowed = {true, false, true, true, true, true};
        assertThat(ActorCritic.argmaxAction(logits, 0, 3, null)).isEqualTo(1);
        assertThat(ActorCritic.argmaxAction(logits, 0, 3, allowed)).isEqualTo(2);
        assertThat(ActorCritic.argmaxAction(logits, 1, 3, allowed)).isEqualTo(0); // tie: lowest index
        assertThat(ActorCritic.probability(logits, 0, 3, allowed, 2)).isCloseTo(Math.exp(2) / (Math.exp(1) + Math.exp(2)),
                within(1e-12));
        assertThat(ActorCritic.probability(logits, 0, 3, allowed, 1)).isZero();

        ActorCritic net = ActorCritic.create(3, 3, new int[] {8}, 5);
        float[] obs = observations(4, 3, 2);
        boolean[] mask = new boolean[12];
        for (int r = 0; r < 4; r++) {
            mask[r * 3 + r % 3] = true; // one allowed action per row
        }
        int[] actions = new int[4];
        float[] probabilities = new float[4];
        net.greedy(obs, 4, mask, actions, probabilities);
        for (int r = 0; r < 4; r++) {
            assertThat(actions[r]).isEqualTo(r % 3);
            assertThat(probabilities[r]).isEqualTo(1f);
        }
    }

    /** The external-gradient path: feedForward(train) + backpropGradient agrees with finite differences. */
    @Test
    void backpropOfExternalOutputGradientsMatchesFiniteDifferences() {
        ActorCritic net = ActorCritic.create(3, 2, new int[] {8, 8}, 21);
        ComputationGraph graph = net.graph();
        INDArray input = Nd4j.create(observations(5, 3, 4), new long[] {5, 3}, 'c');
        INDArray c1 = Nd4j.create(observations(5, 2, 5), new long[] {5, 2}, 'c');
        INDArray c2 = Nd4j.create(observations(5, 1, 6), new long[] {5, 1}, 'c');
        Map<String, INDArray> activations = graph.feedForward(new INDArray[] {input}, true, false);
        assertThat(activations).containsKeys(ActorCritic.LOGITS, ActorCritic.VALUE);
        graph.backpropGradient(c1, c2); // d(sum(c1 * logits) + sum(c2 * value)) / d outputs
        double[] gradient = graph.getFlattenedGradients().dup().castTo(DataType.DOUBLE).data().asDouble();
        INDArray params = graph.params();
        double eps = 1e-2;
        for (int k = 0; k < gradient.length; k += 7) {
            double original = params.getDouble(k);
            params.putScalar(k, original + eps);
            double plus = linear(graph, input, c1, c2);
            params.putScalar(k, original - eps);
            double minus = linear(graph, input, c1, c2);
            params.putScalar(k, original);
            assertThat(gradient[k]).as("parameter %d", k).isCloseTo((plus - minus) / (2 * eps), within(2e-3));
        }
    }

    private static double linear(ComputationGraph graph, INDArray input, INDArray c1, INDArray c2) {
        INDArray[] out = graph.output(input);
        return out[0].castTo(DataType.DOUBLE).mul(c1.castTo(DataType.DOUBLE)).sumNumber().doubleValue()
                + out[1].castTo(DataType.DOUBLE).mul(c2.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }
}
