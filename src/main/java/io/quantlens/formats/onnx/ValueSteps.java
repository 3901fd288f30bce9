package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.formats.onnx.WeightView.Permute;
import io.quantlens.formats.onnx.WeightView.Relayout;
import io.quantlens.formats.onnx.WeightView.Rounding;
import io.quantlens.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
      case "Reshape" -> relayout(input, "Reshape", reshape(resolver, scope, node, shape));
      case "Flatten" -> relayout(input, "Flatten", flatten(node, shape));
      case "Squeeze" -> relayout(input, "Squeeze", squeeze(resolver, scope, node, shape));
      case "Unsqueeze" -> relayout(input, "Unsqueeze", unsqueeze(resolver, scope, node, shape));
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

  private static long[] reshape(
      WeightResolver resolver, GraphScope scope, NodeProto node, long[] shape) {
    long[] target = resolver.longs(scope, Nodes.input(node, 1));
    if (target == null) {
      return null;
    }
    boolean allowZero = Nodes.longAttribute(node, "allowzero", 0) == 1;
    long[] result = new long[target.length];
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < target.length; i++) {
      long d = target[i];
      if (d == 0 && !allowZero) {
        if (i >= shape.length) {
          return null;
        }
        d = shape[i];
      }
      if (d == -1) {
        if (inferred >= 0) {
          return null;
        }
        inferred = i;
        continue;
      }
      if (d < 0) {
        return null;
      }
      result[i] = d;
      known = Math.multiplyExact(known, d);
    }
    long total = elements(shape);
    if (inferred >= 0) {
      if (known == 0 || total % known != 0) {
        return null;
      }
      result[inferred] = total / known;
    }
    return elements(result) == total ? result : null;
  }

  private static long[] flatten(NodeProto node, long[] shape) {
    long axis = Nodes.longAttribute(node, "axis", 1);
    if (axis < 0) {
      axis += shape.length;
    }
    if (axis < 0 || axis > shape.length) {
      return null;
    }
    long outer = elements(Arrays.copyOfRange(shape, 0, (int) axis));
    long inner = elements(Arrays.copyOfRange(shape, (int) axis, shape.length));
    return new long[] {outer, inner};
  }

  private static long[] squeeze(
      WeightResolver resolver, GraphScope scope, NodeProto node, long[] shape) {
    long[] axes = axes(resolver, scope, node);
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      boolean named = false;
      if (axes != null) {
        for (long a : axes) {
          named |= (a < 0 ? a + shape.length : a) == i;
        }
      }
      if (axes == null ? shape[i] != 1 : !named) {
        kept.add(shape[i]);
      } else if (shape[i] != 1) {
        return null;
      }
    }
    return kept.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] unsqueeze(
      WeightResolver resolver, GraphScope scope, NodeProto node, long[] shape) {
    long[] axes = axes(resolver, scope, node);
    if (axes == null) {
      return null;
    }
    int rank = shape.length + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long a : axes) {
      long n = a < 0 ? a + rank : a;
      if (n < 0 || n >= rank || inserted[(int) n]) {
        return null;
      }
      inserted[(int) n] = true;
    }
    long[] result = new long[rank];
    int from = 0;
    for (int i = 0; i < rank; i++) {
      result[i] = inserted[i] ? 1 : shape[from++];
    }
    return result;
  }

  /** Axes from the attribute (before opset 13) or the second input (from opset 13). */
  private static long[] axes(WeightResolver resolver, GraphScope scope, NodeProto node) {
    long[] axes = Nodes.longsAttribute(node, "axes");
    return axes != null ? axes : resolver.longs(scope, Nodes.input(node, 1));
  }

  static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }
}
