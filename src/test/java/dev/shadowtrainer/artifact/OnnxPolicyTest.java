package dev.shadowtrainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.agent.ppo.ActorCritic;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;

/** The ONNX export computes what the DL4J network computes, run by ONNX Runtime. */
class OnnxPolicyTest {
    @Test
    void onnxRuntimeMatchesDl4jOnRandomObservations() throws Exception {
        ActorCritic network = ActorCritic.create(20, 6, new int[] {16, 12}, 42);
        // Larger weights than the fresh init's 0.01 logits gain, so the probabilities are far from uniform.
        network.graph().getLayer(ActorCritic.LOGITS).getParam("W").muli(300);
        byte[] onnx = OnnxPolicy.bytes(DenseTowers.of(network.graph()), "test", Map.of("model", "m"));
        float[] obs = OnnxTestSupport.randomObservations(64, 20, 7);
        OnnxTestSupport.assertSameOutputs(network, onnx, obs, 64);
        float[] logits = new float[64 * 6];
        network.forward(obs, 64, logits, new float[64]);
        double maxP = 0;
        for (int r = 0; r < 64; r++) {
            maxP = Math.max(maxP, ActorCritic.probability(logits, r, 6, null, ActorCritic.argmaxAction(logits, r, 6, null)));
        }
        assertThat(maxP).as("a test whose probabilities are all 1/6 would prove little").isGreaterThan(0.5);
    }

    @Test
    void theModelDeclaresItsOpsetInputAndOutputs() throws Exception {
        ActorCritic network = ActorCritic.create(12, 6, new int[] {8}, 3);
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(OnnxPolicy.bytes(DenseTowers.of(network.graph()), "0.1.0",
                Map.of("model", "abc")));
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(OnnxPolicy.OPSET);
        assertThat(model.getGraph().getInput(0).getName()).isEqualTo(OnnxPolicy.INPUT);
        assertThat(model.getGraph().getOutputList()).extracting(Onnx.ValueInfoProto::getName)
                .containsExactly(OnnxPolicy.LOGITS, OnnxPolicy.PROBABILITIES, OnnxPolicy.VALUE);
        assertThat(model.getGraph().getNodeList()).extracting(Onnx.NodeProto::getOpType)
                .containsExactly("Gemm", "Tanh", "Gemm", "Softmax", "Gemm", "Tanh", "Gemm");
        assertThat(model.getMetadataProps(0).getValue()).isEqualTo("abc");
    }

    @Test
    void aGraphThatIsNotChainsOfDenseLayersIsRefused() {
        ActorCritic network = ActorCritic.create(12, 6, new int[] {8}, 3);
        network.graph().getConfiguration().getVertexInputs().put(ActorCritic.LOGITS, java.util.List.of("critic_0",
                "actor_0"));
        assertThatThrownBy(() -> DenseTowers.of(network.graph())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must have one input");
    }
}
