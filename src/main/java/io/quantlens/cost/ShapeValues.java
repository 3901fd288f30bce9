package io.quantlens.cost;

import io.quantlens.model.Node;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The elements of small integer vectors that exported graphs compute from shapes (Shape → Slice /
 * Gather → Concat → Resize or Reshape), worked out without running the model. Only scalars and 1-D
 * vectors are followed; anything else is null and left to an ONNX Runtime run.
 */
final class ShapeValues {
  private ShapeValues() {}

  /**
   * The node's output elements, or null.
   *
   * @param sizes sizes known so far
   * @param values elements known so far
   */
  static long[] infer(
      Node node, Function<String, ValueSize> sizes, Function<String, long[]> values) {
    if (node.outputs().size() != 1 || node.inputs().isEmpty()) {
      return null;
    }
    for (String input : node.inputs()) {
      ValueSize size = input.isEmpty() || node.opType().equals("Shape") ? null : sizes.apply(input);
      if (size != null && size.rank() > 1) {
        return null; // a matrix's elements are not a shape vector
      }
    }
    return switch (node.opType()) {
      case "Shape" -> shape(node, sizes.apply(node.input(0)));
      case "Cast", "Identity", "Squeeze", "Unsqueeze" -> values.apply(node.input(0));
      case "Concat" -> concat(node, values);
      case "Slice" -> slice(node, values);
      case "Gather" -> gather(node, values);
      default -> null;
    };
  }

  private static long[] shape(Node node, ValueSize x) {
    if (x == null) {
      return null;
    }
    int rank = x.rank();
    int start = (int) ShapeInference.clampAxis(node.longAttribute("start", 0), rank);
    int end = (int) ShapeInference.clampAxis(node.longAttribute("end", rank), rank);
    return Arrays.copyOfRange(x.shape(), start, Math.max(start, end));
  }

  private static long[] concat(Node node, Function<String, long[]> values) {
    long[] all = new long[0];
    for (String input : node.inputs()) {
      long[] part = input.isEmpty() ? null : values.apply(input);
      if (part == null) {
        return null;
      }
      long[] joined = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, joined, all.length, part.length);
      all = joined;
    }
    return all;
  }

  /** A 1-D Slice with step 1 (or none) along axis 0. */
  private static long[] slice(Node node, Function<String, long[]> values) {
    long[] x = values.apply(node.input(0));
    long[] starts = node.inputs().size() > 1 ? values.apply(node.input(1)) : null;
    long[] ends = node.inputs().size() > 2 ? values.apply(node.input(2)) : null;
    if (x == null || starts == null || ends == null || starts.length != 1 || ends.length != 1) {
      return null;
    }
    for (int i = 3; i < node.inputs().size(); i++) {
      long[] extra = node.input(i).isEmpty() ? null : values.apply(node.input(i));
      long expected = i == 3 ? 0 : 1; // axes 0, steps 1
      if (!node.input(i).isEmpty()
          && (extra == null || extra.length != 1 || extra[0] != expected)) {
        return null;
      }
    }
    long n = x.length;
    long start = Math.max(0, Math.min(n, starts[0] < 0 ? starts[0] + n : starts[0]));
    long end = Math.max(0, Math.min(n, ends[0] < 0 ? ends[0] + n : ends[0]));
    return Arrays.copyOfRange(x, (int) start, (int) Math.max(start, end));
  }

  /** Gather along axis 0 of a 1-D vector: a scalar index gives a scalar. */
  private static long[] gather(Node node, Function<String, long[]> values) {
    long[] x = values.apply(node.input(0));
    long[] indices = node.inputs().size() > 1 ? values.apply(node.input(1)) : null;
    if (x == null || indices == null || node.longAttribute("axis", 0) != 0) {
      return null;
    }
    long[] out = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      long index = indices[i] < 0 ? indices[i] + x.length : indices[i];
      if (index < 0 || index >= x.length) {
        return null;
      }
      out[i] = x[(int) index];
    }
    return out;
  }
}
