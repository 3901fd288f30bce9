package io.quantlens.formats.onnx;

/**
 * A weight's values reordered so that each channel's reduction vector is contiguous, in the order
 * the analysis groups them (channel c, then the other axes in row-major order): scale groups are
 * runs of this array.
 */
record ChannelMajor(float[] values, int channels, int reduction, int inner) {

  static ChannelMajor of(float[] values, long[] shape, int axis) {
    int channels = shape.length == 0 ? 1 : Math.toIntExact(shape[axis]);
    long inner = 1;
    for (int d = axis + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    int reduction = values.length / Math.max(1, channels);
    float[] out = new float[values.length];
    ChannelMajor layout = new ChannelMajor(out, channels, reduction, Math.toIntExact(inner));
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < reduction; r++) {
        out[c * reduction + r] = values[layout.flatIndex(c, r)];
      }
    }
    return layout;
  }

  /** Index in the stored row-major layout of reduction element {@code r} of channel {@code c}. */
  int flatIndex(int c, int r) {
    return (r / inner) * channels * inner + c * inner + r % inner;
  }
}
