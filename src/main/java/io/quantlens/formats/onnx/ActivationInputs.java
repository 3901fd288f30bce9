package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.formats.onnx.LayerDiscovery.Use;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The float data inputs of the nodes that use a layer's weight: the edges whose activation the
 * layer reads, which activation quantization rewrites.
 */
final class ActivationInputs {
  /** Operators whose one float data input multiplies the weight. */
  private static final Set<String> OPS =
      Set.of(
          "Conv",
          "ConvTranspose",
          "Gemm",
          "MatMul",
          Nodes.MICROSOFT + ".FusedConv",
          Nodes.MICROSOFT + ".FusedMatMul");

  /**
   * One node input to quantize.
   *
   * @param value the value the node reads there
   */
  record Edge(GraphScope scope, NodeProto node, int input, String value) {}

  private ActivationInputs() {}

  /** The edges of {@code uses}, each node once; empty when no use has one. */
  static List<Edge> edges(List<Use> uses) {
    List<Edge> edges = new ArrayList<>();
    for (Use use : uses) {
      int input = dataInput(use);
      if (input >= 0 && edges.stream().noneMatch(e -> e.node() == use.node())) {
        edges.add(new Edge(use.scope(), use.node(), input, use.node().getInput(input)));
      }
    }
    return edges;
  }

  /** Why no input of {@code uses} can be quantized, or empty when some can. */
  static Optional<String> refusal(List<Use> uses) {
    if (!edges(uses).isEmpty()) {
      return Optional.empty();
    }
    Use first = uses.get(0);
    String op = Nodes.qualifiedOp(first.node());
    if (!OPS.contains(op)) {
      return Optional.of(
          op.equals("Gather")
              ? "a Gather layer reads integer indices, not an activation"
              : "the input of " + op + " is not rewritten (only Conv, Gemm and MatMul inputs are)");
    }
    String value = Nodes.input(first.node(), otherInput(first));
    if (first.scope().define(value) != null && first.scope().define(value).stored()) {
      return Optional.of("both inputs of its " + op + " are stored tensors");
    }
    return Optional.of("its input '" + value + "' is already quantized in the file");
  }

  /** The index of the node's float data input, or −1 when it has none to quantize. */
  private static int dataInput(Use use) {
    NodeProto node = use.node();
    if (!OPS.contains(Nodes.qualifiedOp(node))) {
      return -1;
    }
    int input = otherInput(use);
    String value = Nodes.input(node, input);
    if (value.isEmpty()) {
      return -1;
    }
    GraphScope.Definition definition = use.scope().define(value);
    if (definition != null && definition.stored()) {
      return -1;
    }
    NodeProto producer = definition == null ? null : definition.producer();
    if (producer != null && producer.getOpType().equals("DequantizeLinear")) {
      return -1;
    }
    return input;
  }

  private static int otherInput(Use use) {
    return use.input() == 0 ? 1 : 0;
  }
}
