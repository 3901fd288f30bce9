package io.quantlens.formats.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor to write: its header entry and where its bytes come from.
 *
 * @param name header key; not {@code __metadata__}
 * @param dtype a safetensors dtype string, e.g. {@code F32}, {@code BF16}, {@code F8_E4M3}, {@code
 *     I64}
 * @param shape dimensions, outermost first; empty for a scalar, a 0 for an empty tensor
 * @param source the {@link #byteLength()} stored bytes (row-major, little-endian)
 */
public record TensorSpec(String name, String dtype, long[] shape, ByteSource source) {

  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source of tensor '" + name + "'");
    if (name.equals(HeaderParser.METADATA_KEY)) {
      throw new IllegalArgumentException("a tensor cannot be named " + name);
    }
    if (SafetensorsDType.parse(dtype) == null) {
      throw new IllegalArgumentException("tensor '" + name + "' has unknown dtype '" + dtype + "'");
    }
    shape = shape.clone();
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "tensor '" + name + "' has a negative dimension in " + Arrays.toString(shape));
      }
    }
    byteLength(name, dtype, shape); // fails early on overflow or a partial byte
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Bytes the tensor occupies in the file. */
  public long byteLength() {
    return byteLength(name, dtype, shape);
  }

  private static long byteLength(String name, String dtype, long[] shape) {
    try {
      long n = 1;
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
      return SafetensorsDType.parse(dtype).byteLength(n);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' of shape " + Arrays.toString(shape) + " is too large", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && name.equals(t.name)
        && dtype.equals(t.dtype)
        && Arrays.equals(shape, t.shape)
        && source.equals(t.source);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + Arrays.toString(shape);
  }
}
