package dev.shadowtrainer.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import onnx.Onnx;

/**
 * Writes the actor-critic as an ONNX model, node by node from its weights, with the ONNX protobuf
 * classes that ship in nd4j-api ({@code onnx.Onnx}).
 *
 * <p>The graph: one input {@value #INPUT}, float32 [batch, state_dim]; per dense layer a {@code Gemm}
 * (x W + b, W as DL4J stores it, [nIn x nOut]) then its activation ({@code Tanh}, {@code Relu},
 * {@code Sigmoid}, none for identity); three outputs: {@value #LOGITS} [batch, actions] (the actor's
 * raw scores), {@value #PROBABILITIES} [batch, actions] ({@code Softmax} over the actions, unmasked) and
 * {@value #VALUE} [batch, 1] (the critic). Opset {@value #OPSET} (Softmax normalises along one axis from
 * that opset on, as the network means), IR version {@value #IR_VERSION}; both run on ONNX Runtime.
 */
public final class OnnxPolicy {
    public static final String INPUT = "obs";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    public static final String VALUE = "value";
    public static final int OPSET = 13;
    public static final int IR_VERSION = 7;
    private static final String BATCH = "batch";

    private OnnxPolicy() {
    }

    /**
     * The ONNX model of {@code towers} as bytes.
     *
     * @param metadata key-value pairs stored in the model's metadata_props (e.g. the model name)
     */
    public static byte[] bytes(DenseTowers towers, String producerVersion, Map<String, String> metadata) {
        Objects.requireNonNull(towers, "towers is null");
        Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName("shadow_trainer_policy");
        graph.addInput(valueInfo(INPUT, towers.inputSize()));
        tower(graph, "actor", towers.actor(), LOGITS);
        graph.addNode(Onnx.NodeProto.newBuilder().setName("softmax").setOpType("Softmax").addInput(LOGITS)
                .addOutput(PROBABILITIES).addAttribute(Onnx.AttributeProto.newBuilder().setName("axis")
                        .setType(Onnx.AttributeProto.AttributeType.INT).setI(-1)));
        tower(graph, "critic", towers.critic(), VALUE);
        graph.addOutput(valueInfo(LOGITS, towers.actionCount()));
        graph.addOutput(valueInfo(PROBABILITIES, towers.actionCount()));
        graph.addOutput(valueInfo(VALUE, 1));

        Onnx.ModelProto.Builder model = Onnx.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .setProducerName("shadow-trainer").setProducerVersion(producerVersion)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph);
        metadata.forEach((k, v) -> model.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k)
                .setValue(v)));
        return model.build().toByteArray();
    }

    /** The layers of one tower, from the input to {@code output}; its last layer writes {@code output}. */
    private static void tower(Onnx.GraphProto.Builder graph, String prefix, List<DenseTowers.Dense> layers,
                              String output) {
        String previous = INPUT;
        for (int i = 0; i < layers.size(); i++) {
            DenseTowers.Dense d = layers.get(i);
            boolean last = i == layers.size() - 1;
            String id = prefix + "_" + i;
            String w = id + ".W";
            String b = id + ".b";
            graph.addInitializer(tensor(w, d.weights(), d.nIn(), d.nOut()));
            graph.addInitializer(tensor(b, d.bias(), d.nOut()));
            boolean activated = !d.activation().equals("identity");
            String gemmOut = last && !activated ? output : id + ".z";
            graph.addNode(Onnx.NodeProto.newBuilder().setName(id + ".gemm").setOpType("Gemm").addInput(previous)
                    .addInput(w).addInput(b).addOutput(gemmOut));
            previous = gemmOut;
            if (activated) {
                String activationOut = last ? output : id + ".a";
                graph.addNode(Onnx.NodeProto.newBuilder().setName(id + "." + d.activation())
                        .setOpType(opType(d.activation())).addInput(previous).addOutput(activationOut));
                previous = activationOut;
            }
        }
    }

    private static String opType(String activation) {
        return switch (activation) {
            case "tanh" -> "Tanh";
            case "relu" -> "Relu";
            case "sigmoid" -> "Sigmoid";
            default -> throw new IllegalArgumentException("no ONNX operator for activation " + activation);
        };
    }

    private static Onnx.TensorProto tensor(String name, float[] values, long... dims) {
        List<Float> data = new ArrayList<>(values.length);
        for (float v : values) {
            data.add(v);
        }
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).addAllFloatData(data);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float32 [batch, width] tensor description. */
    private static Onnx.ValueInfoProto valueInfo(String name, int width) {
        Onnx.TensorShapeProto shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))).build();
    }
}
