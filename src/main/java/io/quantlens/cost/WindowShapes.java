package io.quantlens.cost;

import io.quantlens.model.Node;

/**
 * Output shapes of sliding-window operators (Conv, MaxPool, AveragePool, LpPool) by ONNX Runtime's
 * rule: {@code out = ⌊(in + pad_begin + pad_end − ((k−1)·dilation + 1)) / stride⌋ + 1}, {@code ⌈in
 * / stride⌉} for SAME padding. Cases where ONNX Runtime adjusts that (ceil_mode, SAME with dilation
 * or a kernel smaller than the stride) are left to a run: {@code null}.
 */
final class WindowShapes {
  private WindowShapes() {}

  /** Conv: X is [N, C, spatial...], W is [M, C/group, k...]; the output is [N, M, out...]. */
  static long[] conv(Node node, long[] x, long[] w) {
    if (x.length < 3 || w.length != x.length) {
      return null;
    }
    long group = node.longAttribute("group", 1);
    if (group < 1 || x[1] != w[1] * group) {
      return null;
    }
    long[] kernel = longs(node, "kernel_shape", w.length - 2, -1);
    if (kernel == null) {
      return null;
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = kernel[i] < 0 ? w[i + 2] : kernel[i];
    }
    return window(node, x, w[0], kernel);
  }

  /** Pooling: X is [N, C, spatial...]; the output is [N, C, out...]. */
  static long[] pool(Node node, long[] x) {
    if (x.length < 3) {
      return null;
    }
    if (!(node.attributes().get("kernel_shape") instanceof long[] kernel)
        || kernel.length != x.length - 2) {
      return null;
    }
    return window(node, x, x[1], kernel.clone());
  }

  private static long[] window(Node node, long[] x, long channels, long[] kernel) {
    int spatial = x.length - 2;
    long[] strides = longs(node, "strides", spatial, 1);
    long[] dilations = longs(node, "dilations", spatial, 1);
    long[] pads = longs(node, "pads", 2 * spatial, 0);
    if (strides == null || dilations == null || pads == null) {
      return null;
    }
    String autoPad =
        node.attributes().get("auto_pad") instanceof String s && !s.isEmpty() ? s : "NOTSET";
    boolean ceil = node.longAttribute("ceil_mode", 0) != 0;
    if (ceil
        && (!autoPad.equals("NOTSET") || java.util.Arrays.stream(pads).anyMatch(p -> p != 0))) {
      return null; // ceil mode with padding: runtimes differ on a last window that starts in it
    }
    long[] out = new long[x.length];
    out[0] = x[0];
    out[1] = channels;
    for (int i = 0; i < spatial; i++) {
      long in = x[i + 2];
      long stride = strides[i];
      long span = (kernel[i] - 1) * dilations[i] + 1;
      if (ceil && span < stride) {
        return null;
      }
      long size =
          switch (autoPad) {
            case "NOTSET" ->
                ceil
                    ? slideCeil(in, span, stride)
                    : slide(in + pads[i] + pads[i + spatial], span, stride);
            case "VALID" -> slide(in, span, stride);
            case "SAME_UPPER", "SAME_LOWER" ->
                dilations[i] == 1 && kernel[i] >= stride ? (in + stride - 1) / stride : -1;
            default -> -1;
          };
      if (size < 0 || stride < 1) {
        return null;
      }
      out[i + 2] = size;
    }
    return out;
  }

  /**
   * Windows with ceil_mode and no padding: ⌈(in − span) / stride⌉ + 1. With the span at least the
   * stride the last window starts inside the input, so no runtime drops it.
   */
  private static long slideCeil(long in, long span, long stride) {
    return in < span || stride < 1 ? -1 : (in - span + stride - 1) / stride + 1;
  }

  private static long slide(long padded, long span, long stride) {
    return padded < span || stride < 1 ? -1 : (padded - span) / stride + 1;
  }

  /** The attribute's values, {@code fallback} repeated when absent, null when of another length. */
  private static long[] longs(Node node, String key, int length, long fallback) {
    Object value = node.attributes().get(key);
    if (value == null) {
      long[] filled = new long[length];
      java.util.Arrays.fill(filled, fallback);
      return filled;
    }
    return value instanceof long[] values && values.length == length ? values.clone() : null;
  }
}
