package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.Scheme;
import java.util.List;

/**
 * A weight stored as FLOAT16 or BFLOAT16 and widened back to float32 by one {@code Cast(to=FLOAT)}
 * (docs/onnx-weights.md#writing-a-plan-as-onnx): the initializer keeps the weight's name with the
 * 16-bit type, as onnxconverter-common's {@code convert_tensor_float_to_float16} converts a tensor
 * in place, and the node {@code <w>_cast} writes {@code <w>_cast_output}, which every node of the
 * layer reads instead of the weight. The values are the scheme's cast ({@link FloatFormat#round},
 * what the analysis simulates), stored exactly, so the Cast gives the simulated x̂ bit for bit.
 */
record CastWeight(TensorProto stored, NodeProto cast) {
  /** Cast of FLOAT16 came with opset 6 ({@code to} an int); of BFLOAT16 with opset 13. */
  static int minimumOpset(Scheme scheme) {
    return scheme.format() == FloatFormat.BF16 ? 13 : 6;
  }

  static CastWeight of(String name, float[] values, long[] shape, Scheme scheme) {
    FloatFormat format = (FloatFormat) scheme.format();
    float[] rounded = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      rounded[i] = format.round(values[i]);
    }
    int type = format == FloatFormat.BF16 ? OnnxDataType.BFLOAT16 : OnnxDataType.FLOAT16;
    // the rounded values are representable in the 16-bit type, so storing them rounds nothing
    TensorProto stored = GraphEdits.floats(name, shape, type, rounded);
    NodeProto cast =
        GraphEdits.node(
            name + "_cast",
            "Cast",
            List.of(name),
            name + "_cast_output",
            List.of(
                AttributeProto.newBuilder()
                    .setName("to")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(OnnxDataType.FLOAT)
                    .build()));
    return new CastWeight(stored, cast);
  }
}
