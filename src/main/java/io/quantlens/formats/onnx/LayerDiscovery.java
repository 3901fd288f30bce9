package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the weight-bearing nodes of a graph (Conv, ConvTranspose, Gemm, MatMul, Gather) whose
 * weight is a float initializer, directly or through a DequantizeLinear, and turns each into a
 * {@link Layer} with its output-channel axis and bias.
 */
final class LayerDiscovery {
  private final GraphProto graph;
  private final Function<String, Tensor> weights;
  private final Map<String, Integer> consumers = new HashMap<>();
  private final Map<String, NodeProto> onlyConsumer = new HashMap<>();

  /**
   * @param weights maps a value name to the float (or dequantized) tensor it carries, or null
   */
  LayerDiscovery(GraphProto graph, Function<String, Tensor> weights) {
    this.graph = graph;
    this.weights = weights;
    for (NodeProto node : graph.getNodeList()) {
      for (String input : node.getInputList()) {
        if (consumers.merge(input, 1, Integer::sum) == 1) {
          onlyConsumer.put(input, node);
        }
      }
    }
    for (ValueInfoProto output : graph.getOutputList()) {
      consumers.merge(output.getName(), 1, Integer::sum);
    }
  }

  static boolean isDefaultDomain(NodeProto node) {
    return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
  }

  /** The layers in graph node order. */
  List<Layer> layers() {
    List<Layer> layers = new ArrayList<>();
    for (NodeProto node : graph.getNodeList()) {
      if (!isDefaultDomain(node)) {
        continue;
      }
      Layer layer =
          switch (node.getOpType()) {
            case "Conv" -> layer(node, input(node, 1), input(node, 2), 0);
            case "ConvTranspose" -> layer(node, input(node, 1), input(node, 2), 1);
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Gather" -> gather(node);
            default -> null;
          };
      if (layer != null) {
        layers.add(layer);
      }
    }
    return layers;
  }

  private Layer gemm(NodeProto node) {
    Tensor b = input(node, 1);
    if (b != null) {
      return layer(node, b, input(node, 2), attribute(node, "transB") == 1 ? 0 : 1);
    }
    Tensor a = input(node, 0);
    return layer(node, a, null, attribute(node, "transA") == 1 ? 1 : 0);
  }

  private Layer matMul(NodeProto node) {
    Tensor b = input(node, 1);
    if (b != null) {
      int axis = Math.max(0, b.rank() - 1);
      return layer(node, b, b.rank() >= 2 ? addedBias(node, b.dim(axis)) : null, axis);
    }
    return layer(node, input(node, 0), null, 0);
  }

  private Layer gather(NodeProto node) {
    Tensor table = input(node, 0);
    if (table == null || table.rank() != 2) {
      return null;
    }
    return layer(node, table, null, 0);
  }

  /** The bias of a MatMul whose only consumer is an Add of a 1-D tensor of length {@code n}. */
  private Tensor addedBias(NodeProto matMul, long n) {
    if (matMul.getOutputCount() != 1) {
      return null;
    }
    String output = matMul.getOutput(0);
    if (consumers.getOrDefault(output, 0) != 1) {
      return null;
    }
    NodeProto add = onlyConsumer.get(output);
    if (add == null
        || !add.getOpType().equals("Add")
        || !isDefaultDomain(add)
        || add.getInputCount() != 2) {
      return null;
    }
    String other = add.getInput(0).equals(output) ? add.getInput(1) : add.getInput(0);
    Tensor bias = weights.apply(other);
    return bias != null && bias.rank() == 1 && bias.dim(0) == n ? bias : null;
  }

  private Layer layer(NodeProto node, Tensor weight, Tensor bias, int channelAxis) {
    if (weight == null) {
      return null;
    }
    int axis = Math.min(channelAxis, Math.max(0, weight.rank() - 1));
    String name = node.getName().isEmpty() ? weight.name() : node.getName();
    return new Layer(name, node.getOpType(), weight, bias, axis);
  }

  /** The float (or dequantized) tensor at input {@code i}, or null. */
  private Tensor input(NodeProto node, int i) {
    if (i >= node.getInputCount() || node.getInput(i).isEmpty()) {
      return null;
    }
    return weights.apply(node.getInput(i));
  }

  private static long attribute(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getI();
      }
    }
    return 0;
  }
}
