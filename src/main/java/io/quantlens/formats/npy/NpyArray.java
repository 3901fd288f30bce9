package io.quantlens.formats.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A C-ordered NumPy array: its element type, shape and little-endian bytes. The buffer may be a
 * slice of a memory-mapped file; use {@link #data()} for a fresh view positioned at 0.
 */
public record NpyArray(NpyType type, long[] shape, ByteBuffer bytes) {
  public NpyArray {
    shape = shape.clone();
    long expected = elementCount(shape) * type.bytes();
    if (bytes.remaining() != expected) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " of "
              + type
              + " needs "
              + expected
              + " bytes, got "
              + bytes.remaining());
    }
    bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  public static NpyArray ofFloats(long[] shape, float[] values) {
    ByteBuffer buffer = allocate(values.length * 4L);
    buffer.asFloatBuffer().put(values);
    return new NpyArray(NpyType.FLOAT32, shape, buffer);
  }

  public static NpyArray ofLongs(long[] shape, long[] values) {
    ByteBuffer buffer = allocate(values.length * 8L);
    buffer.asLongBuffer().put(values);
    return new NpyArray(NpyType.INT64, shape, buffer);
  }

  public static NpyArray ofBytes(NpyType type, long[] shape, byte[] values) {
    if (type.bytes() != 1) {
      throw new IllegalArgumentException(type + " is not a one-byte type");
    }
    return new NpyArray(type, shape, ByteBuffer.wrap(values));
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** A view of the bytes, little-endian, positioned at 0. */
  public ByteBuffer data() {
    return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  public long elementCount() {
    return elementCount(shape);
  }

  /** The first dimension, or 1 for a scalar. */
  public long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  static long elementCount(long[] shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, d);
    }
    return count;
  }

  private static ByteBuffer allocate(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray other
        && type == other.type
        && Arrays.equals(shape, other.shape)
        && data().equals(other.data());
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "NpyArray[" + type + " " + Arrays.toString(shape) + "]";
  }
}
