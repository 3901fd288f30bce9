package io.quantlens.model;

import java.util.Arrays;

/**
 * The output shapes of the ONNX operators that only change a tensor's layout (Reshape, Flatten,
 * Squeeze, Unsqueeze), as the operators define them. The ONNX reader follows weights through them
 * and the cost model sizes activations with them. Each returns null for an input the operator
 * refuses (or whose axes are unknown).
 */
public final class ShapeRules {
  private ShapeRules() {}

  /** Elements of a tensor of {@code shape}; overflow is an {@link ArithmeticException}. */
  public static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** 0 copies the input's dimension (unless {@code allowZero}), −1 takes what is left. */
  public static long[] reshape(long[] in, long[] target, boolean allowZero) {
    if (target == null) {
      return null;
    }
    long[] out = target.clone();
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0 && !allowZero) {
        if (i >= in.length) {
          return null;
        }
        out[i] = in[i];
      }
      if (out[i] == -1) {
        if (inferred >= 0) {
          return null;
        }
        inferred = i;
      } else if (out[i] < 0) {
        return null;
      } else {
        known = Math.multiplyExact(known, out[i]);
      }
    }
    long total = elements(in);
    if (inferred >= 0) {
      if (known == 0 || total % known != 0) {
        return null;
      }
      out[inferred] = total / known;
    } else if (known != total) {
      return null;
    }
    return out;
  }

  /** The two-dimensional {@code [outer, inner]} split at {@code axis} (negative from the end). */
  public static long[] flatten(long[] in, long axis) {
    long a = axis < 0 ? axis + in.length : axis;
    if (a < 0 || a > in.length) {
      return null;
    }
    long outer = elements(Arrays.copyOf(in, (int) a));
    long inner = elements(Arrays.copyOfRange(in, (int) a, in.length));
    return new long[] {outer, inner};
  }

  /** A 1 inserted at each of {@code axes} (of the result). */
  public static long[] unsqueeze(long[] in, long[] axes) {
    if (axes == null) {
      return null;
    }
    int rank = in.length + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long axis : axes) {
      long a = axis < 0 ? axis + rank : axis;
      if (a < 0 || a >= rank || inserted[(int) a]) {
        return null;
      }
      inserted[(int) a] = true;
    }
    long[] out = new long[rank];
    int next = 0;
    for (int i = 0; i < rank; i++) {
      out[i] = inserted[i] ? 1 : in[next++];
    }
    return out;
  }

  /** The named axes (each of size 1) removed; with no axes given (empty), every axis of size 1. */
  public static long[] squeeze(long[] in, long[] axes) {
    if (axes == null) {
      return null;
    }
    boolean[] removed = new boolean[in.length];
    for (int i = 0; i < in.length && axes.length == 0; i++) {
      removed[i] = in[i] == 1;
    }
    for (long axis : axes) {
      long a = axis < 0 ? axis + in.length : axis;
      if (a < 0 || a >= in.length || in[(int) a] != 1) {
        return null;
      }
      removed[(int) a] = true;
    }
    long[] out = new long[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      if (!removed[i]) {
        out[n++] = in[i];
      }
    }
    return Arrays.copyOf(out, n);
  }
}
