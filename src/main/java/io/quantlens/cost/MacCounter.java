package io.quantlens.cost;

import io.quantlens.model.Node;
import io.quantlens.model.ShapeRules;
import java.util.Map;

/**
 * Multiply-accumulates of one node from the measured shapes of its values. Only the operators whose
 * work is dominated by multiply-accumulates count; Gather, elementwise, normalization and reshaping
 * operators count 0.
 */
final class MacCounter {
  private MacCounter() {}

  /**
   * Operators with a weight operand, to the input positions where the weight may sit (first wins).
   */
  static final Map<String, int[]> WEIGHT_INPUTS =
      Map.of(
          "Conv", new int[] {1},
          "ConvInteger", new int[] {1},
          "QLinearConv", new int[] {3},
          "ConvTranspose", new int[] {1},
          "Gemm", new int[] {1, 0},
          "MatMul", new int[] {1, 0},
          "MatMulInteger", new int[] {1, 0},
          "QLinearMatMul", new int[] {3, 0},
          "Gather", new int[] {0});

  /**
   * The node's MACs.
   *
   * @param shapes measured shape of every value, by name; null when unknown
   * @throws IllegalStateException when a shape the formula needs was not measured
   */
  static long macs(Node node, Map<String, long[]> shapes) {
    return switch (node.opType()) {
      // Each output element sums over Cin/group input channels times the kernel window; W is
      // [Cout, Cin/group, k...], so W[1]·prod(W[2:]) is that sum's length.
      case "Conv", "ConvInteger" ->
          Math.multiplyExact(
              ShapeRules.elements(output(node, shapes)), kernelTaps(shape(node, 1, shapes)));
      case "QLinearConv" ->
          Math.multiplyExact(
              ShapeRules.elements(output(node, shapes)), kernelTaps(shape(node, 3, shapes)));
      // Each input element is scattered over Cout/group channels times the kernel window; W is
      // [Cin, Cout/group, k...].
      case "ConvTranspose" ->
          Math.multiplyExact(
              ShapeRules.elements(shape(node, 0, shapes)), kernelTaps(shape(node, 1, shapes)));
      // Each output element is a dot product of length K, the last axis of A (A[0] for 1-D A).
      case "MatMul", "MatMulInteger", "QLinearMatMul" ->
          Math.multiplyExact(
              ShapeRules.elements(output(node, shapes)), last(shape(node, 0, shapes)));
      // Y = op(A)·op(B) (+C): K is A[1], or A[0] when A is transposed.
      case "Gemm" -> {
        long[] a = shape(node, 0, shapes);
        long k = node.longAttribute("transA", 0) == 1 ? a[0] : a[a.length - 1];
        yield Math.multiplyExact(ShapeRules.elements(output(node, shapes)), k);
      }
      default -> 0;
    };
  }

  private static long kernelTaps(long[] w) {
    long taps = w[1];
    for (int axis = 2; axis < w.length; axis++) {
      taps = Math.multiplyExact(taps, w[axis]);
    }
    return taps;
  }

  private static long last(long[] a) {
    return a[a.length - 1];
  }

  private static long[] output(Node node, Map<String, long[]> shapes) {
    return required(node, node.outputs().isEmpty() ? "" : node.outputs().get(0), shapes);
  }

  private static long[] shape(Node node, int input, Map<String, long[]> shapes) {
    return required(node, node.input(input), shapes);
  }

  private static long[] required(Node node, String value, Map<String, long[]> shapes) {
    long[] shape = shapes.get(value);
    if (shape == null || shape.length == 0) {
      throw new IllegalStateException(
          "no shape for '" + value + "' of " + node.opType() + " node '" + node.name() + "'");
    }
    return shape;
  }
}
