package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.quantlens.model.Graph;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Node;
import java.nio.file.Path;
import java.util.ArrayList;
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
    return new Graph(nodes);
  }

  /**
   * The serialized model with every node output also listed as a graph output (by name only: ONNX
   * Runtime infers the types). Tensors stored in external data files stay there.
   */
  public static byte[] withEveryValueAsOutput(Path onnxFile) throws ModelFormatException {
    ModelProto model = OnnxProtoParser.parse(onnxFile);
    GraphProto graph = model.getGraph();
    Set<String> listed = new HashSet<>();
    for (ValueInfoProto output : graph.getOutputList()) {
      listed.add(output.getName());
    }
    GraphProto.Builder rewritten = graph.toBuilder();
    for (NodeProto node : graph.getNodeList()) {
      for (String output : node.getOutputList()) {
        if (!output.isEmpty() && listed.add(output)) {
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
