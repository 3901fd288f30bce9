package io.quantlens.cost;

import io.quantlens.model.Node;
import io.quantlens.model.ShapeRules;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Output shapes of operators that only rearrange elements (Reshape, Flatten, Transpose, Concat,
 * Squeeze, Unsqueeze) and of ArgMax / ArgMin; {@code null} when not known for certain.
 */
final class LayoutShapes {
  private LayoutShapes() {}

  static ValueSize infer(
      Node node, ValueSize x, Function<String, ValueSize> sizes, Function<String, long[]> values) {
    return switch (node.opType()) {
      case "Reshape" ->
          sized(
              ShapeRules.reshape(
                  x.shape(), values.apply(node.input(1)), node.longAttribute("allowzero", 0) == 1),
              x);
      case "Flatten" -> sized(ShapeRules.flatten(x.shape(), node.longAttribute("axis", 1)), x);
      case "Transpose" -> sized(transpose(x.shape(), node.attributes().get("perm")), x);
      case "Concat" -> concat(node, sizes);
      case "Unsqueeze" -> sized(ShapeRules.unsqueeze(x.shape(), axes(node, values)), x);
      case "Squeeze" -> sized(ShapeRules.squeeze(x.shape(), axes(node, values)), x);
      case "ArgMax", "ArgMin" -> argReduce(node, x);
      default -> null;
    };
  }

  /** The shape without the reduced axes, or with 1 in their place when {@code keep}. */
  static long[] keepOrDrop(long[] shape, boolean[] reduced, boolean keep) {
    long[] out = new long[shape.length];
    int n = 0;
    for (int i = 0; i < shape.length; i++) {
      if (!reduced[i]) {
        out[n++] = shape[i];
      } else if (keep) {
        out[n++] = 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static ValueSize sized(long[] shape, ValueSize like) {
    return shape == null ? null : like.withShape(shape);
  }

  /** Axes from the attribute (opset < 13) or the second input; an empty array when neither. */
  private static long[] axes(Node node, Function<String, long[]> values) {
    if (node.attributes().get("axes") instanceof long[] axes) {
      return axes;
    }
    return node.input(1).isEmpty() ? new long[0] : values.apply(node.input(1));
  }

  private static long[] transpose(long[] in, Object permAttribute) {
    long[] perm = new long[in.length];
    if (permAttribute instanceof long[] p) {
      perm = p;
    } else if (permAttribute == null) {
      for (int i = 0; i < in.length; i++) {
        perm[i] = in.length - 1 - i;
      }
    }
    if (perm.length != in.length) {
      return null;
    }
    long[] out = new long[in.length];
    boolean[] used = new boolean[in.length];
    for (int i = 0; i < in.length; i++) {
      if (perm[i] < 0 || perm[i] >= in.length || used[(int) perm[i]]) {
        return null;
      }
      used[(int) perm[i]] = true;
      out[i] = in[(int) perm[i]];
    }
    return out;
  }

  private static ValueSize concat(Node node, Function<String, ValueSize> sizes) {
    ValueSize first = sizes.apply(node.input(0));
    int rank = first.rank();
    long axis = node.longAttribute("axis", Long.MIN_VALUE);
    axis = axis < 0 && axis != Long.MIN_VALUE ? axis + rank : axis;
    if (axis < 0 || axis >= rank) {
      return null;
    }
    long[] out = first.shape();
    out[(int) axis] = 0;
    for (String input : node.inputs()) {
      if (input.isEmpty()) {
        continue;
      }
      long[] s = sizes.apply(input).shape();
      if (s.length != rank) {
        return null;
      }
      for (int i = 0; i < rank; i++) {
        if (i == axis) {
          out[i] += s[i];
        } else if (s[i] != out[i]) {
          return null;
        }
      }
    }
    return first.withShape(out);
  }

  private static ValueSize argReduce(Node node, ValueSize x) {
    int rank = x.rank();
    long axis = node.longAttribute("axis", 0);
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank) {
      return null;
    }
    boolean[] reduced = new boolean[rank];
    reduced[(int) axis] = true;
    boolean keep = node.longAttribute("keepdims", 1) == 1;
    return new ValueSize(keepOrDrop(x.shape(), reduced, keep), ElementBits.INT64);
  }
}
