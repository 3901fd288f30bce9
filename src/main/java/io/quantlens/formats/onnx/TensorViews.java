package io.quantlens.formats.onnx;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import io.quantlens.quant.HalfFloats;
import java.lang.ref.SoftReference;
import java.util.Arrays;

/**
 * Tensors as a node sees them after value-preserving operations: a new shape over the same
 * row-major data (Reshape, Squeeze, Unsqueeze, Flatten), a permutation of the axes (Transpose) or a
 * cast to a narrower float type (Cast), which rounds each value as ONNX Runtime's Cast does.
 */
final class TensorViews {
  /** A transposed tensor is gathered into the heap in one piece when it has at most this many. */
  static final long MAX_TRANSPOSED = 1L << 28;

  private TensorViews() {}

  static Tensor reshaped(Tensor source, long[] shape) {
    return new Tensor(source.name(), source.dtype(), shape, source.reader());
  }

  /**
   * The tensor with axis {@code i} of the result taken from axis {@code perm[i]} of the source.
   * Values are gathered once per read into a softly held copy, since a transposed view has no
   * contiguous runs to stream.
   */
  static Tensor transposed(Tensor source, int[] perm) {
    long[] from = source.shape();
    long[] to = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      to[i] = from[perm[i]];
    }
    if (isIdentity(perm)) {
      return reshaped(source, to);
    }
    return new Tensor(source.name(), source.dtype(), to, new TransposedReader(source, perm, to));
  }

  /** The tensor rounded to FLOAT16 or BFLOAT16 as a Cast to {@code onnxType} would. */
  static Tensor castTo(Tensor source, int onnxType) {
    TensorReader inner = source.reader();
    TensorReader rounded =
        switch (onnxType) {
          case OnnxDataType.FLOAT16 ->
              (start, dst, offset, count) -> {
                inner.read(start, dst, offset, count);
                for (int i = offset; i < offset + count; i++) {
                  dst[i] = HalfFloats.fp16ToFloat(HalfFloats.toFp16(dst[i]));
                }
              };
          case OnnxDataType.BFLOAT16 ->
              (start, dst, offset, count) -> {
                inner.read(start, dst, offset, count);
                for (int i = offset; i < offset + count; i++) {
                  dst[i] = HalfFloats.bf16ToFloat(HalfFloats.toBf16(dst[i]));
                }
              };
          default -> inner;
        };
    return new Tensor(source.name(), source.dtype(), source.shape(), rounded);
  }

  static boolean isIdentity(int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Row-major strides of {@code shape}. */
  static long[] strides(long[] shape) {
    long[] strides = new long[shape.length];
    long s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
    return strides;
  }

  /**
   * Moves {@code values} laid out as {@code shape} to the layout of {@code shape} permuted by
   * {@code perm} (result axis i = source axis perm[i]).
   */
  static float[] permute(float[] values, long[] shape, int[] perm) {
    long[] to = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      to[i] = shape[perm[i]];
    }
    long[] sourceStrides = strides(shape);
    long[] gathered = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      gathered[i] = sourceStrides[perm[i]];
    }
    float[] out = new float[values.length];
    long[] index = new long[to.length];
    long offset = 0;
    for (int flat = 0; flat < out.length; flat++) {
      out[flat] = values[(int) offset];
      for (int axis = to.length - 1; axis >= 0; axis--) {
        index[axis]++;
        offset += gathered[axis];
        if (index[axis] < to[axis]) {
          break;
        }
        offset -= gathered[axis] * index[axis];
        index[axis] = 0;
      }
    }
    return out;
  }

  private static final class TransposedReader implements TensorReader {
    private final Tensor source;
    private final int[] perm;
    private final long[] shape;
    private volatile SoftReference<float[]> cache = new SoftReference<>(null);

    TransposedReader(Tensor source, int[] perm, long[] shape) {
      this.source = source;
      this.perm = perm.clone();
      this.shape = shape;
    }

    @Override
    public void read(long start, float[] dst, int dstOffset, int count) {
      Bounds.check(source.elementCount(), start, dst, dstOffset, count);
      float[] values = values();
      System.arraycopy(values, Math.toIntExact(start), dst, dstOffset, count);
    }

    private float[] values() {
      float[] values = cache.get();
      if (values == null) {
        synchronized (this) {
          values = cache.get();
          if (values == null) {
            long n = source.elementCount();
            if (n > MAX_TRANSPOSED) {
              throw new UnsupportedOperationException(
                  "transposed weight '"
                      + source.name()
                      + "' "
                      + Arrays.toString(shape)
                      + " is too large to gather ("
                      + n
                      + " values)");
            }
            float[] stored = new float[(int) n];
            source.reader().read(0, stored, 0, stored.length);
            values = permute(stored, source.shape(), perm);
            cache = new SoftReference<>(values);
          }
        }
      }
      return values;
    }
  }
}
