package io.quantlens.formats.openvino;

/**
 * Where each element of a tensor finds its value in a smaller tensor that numpy-style broadcasting
 * stretches over it (shapes aligned at their last axis; a parameter dimension is 1 or equal to the
 * tensor's), as OpenVINO's Subtract and Multiply do with their default {@code auto_broadcast}.
 */
final class BroadcastIndex {
  private final long[] dims;
  private final long[] strides;

  private BroadcastIndex(long[] dims, long[] strides) {
    this.dims = dims;
    this.strides = strides;
  }

  /** True when {@code parameter} broadcasts to exactly {@code shape}. */
  static boolean fits(long[] shape, long[] parameter) {
    if (parameter.length > shape.length) {
      return false;
    }
    int shift = shape.length - parameter.length;
    for (int i = 0; i < parameter.length; i++) {
      if (parameter[i] != 1 && parameter[i] != shape[i + shift]) {
        return false;
      }
    }
    return true;
  }

  /** The index map of {@code parameter} over {@code shape}; {@link #fits} must hold. */
  static BroadcastIndex of(long[] shape, long[] parameter) {
    int shift = shape.length - parameter.length;
    long[] strides = new long[shape.length];
    long stride = 1;
    for (int i = parameter.length - 1; i >= 0; i--) {
      strides[i + shift] = parameter[i] == 1 ? 0 : stride;
      stride *= parameter[i];
    }
    return new BroadcastIndex(shape.clone(), strides);
  }

  /** Writes the parameter index of elements {@code start … start + count − 1} to {@code out}. */
  void indices(long start, int count, long[] out) {
    int rank = dims.length;
    long[] at = new long[rank];
    long rest = start;
    long index = 0;
    for (int i = rank - 1; i >= 0; i--) {
      at[i] = dims[i] == 0 ? 0 : rest % dims[i];
      rest = dims[i] == 0 ? 0 : rest / dims[i];
      index += at[i] * strides[i];
    }
    for (int k = 0; k < count; k++) {
      out[k] = index;
      for (int i = rank - 1; i >= 0; i--) {
        at[i]++;
        index += strides[i];
        if (at[i] < dims[i]) {
          break;
        }
        index -= at[i] * strides[i];
        at[i] = 0;
      }
    }
  }
}
