package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to a parsed model's graphs, keyed by the very node and initializer objects of the parse,
 * so that the same edit finds its place in any subgraph; {@link #apply} rebuilds the graph tree
 * with them. Unchanged tensors keep aliasing the mapped file.
 */
final class GraphEdits {
  private final Map<NodeProto, List<NodeProto>> nodes = new IdentityHashMap<>();
  private final Map<TensorProto, TensorProto> initializers = new IdentityHashMap<>();
  private final Set<String> staleValueInfo = new HashSet<>();
  private final Map<NodeProto, List<NodeProto>> before = new IdentityHashMap<>();
  private final Map<NodeProto, Map<Integer, String>> rewired = new IdentityHashMap<>();
  private final List<ValueInfoProto> addedOutputs = new ArrayList<>();
  private final Map<NodeProto, String> renamedOutputs = new IdentityHashMap<>();
  private final Map<NodeProto, List<NodeProto>> after = new IdentityHashMap<>();

  /** Puts {@code replacement} (possibly empty) where {@code node} was. */
  void replace(NodeProto node, List<NodeProto> replacement) {
    nodes.put(node, List.copyOf(replacement));
  }

  void replace(TensorProto initializer, TensorProto replacement) {
    initializers.put(initializer, replacement);
  }

  /** Puts {@code added} just before {@code node}, in its graph. */
  void insertBefore(NodeProto node, List<NodeProto> added) {
    before.computeIfAbsent(node, k -> new ArrayList<>()).addAll(added);
  }

  /**
   * Makes {@code node} write {@code raw} as its first output and puts {@code added}, which must
   * compute the node's old first output from {@code raw}, right after it: every reader keeps its
   * input.
   */
  void interpose(NodeProto node, String raw, List<NodeProto> added) {
    renamedOutputs.put(node, raw);
    after.computeIfAbsent(node, k -> new ArrayList<>()).addAll(added);
  }

  /** Makes {@code node} read {@code value} as its input {@code input}. */
  void rewire(NodeProto node, int input, String value) {
    rewired.computeIfAbsent(node, k -> new HashMap<>()).put(input, value);
  }

  /** Adds {@code value} to the main graph's outputs (a float tensor of unknown shape). */
  void addMainOutput(String value) {
    addedOutputs.add(
        ValueInfoProto.newBuilder()
            .setName(value)
            .setType(
                TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(OnnxDataType.FLOAT)))
            .build());
  }

  /** The main graph with the edits and the added outputs. */
  GraphProto applyMain(GraphProto graph) {
    return apply(graph).toBuilder().addAllOutput(addedOutputs).build();
  }

  /** Forgets the declared type of a value whose type the edits change or that they remove. */
  void forgetValueInfo(String value) {
    staleValueInfo.add(value);
  }

  GraphProto apply(GraphProto graph) {
    GraphProto.Builder b = graph.toBuilder().clearInitializer().clearNode().clearValueInfo();
    for (TensorProto t : graph.getInitializerList()) {
      b.addInitializer(initializers.getOrDefault(t, t));
    }
    for (NodeProto node : graph.getNodeList()) {
      b.addAllNode(before.getOrDefault(node, List.of()));
      List<NodeProto> replacement = nodes.get(node);
      if (replacement != null) {
        b.addAllNode(replacement);
      } else {
        NodeProto edited = withBodies(rewired(node));
        String raw = renamedOutputs.get(node);
        b.addNode(raw == null ? edited : edited.toBuilder().setOutput(0, raw).build());
      }
      b.addAllNode(after.getOrDefault(node, List.of()));
    }
    for (ValueInfoProto info : graph.getValueInfoList()) {
      if (!staleValueInfo.contains(info.getName())) {
        b.addValueInfo(info);
      }
    }
    return b.build();
  }

  private NodeProto rewired(NodeProto node) {
    Map<Integer, String> inputs = rewired.get(node);
    if (inputs == null) {
      return node;
    }
    NodeProto.Builder b = node.toBuilder();
    inputs.forEach(b::setInput);
    return b.build();
  }

  private NodeProto withBodies(NodeProto node) {
    boolean hasBody = false;
    for (AttributeProto a : node.getAttributeList()) {
      hasBody |= a.hasG() || a.getGraphsCount() > 0;
    }
    if (!hasBody) {
      return node;
    }
    NodeProto.Builder b = node.toBuilder().clearAttribute();
    for (AttributeProto a : node.getAttributeList()) {
      AttributeProto.Builder edited = a.toBuilder();
      if (a.hasG()) {
        edited.setG(apply(a.getG()));
      }
      edited.clearGraphs();
      for (GraphProto body : a.getGraphsList()) {
        edited.addGraphs(apply(body));
      }
      b.addAttribute(edited);
    }
    return b.build();
  }

  /** A tensor of float type {@code dataType} holding {@code values}, rounded to that type. */
  static TensorProto floats(String name, long[] shape, int dataType, float[] values) {
    int width = dataType == OnnxDataType.DOUBLE ? 8 : dataType == OnnxDataType.FLOAT ? 4 : 2;
    ByteBuffer bytes = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      switch (dataType) {
        case OnnxDataType.FLOAT -> bytes.putFloat(v);
        case OnnxDataType.DOUBLE -> bytes.putDouble(v);
        case OnnxDataType.FLOAT16 -> bytes.putShort(HalfFloats.toFp16(v));
        case OnnxDataType.BFLOAT16 -> bytes.putShort(HalfFloats.toBf16(v));
        default ->
            throw new IllegalArgumentException(
                "cannot store values as " + OnnxDataType.name(dataType));
      }
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType);
    for (long d : shape) {
      t.addDims(d);
    }
    return t.setRawData(ByteString.copyFrom(bytes.flip())).build();
  }

  /** A 1-D INT64 tensor. */
  static TensorProto longs(String name, long[] values) {
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxDataType.INT64)
            .addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    return t.build();
  }

  /** A scalar INT8 or UINT8 tensor. */
  static TensorProto integers(String name, int dataType, int value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(dataType)
        .setRawData(ByteString.copyFrom(new byte[] {(byte) value}))
        .build();
  }

  /** A default-domain node with one output. */
  static NodeProto node(
      String name, String op, List<String> inputs, String output, List<AttributeProto> attributes) {
    return NodeProto.newBuilder()
        .setName(name)
        .setOpType(op)
        .addAllInput(inputs)
        .addOutput(output)
        .addAllAttribute(attributes)
        .build();
  }

  /** A Constant node that gives {@code output} the value {@code tensor}. */
  static NodeProto constant(String nodeName, String output, TensorProto tensor) {
    return NodeProto.newBuilder()
        .setName(nodeName)
        .setOpType("Constant")
        .addOutput(output)
        .addAttribute(
            AttributeProto.newBuilder()
                .setName("value")
                .setType(AttributeProto.AttributeType.TENSOR)
                .setT(tensor))
        .build();
  }
}
