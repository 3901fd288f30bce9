package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.quantlens.model.Graph;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Node;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX model's graph structure, and rewrites a model so that ONNX Runtime reports every
 * intermediate value. The file is memory-mapped and parsed without copying tensor bytes.
 */
public final class OnnxGraphReader {
  private OnnxGraphReader() {}

  /** The top-level nodes of the model's graph, in stored order. */
  public static Graph read(Path onnxFile) throws ModelFormatException {
    GraphProto graph = OnnxProtoParser.parse(onnxFile).getGraph();
    List<Node> nodes = new ArrayList<>(graph.getNodeCount());
    for (NodeProto node : graph.getNodeList()) {
      nodes.add(
          new Node(
              node.getName(),
              node.getOpType(),
              node.getInputList(),
              node.getOutputList(),
              attributes(node)));
    }
    Map<String, long[]> smallIntegers = new HashMap<>();
    for (TensorProto t : graph.getInitializerList()) {
      long[] values = smallIntegers(t);
      if (values != null) {
        smallIntegers.put(t.getName(), values);
      }
    }
    Map<String, long[]> constantShapes = new HashMap<>();
    for (NodeProto node : graph.getNodeList()) {
      TensorProto value =
          node.getOutputCount() == 1 ? WeightResolver.constantValue(node, node.getOutput(0)) : null;
      long[] values = value == null ? null : smallIntegers(value);
      if (values != null) {
        smallIntegers.put(node.getOutput(0), values);
        constantShapes.put(
            node.getOutput(0), value.getDimsList().stream().mapToLong(Long::longValue).toArray());
      }
    }
    return new Graph(nodes, smallIntegers, constantShapes);
  }

  /** An INT64 / INT32 initializer's elements when it has few and keeps them in the file. */
  private static long[] smallIntegers(TensorProto t) {
    long count = 1;
    for (long d : t.getDimsList()) {
      count *= d;
    }
    boolean int64 = t.getDataType() == OnnxDataType.INT64;
    if (!(int64 || t.getDataType() == OnnxDataType.INT32)
        || count > Graph.SMALL_INTEGER_ELEMENTS
        || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return null;
    }
    long[] values = new long[(int) count];
    if (!t.getRawData().isEmpty()) {
      ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      if (raw.remaining() != count * (int64 ? 8 : 4)) {
        return null;
      }
      for (int i = 0; i < count; i++) {
        values[i] = int64 ? raw.getLong() : raw.getInt();
      }
      return values;
    }
    int stored = int64 ? t.getInt64DataCount() : t.getInt32DataCount();
    if (stored != count) {
      return null;
    }
    for (int i = 0; i < count; i++) {
      values[i] = int64 ? t.getInt64Data(i) : t.getInt32Data(i);
    }
    return values;
  }

  /**
   * The serialized model with every node output also listed as a graph output (by name only: ONNX
   * Runtime infers the types). Tensors stored in external data files stay there.
   */
  public static byte[] withEveryValueAsOutput(Path onnxFile) throws ModelFormatException {
    return withValuesAsOutputs(onnxFile, null);
  }

  /**
   * The serialized model with the named node outputs also listed as graph outputs, so that ONNX
   * Runtime keeps only those (and the model's own outputs) to the end of a run.
   *
   * @param values node outputs to list; {@code null} for every node output
   */
  public static byte[] withValuesAsOutputs(Path onnxFile, Collection<String> values)
      throws ModelFormatException {
    ModelProto model = OnnxProtoParser.parse(onnxFile);
    GraphProto graph = model.getGraph();
    Set<String> wanted = values == null ? null : new HashSet<>(values);
    Set<String> listed = new HashSet<>();
    for (ValueInfoProto output : graph.getOutputList()) {
      listed.add(output.getName());
    }
    GraphProto.Builder rewritten = graph.toBuilder();
    for (NodeProto node : graph.getNodeList()) {
      for (String output : node.getOutputList()) {
        if (!output.isEmpty()
            && (wanted == null || wanted.contains(output))
            && listed.add(output)) {
          rewritten.addOutput(ValueInfoProto.newBuilder().setName(output));
        }
      }
    }
    return model.toBuilder().setGraph(rewritten).build().toByteArray();
  }

  private static Map<String, Object> attributes(NodeProto node) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (AttributeProto a : node.getAttributeList()) {
      Object value =
          switch (a.getType()) {
            case INT -> a.getI();
            case FLOAT -> (double) a.getF();
            case STRING -> a.getS().toStringUtf8();
            case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            case FLOATS -> a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
            default -> null;
          };
      if (value != null) {
        values.put(a.getName(), value);
      }
    }
    return values;
  }
}
