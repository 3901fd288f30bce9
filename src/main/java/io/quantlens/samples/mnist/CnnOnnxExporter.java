package io.quantlens.samples.mnist;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained {@link CnnWeights} as an ONNX model (IR 8, opset 13) that takes raw uint8
 * pixels: {@code image} [N,1,28,28] → Cast → Mul 1/255 → conv1 → Relu → MaxPool → conv2 → Relu →
 * MaxPool → Flatten → fc1 → Relu → fc2 → {@code logits} [N,10].
 */
public final class CnnOnnxExporter {
  /** The pixel scale, applied in float32 both here and in the Java forward pass. */
  public static final float INPUT_SCALE = 1f / 255f;

  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  private static final int UINT8 = TensorProto.DataType.UINT8_VALUE;

  private CnnOnnxExporter() {}

  /**
   * The model; {@code metadata} becomes its {@code metadata_props} in the given order (use an
   * ordered map for reproducible bytes).
   */
  public static ModelProto toModel(CnnWeights weights, Map<String, String> metadata) {
    CnnArchitecture a = weights.architecture();
    int size = CnnArchitecture.IMAGE_SIZE;
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .setName("mnist-cnn")
            .addInput(valueInfo("image", UINT8, "N", 1L, (long) size, (long) size))
            .addOutput(valueInfo("logits", FLOAT, "N", (long) CnnArchitecture.CLASSES))
            .addInitializer(floats("input_scale", new long[0], new float[] {INPUT_SCALE}, 0, 1));
    for (CnnArchitecture.Block b : a.blocks()) {
      g.addInitializer(floats(b.name(), b.shape(), weights.raw(), b.offset(), b.size()));
    }
    long k = CnnArchitecture.KERNEL;
    g.addNode(node("Cast", "to_float", List.of("image"), "image_float", intAttr("to", FLOAT)))
        .addNode(node("Mul", "scale", List.of("image_float", "input_scale"), "pixels"))
        .addNode(
            node(
                "Conv",
                "conv1",
                List.of("pixels", "conv1.weight", "conv1.bias"),
                "conv1_out",
                intsAttr("kernel_shape", k, k)))
        .addNode(node("Relu", "relu1", List.of("conv1_out"), "relu1_out"))
        .addNode(maxPool("pool1", "relu1_out", "pool1_out"))
        .addNode(
            node(
                "Conv",
                "conv2",
                List.of("pool1_out", "conv2.weight", "conv2.bias"),
                "conv2_out",
                intsAttr("kernel_shape", k, k)))
        .addNode(node("Relu", "relu2", List.of("conv2_out"), "relu2_out"))
        .addNode(maxPool("pool2", "relu2_out", "pool2_out"))
        .addNode(node("Flatten", "flatten", List.of("pool2_out"), "flat", intAttr("axis", 1)))
        .addNode(
            node(
                "Gemm",
                "fc1",
                List.of("flat", "fc1.weight", "fc1.bias"),
                "fc1_out",
                intAttr("transB", 1)))
        .addNode(node("Relu", "relu3", List.of("fc1_out"), "relu3_out"))
        .addNode(
            node(
                "Gemm",
                "fc2",
                List.of("relu3_out", "fc2.weight", "fc2.bias"),
                "logits",
                intAttr("transB", 1)));
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("quantlens-samples")
            .setProducerVersion("1")
            .setDocString(
                "Small CNN for 28x28 MNIST digits; input raw uint8 pixels, output logits (no"
                    + " softmax).")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
            .setGraph(g);
    metadata.forEach(
        (key, value) ->
            model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build();
  }

  public static void write(CnnWeights weights, Map<String, String> metadata, Path file)
      throws IOException {
    byte[] bytes = toModel(weights, metadata).toByteArray();
    AtomicWrite.writeStream(file, out -> out.write(bytes));
  }

  private static NodeProto maxPool(String name, String input, String output) {
    return node(
        "MaxPool",
        name,
        List.of(input),
        output,
        intsAttr("kernel_shape", 2, 2),
        intsAttr("strides", 2, 2));
  }

  private static NodeProto node(
      String op, String name, List<String> inputs, String output, AttributeProto... attributes) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(inputs)
        .addOutput(output)
        .addAllAttribute(List.of(attributes))
        .build();
  }

  private static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  private static AttributeProto intsAttr(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static TensorProto floats(String name, long[] dims, float[] values, int from, int count) {
    ByteBuffer raw = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      raw.putFloat(values[from + i]);
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
    for (long d : dims) {
      t.addDims(d);
    }
    return t.setRawData(ByteString.copyFrom(raw.array())).build();
  }

  /** A tensor value; each dim is a Long (fixed size) or a String (symbolic). */
  private static ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Long n) {
        dim.setDimValue(n);
      } else {
        dim.setDimParam((String) d);
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
        .build();
  }
}
