package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * A constant added to a layer's output, shaped to broadcast over it: {@code [C]} along the last
 * axis, {@code [1, C, 1, 1]} along a Conv output's channels.
 */
public record OutputOffset(long[] shape, float[] values) {
  public OutputOffset {
    shape = shape.clone();
    values = values.clone();
  }

  /** A Constant holding the offset and the Add that writes {@code output} = {@code raw} + it. */
  List<NodeProto> nodes(String prefix, String raw, String output) {
    String name = prefix + "offset";
    return List.of(
        GraphEdits.constant(name, name, GraphEdits.floats(name, shape, OnnxDataType.FLOAT, values)),
        GraphEdits.node(prefix + "add", "Add", List.of(raw, name), output, List.of()));
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
