package io.quantlens.quant;

import java.util.Locale;

/**
 * Whose arithmetic an integer scheme follows when it picks a group's scale and zero point and
 * rounds its codes. The three tools agree on "uniform b-bit grid" and differ in the details, which
 * are what a user comparing them wants to see.
 */
public enum IntRecipe {
  /**
   * ONNX Runtime's quantizer and ONNX QuantizeLinear (docs/numeric-rules.md#onnx-recipe): the range
   * includes 0, symmetric codes ±(2^(b−1)−1), q = rne(x / s) + zp.
   */
  ONNX,
  /**
   * ONNX Runtime's quantizer with {@code reduce_range=True} (quant_utils.py
   * get_qmin_qmax_for_qType, docs/numeric-rules.md#onnx-runtime-reduce-range): the ONNX recipe over
   * one bit fewer of codes, symmetric ±2^(b−2) (int8: −64 … 64, scale absmax / 64), asymmetric 0 …
   * 2^(b−1)−1 (uint8: 0 … 127).
   */
  REDUCE,
  /**
   * ONNX Runtime's symmetric recipe on an unsigned type (QUInt8 with WeightSymmetric, as
   * quantize_dynamic stores Gather tables; docs/numeric-rules.md#onnx-runtime-unsigned-symmetric):
   * the range ±absmax over codes 0 … 2^b−1, scale 2·absmax / (2^b−1), zero point 2^(b−1).
   */
  UNSIGNED,
  /**
   * OpenVINO NNCF {@code compress_weights} (nncf weight_lowering.py): asymmetric over [min, max]
   * without 0, q = rne(x / s + zp); symmetric with a signed scale and codes −2^(b−1) … 2^(b−1)−1.
   */
  NNCF,
  /**
   * Apple MLX affine {@code quantize} (mlx/backend/cpu/quantized.cpp,
   * docs/numeric-rules.md#mlx-recipe): w ≈ s·q + bias with the larger-magnitude edge exactly
   * representable.
   */
  MLX;

  /** The token in scheme text; the default {@link #ONNX} is not written. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
