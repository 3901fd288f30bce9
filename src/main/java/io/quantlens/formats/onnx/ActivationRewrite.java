package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.onnx.LayerDiscovery.Use;
import java.util.List;
import java.util.Optional;

/**
 * The nodes that quantize one layer's input activations: for each edge the layer reads, an optional
 * division by SmoothQuant's factors, then the round trip of its scheme, rewired into the layer's
 * node (docs/activations.md#simulation).
 */
final class ActivationRewrite {
  private ActivationRewrite() {}

  /**
   * Adds the nodes for {@code uses}' edges to {@code edits}, names starting with {@code prefix}.
   */
  static void apply(
      List<Use> uses, ActivationQuant quant, int opset, String prefix, GraphEdits edits) {
    float[] smoothing = quant.smoothing();
    int k = 0;
    for (ActivationInputs.Edge edge : ActivationInputs.edges(uses)) {
      String edgePrefix = prefix + (k++) + "/";
      String input = edge.value();
      if (smoothing != null) {
        edits.insertBefore(edge.node(), divided(input, smoothing, edgePrefix));
        input = edgePrefix + "smoothed";
      }
      edits.insertBefore(
          edge.node(),
          FakeQuantNodes.roundTrip(input, edgePrefix + "out", quant, opset, edgePrefix));
      edits.rewire(edge.node(), edge.input(), edgePrefix + "out");
    }
  }

  /** X / s, s broadcast along X's last axis. */
  private static List<NodeProto> divided(String input, float[] smoothing, String prefix) {
    TensorProto s =
        GraphEdits.floats(
            prefix + "s",
            new long[] {smoothing.length},
            TensorProto.DataType.FLOAT_VALUE,
            smoothing);
    return List.of(
        GraphEdits.constant(prefix + "s", prefix + "s", s),
        GraphEdits.node(
            prefix + "smooth",
            "Div",
            List.of(input, prefix + "s"),
            prefix + "smoothed",
            List.of()));
  }

  /**
   * Why SmoothQuant cannot move {@code uses}' input scale into the weight, or empty when it can:
   * one MatMul (weight second) or Gemm (input not transposed) of the main graph reading a weight of
   * rank 2, so that the input's last axis is the one the weight's rows reduce over.
   */
  static Optional<String> smoothingRefusal(List<Use> uses) {
    if (uses.size() != 1 || !uses.get(0).scope().isMain()) {
      return Optional.of("its weight is read by " + uses.size() + " nodes, not one");
    }
    Use use = uses.get(0);
    String op = Nodes.qualifiedOp(use.node());
    if (!op.equals("MatMul") && !op.equals("Gemm")) {
      return Optional.of("it is a " + op + ", not a MatMul or Gemm");
    }
    if (use.input() != 1) {
      return Optional.of("its weight is the first factor of the product");
    }
    if (op.equals("Gemm") && Nodes.longAttribute(use.node(), "transA", 0) != 0) {
      return Optional.of("its Gemm transposes the input");
    }
    if (use.weight().tensor().rank() != 2) {
      return Optional.of("its weight has rank " + use.weight().tensor().rank() + ", not 2");
    }
    if (ActivationInputs.edges(uses).size() != 1) {
      return Optional.of("its input is not an activation");
    }
    return Optional.empty();
  }
}
