package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeKernel;
import io.quantlens.quant.Symmetry;
import java.util.List;

/**
 * A weight quantized per channel in ONNX Runtime's QDQ layout (qdq_quantizer.py {@code
 * _add_qdq_pair_for_initializer} with {@code quantize_weight_per_channel}): codes {@code
 * <w>_quantized} in the weight's shape (INT8 symmetric, UINT8 asymmetric), scales {@code <w>_scale}
 * and zero points {@code <w>_zero_point} of one value per channel, and a DequantizeLinear {@code
 * <w>_DequantizeLinear} along the channel axis whose output {@code <w>_DequantizeLinear_Output} the
 * layer's nodes read instead of the weight. Codes and scales are those the scheme's kernel
 * computes, so DequantizeLinear gives the analysis's x̂ bit for bit.
 */
record QdqWeight(
    TensorProto codes, TensorProto scales, TensorProto zeroPoints, NodeProto dequantize) {

  static QdqWeight of(String name, float[] values, long[] shape, int axis, Scheme scheme) {
    ChannelMajor cm = ChannelMajor.of(values, shape, axis);
    SchemeKernel kernel = SchemeKernel.of(scheme, null);
    boolean signed = scheme.symmetry() == Symmetry.SYM;
    int type = signed ? OnnxDataType.INT8 : OnnxDataType.UINT8;
    byte[] codes = new byte[values.length];
    float[] scales = new float[cm.channels()];
    byte[] zeroPoints = new byte[cm.channels()];
    float[] scratch = new float[values.length];
    int reduction = cm.reduction();
    for (int c = 0; c < cm.channels(); c++) {
      GroupParams p = kernel.groupParams(cm.values(), c * reduction, reduction, scratch);
      scales[c] = p.scale();
      zeroPoints[c] = (byte) p.zeroPoint();
      for (int r = 0; r < reduction; r++) {
        codes[cm.flatIndex(c, r)] = (byte) code(cm.values()[c * reduction + r], p);
      }
    }
    TensorProto codeTensor = bytes(name + "_quantized", type, shape, codes);
    TensorProto scaleTensor =
        GraphEdits.floats(name + "_scale", new long[] {cm.channels()}, OnnxDataType.FLOAT, scales);
    TensorProto zeroTensor =
        bytes(name + "_zero_point", type, new long[] {cm.channels()}, zeroPoints);
    NodeProto dq =
        GraphEdits.node(
            name + "_DequantizeLinear",
            "DequantizeLinear",
            List.of(codeTensor.getName(), scaleTensor.getName(), zeroTensor.getName()),
            name + "_DequantizeLinear_Output",
            List.of(
                AttributeProto.newBuilder()
                    .setName("axis")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(axis)
                    .build()));
    return new QdqWeight(codeTensor, scaleTensor, zeroTensor, dq);
  }

  /**
   * q = clamp(rne(x / scale), qmin − zp, qmax − zp) + zp: IntQuantizer's rounding (the bounds are
   * integers, so clamping before or after rounding gives the same code).
   */
  static int code(float x, GroupParams p) {
    float lo = p.qmin() - p.zeroPoint();
    float hi = p.qmax() - p.zeroPoint();
    float t = Math.max(lo, Math.min(hi, x / p.scale()));
    return (int) Math.rint(t) + p.zeroPoint();
  }

  static TensorProto bytes(String name, int type, long[] shape, byte[] raw) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
    for (long d : shape) {
      t.addDims(d);
    }
    return t.setRawData(ByteString.copyFrom(raw)).build();
  }
}
