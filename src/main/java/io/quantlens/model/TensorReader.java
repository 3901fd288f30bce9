package io.quantlens.model;

/**
 * Streams a tensor's elements as float32 values, in row-major (C) order, without materialising the
 * whole tensor. Implementations read from memory-mapped files and must be safe to call from several
 * threads at once.
 */
@FunctionalInterface
public interface TensorReader {
  /**
   * Copies {@code count} elements starting at element {@code start} into {@code dst[dstOffset..]}.
   */
  void read(long start, float[] dst, int dstOffset, int count);

  /** A reader of values held in memory (a weight a computation made, not read from a file). */
  static TensorReader of(float[] values) {
    return (start, dst, offset, count) -> System.arraycopy(values, (int) start, dst, offset, count);
  }
}
