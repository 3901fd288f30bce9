package io.quantlens.model;

import java.util.List;

/**
 * A weight-bearing operation of the model.
 *
 * @param name node name (falls back to the weight's name when the node has none); unique in the
 *     model
 * @param opType operator, e.g. {@code Conv}, {@code MatMul}, {@code Gemm}, {@code Gather}
 * @param weight the weight tensor, its values as the operation reads them
 * @param bias the bias tensor, or {@code null}
 * @param channelAxis the weight axis that indexes output channels
 * @param storage how the file stores the weight when that is more than a plain tensor, e.g. {@code
 *     "MatMulNBits 4-bit, block 32, symmetric"} or {@code "FLOAT16, through Cast"}; empty otherwise
 * @param users the nodes that read this weight (more than one when it is shared)
 * @param activations the element type of the activations the file feeds the layer, which with the
 *     weight's type decides the arithmetic it runs in as stored: FLOAT32 unless the reader knows
 *     otherwise, FLOAT16 in an FP16 ONNX graph, INT8 for ONNX's integer operators (MatMulInteger,
 *     QLinearConv…) and a layer whose input comes out of a DequantizeLinear (static QDQ, which ONNX
 *     Runtime fuses into them)
 */
public record Layer(
    String name,
    String opType,
    Tensor weight,
    Tensor bias,
    int channelAxis,
    String storage,
    List<String> users,
    DType activations) {

  public Layer {
    if (channelAxis < 0 || channelAxis >= Math.max(1, weight.rank())) {
      throw new IllegalArgumentException(
          "channel axis " + channelAxis + " out of range for " + weight.shapeText());
    }
    storage = storage == null ? "" : storage;
    activations = activations == null ? DType.FLOAT32 : activations;
    users = List.copyOf(users);
  }

  /** A layer the file feeds FLOAT32 activations. */
  public Layer(
      String name,
      String opType,
      Tensor weight,
      Tensor bias,
      int channelAxis,
      String storage,
      List<String> users) {
    this(name, opType, weight, bias, channelAxis, storage, users, DType.FLOAT32);
  }

  /** A plain stored tensor used by one node, {@code name}. */
  public Layer(String name, String opType, Tensor weight, Tensor bias, int channelAxis) {
    this(name, opType, weight, bias, channelAxis, "", List.of(name));
  }

  public long parameterCount() {
    return weight.elementCount() + (bias == null ? 0 : bias.elementCount());
  }

  /** True when the file stores the weight already quantized (by ONNX operators or blocks). */
  public boolean storedQuantized() {
    DType d = weight.dtype();
    return d.isBlock()
        || d == DType.INT8
        || d == DType.UINT8
        || d == DType.INT4
        || d == DType.UINT4
        || d == DType.NF4
        || d == DType.FLOAT4_E2M1
        || d == DType.UINT2
        || d == DType.UINT3
        || d == DType.UINT5
        || d == DType.UINT6;
  }
}
