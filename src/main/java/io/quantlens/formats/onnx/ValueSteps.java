package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.formats.onnx.WeightView.Permute;
import io.quantlens.formats.onnx.WeightView.Relayout;
import io.quantlens.formats.onnx.WeightView.Rounding;
import io.quantlens.model.ShapeRules;
import io.quantlens.model.Tensor;

/**
 * The value-preserving operations a weight may pass through between its stored tensor and the node
 * that uses it, applied to a {@link WeightView} with the shape rules of the ONNX operators.
 */
final class ValueSteps {
  private ValueSteps() {}

  /** {@code input} after {@code node}, or null when the node is not value-preserving. */
  static WeightView apply(
      WeightResolver resolver, GraphScope scope, NodeProto node, WeightView input) {
    long[] shape = input.tensor().shape();
    return switch (node.getOpType()) {
      case "Identity" -> input;
      case "Cast" -> cast(node, input);
      case "Transpose" -> transpose(node, input, shape);
      case "Reshape" ->
          relayout(
              input,
              "Reshape",
              ShapeRules.reshape(
                  shape,
                  resolver.longs(scope, Nodes.input(node, 1)),
                  Nodes.longAttribute(node, "allowzero", 0) == 1));
      case "Flatten" ->
          relayout(
              input, "Flatten", ShapeRules.flatten(shape, Nodes.longAttribute(node, "axis", 1)));
      case "Squeeze" ->
          relayout(input, "Squeeze", ShapeRules.squeeze(shape, axes(resolver, scope, node)));
      case "Unsqueeze" ->
          relayout(input, "Unsqueeze", ShapeRules.unsqueeze(shape, axes(resolver, scope, node)));
      case "Slice" -> SelectionSteps.slice(resolver, scope, node, input);
      default -> null;
    };
  }

  private static WeightView cast(NodeProto node, WeightView input) {
    int to = (int) Nodes.longAttribute(node, "to", 0);
    if (!OnnxDataType.isFloat(to)) {
      return null;
    }
    int from = storedFloatType(input);
    boolean narrows =
        OnnxDataType.bits(to) < OnnxDataType.bits(from)
            || (to == OnnxDataType.BFLOAT16 && from == OnnxDataType.FLOAT16)
            || (to == OnnxDataType.FLOAT16 && from == OnnxDataType.BFLOAT16);
    String note = "Cast to " + OnnxDataType.name(to);
    if (!narrows || input.quantized()) {
      return input.then(input.tensor(), new Rounding(to), note);
    }
    return input.then(TensorViews.castTo(input.tensor(), to), new Rounding(to), note);
  }

  /**
   * The float type the view's values have reached: the stored one or the last Cast's; for pieces of
   * different types joined, DOUBLE, so that any narrowing Cast rounds.
   */
  private static int storedFloatType(WeightView view) {
    int type;
    if (!view.steps().isEmpty() && view.steps().get(0) instanceof WeightView.Concat c) {
      int[] types = c.pieces().stream().mapToInt(ValueSteps::storedFloatType).distinct().toArray();
      type = types.length == 1 ? types[0] : OnnxDataType.DOUBLE;
    } else {
      type = view.source().proto().getDataType();
    }
    for (WeightView.Step step : view.steps()) {
      if (step instanceof Rounding r) {
        type = r.onnxType();
      }
    }
    return type;
  }

  private static WeightView transpose(NodeProto node, WeightView input, long[] shape) {
    long[] given = Nodes.longsAttribute(node, "perm");
    int[] perm = new int[shape.length];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = given == null ? perm.length - 1 - i : (int) given[i];
    }
    if (given != null && given.length != shape.length) {
      return null;
    }
    boolean[] seen = new boolean[perm.length];
    for (int p : perm) {
      if (p < 0 || p >= perm.length || seen[p]) {
        return null;
      }
      seen[p] = true;
    }
    return input.then(TensorViews.transposed(input.tensor(), perm), new Permute(perm), "Transpose");
  }

  private static WeightView relayout(WeightView input, String op, long[] shape) {
    if (shape == null) {
      return null;
    }
    Tensor t = TensorViews.reshaped(input.tensor(), shape);
    return input.then(t, new Relayout(op, shape), "");
  }

  /** Axes from the attribute (before opset 13) or the second input (from opset 13). */
  private static long[] axes(WeightResolver resolver, GraphScope scope, NodeProto node) {
    long[] axes = Nodes.longsAttribute(node, "axes");
    if (axes != null) {
      return axes;
    }
    String input = Nodes.input(node, 1);
    return input.isEmpty() ? new long[0] : resolver.longs(scope, input);
  }
}
