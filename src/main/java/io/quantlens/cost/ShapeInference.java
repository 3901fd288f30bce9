package io.quantlens.cost;

import io.quantlens.model.Node;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

/**
 * The shape and element width of a single-output node's output from its inputs' sizes, for the
 * operators common in CNNs and exported transformers, following ONNX Runtime's shape rules.
 * Anything it does not know for certain (other operators, several outputs, a reshape target that is
 * not known yet) is {@code null} and left to an ONNX Runtime run.
 */
final class ShapeInference {
  private static final Set<String> SAME_SHAPE =
      Set.of(
          "Relu",
          "Sigmoid",
          "Tanh",
          "LeakyRelu",
          "Elu",
          "Selu",
          "Celu",
          "HardSigmoid",
          "HardSwish",
          "Softplus",
          "Softsign",
          "Erf",
          "Exp",
          "Log",
          "Sqrt",
          "Abs",
          "Neg",
          "Reciprocal",
          "Floor",
          "Ceil",
          "Round",
          "Sign",
          "Sin",
          "Cos",
          "Identity",
          "Dropout",
          "Clip",
          "Softmax",
          "LogSoftmax",
          "Gelu",
          "Mish",
          "BatchNormalization",
          "InstanceNormalization",
          "LayerNormalization",
          "LRN");
  private static final Set<String> BROADCAST =
      Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Mod", "PRelu");
  private static final Set<String> COMPARISONS =
      Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor");
  private static final Set<String> REDUCTIONS =
      Set.of(
          "ReduceMean",
          "ReduceSum",
          "ReduceMax",
          "ReduceMin",
          "ReduceProd",
          "ReduceL1",
          "ReduceL2",
          "ReduceSumSquare",
          "ReduceLogSum",
          "ReduceLogSumExp");
  private static final Set<String> POOLS = Set.of("MaxPool", "AveragePool", "LpPool");
  private static final Set<String> GLOBAL_POOLS =
      Set.of("GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");

  /**
   * The input whose element values the node's output shape depends on (a shape or axes vector, so a
   * few bytes), or -1.
   */
  static int valueInput(Node node) {
    String op = node.opType();
    boolean usesValues =
        op.equals("Reshape")
            || op.equals("Unsqueeze")
            || op.equals("Squeeze")
            || REDUCTIONS.contains(op);
    if (op.equals("Resize") && node.inputs().size() > 3 && !node.input(3).isEmpty()) {
      return 3; // the sizes input; scales (float) are left to an ONNX Runtime run
    }
    return usesValues && !node.input(1).isEmpty() ? 1 : -1;
  }

  private ShapeInference() {}

  /**
   * Slice (opset 10+) with stored starts, ends, axes and steps, bounds clamped as the ONNX
   * definition says; null when any of them is computed.
   */
  private static long[] slice(Node node, long[] x, Function<String, long[]> values) {
    long[] starts = values.apply(node.input(1));
    long[] ends = node.inputs().size() > 2 ? values.apply(node.input(2)) : null;
    if (starts == null || ends == null || starts.length != ends.length) {
      return null;
    }
    long[] axes = optional(node, 3, values);
    long[] steps = optional(node, 4, values);
    long[] out = x.clone();
    for (int i = 0; i < starts.length; i++) {
      long axis = axes == null ? i : axes[i] < 0 ? axes[i] + x.length : axes[i];
      long step = steps == null ? 1 : steps[i];
      if ((axes != null && axes.length != starts.length)
          || (steps != null && steps.length != starts.length)
          || axis < 0
          || axis >= x.length
          || step == 0) {
        return null;
      }
      long d = x[(int) axis];
      long start = starts[i] < 0 ? starts[i] + d : starts[i];
      long end = ends[i] < 0 ? ends[i] + d : ends[i];
      long length;
      if (step > 0) {
        start = Math.max(0, Math.min(d, start));
        end = Math.max(0, Math.min(d, end));
        length = end > start ? (end - start + step - 1) / step : 0;
      } else {
        start = Math.max(0, Math.min(d - 1, start));
        end = Math.max(-1, Math.min(d - 1, end));
        length = start > end ? (start - end - step - 1) / -step : 0;
      }
      out[(int) axis] = length;
    }
    return out;
  }

  private static long[] optional(Node node, int input, Function<String, long[]> values) {
    return node.inputs().size() > input && !node.input(input).isEmpty()
        ? values.apply(node.input(input))
        : null;
  }

  /**
   * The three outputs of DynamicQuantizeLinear (uint8 codes shaped like x, a float32 scale and a
   * uint8 zero point, both scalars), or null when x's size is unknown.
   */
  static ValueSize[] dynamicQuantizeLinear(Node node, Function<String, ValueSize> sizes) {
    ValueSize x = node.inputs().isEmpty() ? null : sizes.apply(node.input(0));
    if (x == null || node.outputs().size() != 3) {
      return null;
    }
    return new ValueSize[] {
      new ValueSize(x.shape(), 8), new ValueSize(new long[0], 32), new ValueSize(new long[0], 8)
    };
  }

  /**
   * The node's output size, or null when not known for certain.
   *
   * @param sizes sizes known so far, by value name (null when unknown)
   * @param values the elements of small integer values known so far (null when unknown)
   */
  static ValueSize infer(
      Node node, Function<String, ValueSize> sizes, Function<String, long[]> values) {
    if (node.outputs().size() != 1 || node.outputs().get(0).isEmpty()) {
      return null;
    }
    for (String input : node.inputs()) {
      if (!input.isEmpty() && sizes.apply(input) == null) {
        return null;
      }
    }
    ValueSize x = node.inputs().isEmpty() ? null : sizes.apply(node.input(0));
    if (x == null) {
      return null;
    }
    String op = node.opType();
    if (SAME_SHAPE.contains(op)) {
      return x;
    }
    if (BROADCAST.contains(op) || COMPARISONS.contains(op) || op.equals("Where")) {
      long[] shape = x.shape();
      for (String input : node.inputs()) {
        shape = shape == null ? null : broadcast(shape, sizes.apply(input).shape());
      }
      int bits =
          COMPARISONS.contains(op)
              ? ElementBits.BOOL
              : op.equals("Where") ? sizes.apply(node.input(1)).bits() : x.bits();
      return shape == null ? null : new ValueSize(shape, bits);
    }
    if (REDUCTIONS.contains(op)) {
      return reduce(node, x, values.apply(node.input(1)));
    }
    if (POOLS.contains(op)) {
      return sized(WindowShapes.pool(node, x.shape()), x.bits());
    }
    if (GLOBAL_POOLS.contains(op)) {
      long[] shape = x.shape();
      Arrays.fill(shape, 2, shape.length, 1);
      return shape.length < 3 ? null : x.withShape(shape);
    }
    ValueSize second = node.inputs().size() > 1 ? sizes.apply(node.input(1)) : null;
    return switch (op) {
      case "Not" -> new ValueSize(x.shape(), ElementBits.BOOL);
      case "Cast" -> {
        int bits = ElementBits.ofNumber(node.longAttribute("to", 0));
        yield bits == 0 ? null : new ValueSize(x.shape(), bits);
      }
      case "Shape" -> shapeOf(node, x);
      case "Conv" ->
          second == null
              ? null
              : sized(WindowShapes.conv(node, x.shape(), second.shape()), x.bits());
      case "ConvInteger" ->
          second == null
              ? null
              : sized(WindowShapes.conv(node, x.shape(), second.shape()), ElementBits.INT32);
      case "MatMul" -> second == null ? null : sized(matMul(x.shape(), second.shape()), x.bits());
      case "MatMulInteger" ->
          second == null ? null : sized(matMul(x.shape(), second.shape()), ElementBits.INT32);
      case "Gemm" -> second == null ? null : gemm(node, x, second);
      case "Gather" -> second == null ? null : gather(node, x, second);
      case "QuantizeLinear" -> quantized(node, x, sizes);
      case "DequantizeLinear" -> second == null ? null : new ValueSize(x.shape(), second.bits());
      case "Slice" -> sized(slice(node, x.shape(), values), x.bits());
      case "Resize" -> {
        long[] target = valueInput(node) == 3 ? values.apply(node.input(3)) : null;
        yield target == null || target.length != x.shape().length
            ? null
            : sized(target.clone(), x.bits());
      }
      default -> LayoutShapes.infer(node, x, sizes, values);
    };
  }

  /** Numpy broadcasting of two shapes, or null when they do not broadcast. */
  static long[] broadcast(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da == db || db == 1) {
        out[i] = da;
      } else if (da == 1) {
        out[i] = db;
      } else {
        return null;
      }
    }
    return out;
  }

  private static ValueSize sized(long[] shape, int bits) {
    return shape == null ? null : new ValueSize(shape, bits);
  }

  private static ValueSize shapeOf(Node node, ValueSize x) {
    int rank = x.rank();
    long start = clampAxis(node.longAttribute("start", 0), rank);
    long end = clampAxis(node.longAttribute("end", rank), rank);
    return new ValueSize(new long[] {Math.max(0, end - start)}, ElementBits.INT64);
  }

  /** {@code axis} (negative from the end) clamped into [0, rank], as Shape's start and end. */
  static long clampAxis(long axis, int rank) {
    return Math.max(0, Math.min(rank, axis < 0 ? axis + rank : axis));
  }

  /** numpy.matmul: 1-D operands are promoted and their axis dropped again; batch axes broadcast. */
  private static long[] matMul(long[] a, long[] b) {
    if (a.length == 0 || b.length == 0) {
      return null;
    }
    long[] a2 = a.length == 1 ? new long[] {1, a[0]} : a;
    long[] b2 = b.length == 1 ? new long[] {b[0], 1} : b;
    if (a2[a2.length - 1] != b2[b2.length - 2]) {
      return null;
    }
    long[] batch = broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
    if (batch == null) {
      return null;
    }
    long[] out =
        Arrays.copyOf(batch, batch.length + (a.length > 1 ? 1 : 0) + (b.length > 1 ? 1 : 0));
    int at = batch.length;
    if (a.length > 1) {
      out[at++] = a2[a2.length - 2];
    }
    if (b.length > 1) {
      out[at] = b2[b2.length - 1];
    }
    return out;
  }

  private static ValueSize gemm(Node node, ValueSize a, ValueSize b) {
    if (a.rank() != 2 || b.rank() != 2) {
      return null;
    }
    boolean transA = node.longAttribute("transA", 0) == 1;
    boolean transB = node.longAttribute("transB", 0) == 1;
    long k = transA ? a.dim(0) : a.dim(1);
    if (k != (transB ? b.dim(1) : b.dim(0))) {
      return null;
    }
    return a.withShape(new long[] {transA ? a.dim(1) : a.dim(0), transB ? b.dim(0) : b.dim(1)});
  }

  /** data[:axis] + indices + data[axis+1:]. */
  private static ValueSize gather(Node node, ValueSize data, ValueSize indices) {
    int rank = data.rank();
    long axis = node.longAttribute("axis", 0);
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank) {
      return null;
    }
    long[] d = data.shape();
    long[] i = indices.shape();
    long[] out = new long[rank - 1 + i.length];
    System.arraycopy(d, 0, out, 0, (int) axis);
    System.arraycopy(i, 0, out, (int) axis, i.length);
    System.arraycopy(d, (int) axis + 1, out, (int) axis + i.length, rank - (int) axis - 1);
    return data.withShape(out);
  }

  /** Same shape; the zero point's type, else uint8 (an explicit output_dtype is left to a run). */
  private static ValueSize quantized(Node node, ValueSize x, Function<String, ValueSize> sizes) {
    if (node.attributes().containsKey("output_dtype")) {
      return null;
    }
    String zeroPoint = node.input(2);
    int bits = zeroPoint.isEmpty() ? 8 : sizes.apply(zeroPoint).bits();
    return new ValueSize(x.shape(), bits);
  }

  private static ValueSize reduce(Node node, ValueSize x, long[] axesInput) {
    long[] axes =
        node.attributes().get("axes") instanceof long[] a
            ? a
            : node.input(1).isEmpty() ? new long[0] : axesInput;
    if (axes == null) {
      return null;
    }
    int rank = x.rank();
    boolean keep = node.longAttribute("keepdims", 1) == 1;
    boolean[] reduced = new boolean[rank];
    if (axes.length == 0) {
      if (node.longAttribute("noop_with_empty_axes", 0) == 1) {
        return x;
      }
      Arrays.fill(reduced, true);
    }
    for (long axis : axes) {
      long a = axis < 0 ? axis + rank : axis;
      if (a < 0 || a >= rank) {
        return null;
      }
      reduced[(int) a] = true;
    }
    long[] shape = x.shape();
    return x.withShape(LayoutShapes.keepOrDrop(shape, reduced, keep));
  }
}
