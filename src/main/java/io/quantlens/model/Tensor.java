package io.quantlens.model;

import java.util.Arrays;

/**
 * A named weight tensor whose values are read lazily through a {@link TensorReader}.
 *
 * @param name initializer name in the model file
 * @param dtype how the values are stored in the file
 * @param shape dimensions, outermost first
 * @param reader streams the values as float32 (already dequantized for quantized storage)
 */
public record Tensor(String name, DType dtype, long[] shape, TensorReader reader) {

  public Tensor {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long dim(int axis) {
    return shape[axis];
  }

  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Bytes this tensor occupies in its file (packed 4-bit types and blocks round up). */
  public long storedBytes() {
    return dtype.storedBytes(elementCount());
  }

  public String shapeText() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + shapeText();
  }
}
