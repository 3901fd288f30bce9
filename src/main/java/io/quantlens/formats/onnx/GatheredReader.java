package io.quantlens.formats.onnx;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import java.lang.ref.SoftReference;
import java.util.function.Supplier;

/**
 * Reads a view whose values are gathered in one piece from other tensors (transposed, sliced or
 * joined), since such a view has no contiguous runs to stream. The gathered copy is held softly.
 */
final class GatheredReader implements TensorReader {
  /** A gathered view has at most this many values. */
  static final long MAX_GATHERED = 1L << 28;

  private final long count;
  private final Supplier<float[]> gather;
  private volatile SoftReference<float[]> cache = new SoftReference<>(null);

  GatheredReader(long count, Supplier<float[]> gather) {
    this.count = count;
    this.gather = gather;
  }

  @Override
  public void read(long start, float[] dst, int dstOffset, int count) {
    Bounds.check(this.count, start, dst, dstOffset, count);
    System.arraycopy(values(), Math.toIntExact(start), dst, dstOffset, count);
  }

  private float[] values() {
    float[] values = cache.get();
    if (values == null) {
      synchronized (this) {
        values = cache.get();
        if (values == null) {
          values = gather.get();
          cache = new SoftReference<>(values);
        }
      }
    }
    return values;
  }

  /** Every value of {@code source}, refused beyond {@link #MAX_GATHERED}. */
  static float[] all(Tensor source, String what) {
    long n = source.elementCount();
    if (n > MAX_GATHERED) {
      throw new UnsupportedOperationException(
          what
              + " weight '"
              + source.name()
              + "' "
              + source.shapeText()
              + " is too large to gather ("
              + n
              + " values)");
    }
    float[] values = new float[(int) n];
    source.reader().read(0, values, 0, values.length);
    return values;
  }
}
