package io.quantlens.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Produces a tensor's stored bytes on demand, so that a writer can stream a tensor of any size
 * through a small buffer. Implementations must give the same bytes for the same range every time.
 */
@FunctionalInterface
public interface ByteSource {
  /**
   * Fills every remaining byte of {@code target} (from its position to its limit) with the tensor's
   * bytes starting at byte {@code offset} of the tensor. {@code target} is little-endian; leave its
   * position at its limit.
   */
  void fill(long offset, ByteBuffer target) throws IOException;

  /** The bytes of an array, as they are. */
  static ByteSource of(byte[] bytes) {
    return (offset, target) -> target.put(bytes, Math.toIntExact(offset), target.remaining());
  }

  /** Float32 values, little-endian (for dtype {@code F32}). */
  static ByteSource float32(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return of(bytes.array());
  }

  /**
   * {@code elements} values of {@code values} encoded as {@code dtype} ({@code F32}, {@code F16} or
   * {@code BF16}, rounded to nearest even), read for whatever byte range the writer asks for.
   */
  static ByteSource floats(io.quantlens.model.TensorReader values, String dtype, long elements) {
    int size =
        switch (dtype) {
          case "F32" -> 4;
          case "F16", "BF16" -> 2;
          default ->
              throw new IllegalArgumentException("not a float dtype written from floats: " + dtype);
        };
    return (offset, target) -> {
      long first = offset / size;
      long end = Math.min(elements, (offset + target.remaining() + size - 1) / size);
      int count = (int) (end - first);
      float[] x = new float[count];
      values.read(first, x, 0, count);
      ByteBuffer encoded = ByteBuffer.allocate(count * size).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : x) {
        switch (dtype) {
          case "F32" -> encoded.putFloat(v);
          case "F16" -> encoded.putShort(io.quantlens.quant.HalfFloats.toFp16(v));
          default -> encoded.putShort(io.quantlens.quant.HalfFloats.toBf16(v));
        }
      }
      encoded
          .position((int) (offset - first * size))
          .limit(encoded.position() + target.remaining());
      target.put(encoded);
    };
  }

  /** Zero bytes of any length. */
  static ByteSource zeros() {
    return (offset, target) -> {
      while (target.hasRemaining()) {
        target.put((byte) 0);
      }
    };
  }
}
