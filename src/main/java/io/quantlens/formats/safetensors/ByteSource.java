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

  /** Zero bytes of any length. */
  static ByteSource zeros() {
    return (offset, target) -> {
      while (target.hasRemaining()) {
        target.put((byte) 0);
      }
    };
  }
}
