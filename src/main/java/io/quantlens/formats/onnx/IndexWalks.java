package io.quantlens.formats.onnx;

import io.quantlens.formats.onnx.WeightView.Slice;
import io.quantlens.model.ShapeRules;
import java.util.List;

/**
 * Where each element of a rearranged tensor comes from, walked in the result's row-major order:
 * transposed axes, a slice, or pieces joined along an axis. The same walks move float values (for
 * the views) and element indices (for what part of a stored tensor a view reads).
 */
final class IndexWalks {
  private IndexWalks() {}

  /** Receives result element {@code to} and the source element it is taken from. */
  @FunctionalInterface
  interface Pairs {
    void take(int to, int from);
  }

  /** Receives result element {@code to} and the element {@code from} of piece {@code piece}. */
  @FunctionalInterface
  interface PiecePairs {
    void take(int to, int piece, int from);
  }

  /** A source laid out as {@code shape} read with result axis i = source axis perm[i]. */
  static void permuted(long[] shape, int[] perm, Pairs pairs) {
    long[] to = new long[perm.length];
    long[] strides = TensorViews.strides(shape);
    long[] step = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      to[i] = shape[perm[i]];
      step[i] = strides[perm[i]];
    }
    walk(to, 0, step, pairs);
  }

  static void sliced(Slice slice, Pairs pairs) {
    long[] strides = TensorViews.strides(slice.input());
    long[] step = new long[strides.length];
    long first = 0;
    for (int a = 0; a < strides.length; a++) {
      first += slice.starts()[a] * strides[a];
      step[a] = slice.steps()[a] * strides[a];
    }
    walk(slice.shape(), first, step, pairs);
  }

  /** Pieces of equal shapes but for {@code axis} joined along it. */
  static void joined(List<long[]> shapes, int axis, PiecePairs pairs) {
    long outer = ShapeRules.elements(java.util.Arrays.copyOfRange(shapes.get(0), 0, axis));
    int[] runs = new int[shapes.size()];
    for (int k = 0; k < runs.length; k++) {
      long[] s = shapes.get(k);
      runs[k] =
          Math.toIntExact(ShapeRules.elements(java.util.Arrays.copyOfRange(s, axis, s.length)));
    }
    int to = 0;
    for (int o = 0; o < outer; o++) {
      for (int k = 0; k < runs.length; k++) {
        int base = o * runs[k];
        for (int j = 0; j < runs[k]; j++) {
          pairs.take(to++, k, base + j);
        }
      }
    }
  }

  /** An odometer over {@code shape} whose source offset moves by {@code step[axis]}. */
  private static void walk(long[] shape, long first, long[] step, Pairs pairs) {
    long count = ShapeRules.elements(shape);
    long[] index = new long[shape.length];
    long offset = first;
    for (int flat = 0; flat < count; flat++) {
      pairs.take(flat, (int) offset);
      for (int axis = shape.length - 1; axis >= 0; axis--) {
        index[axis]++;
        offset += step[axis];
        if (index[axis] < shape[axis]) {
          break;
        }
        offset -= step[axis] * index[axis];
        index[axis] = 0;
      }
    }
  }
}
