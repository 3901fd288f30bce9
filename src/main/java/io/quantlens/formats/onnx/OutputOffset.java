package io.quantlens.formats.onnx;

/**
 * A constant added to a layer's output, shaped to broadcast over it: {@code [C]} along the last
 * axis, {@code [1, C, 1, 1]} along a Conv output's channels.
 */
public record OutputOffset(long[] shape, float[] values) {
  public OutputOffset {
    shape = shape.clone();
    values = values.clone();
  }

  /** One value per output channel of a layer whose output has {@code rank} axes. */
  public static OutputOffset perChannel(float[] values, boolean channelsFirst, int rank) {
    if (!channelsFirst) {
      return new OutputOffset(new long[] {values.length}, values);
    }
    long[] shape = new long[Math.max(2, rank)];
    java.util.Arrays.fill(shape, 1);
    shape[1] = values.length;
    return new OutputOffset(shape, values);
  }
}
