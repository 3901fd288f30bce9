package io.quantlens.cost;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import java.util.Locale;

/**
 * The arithmetic a layer asks for as its file stores it, from its weight's stored type (the one
 * place the cost package reads {@code layer.weight().dtype()}): the same classes as {@link
 * ComputePrecisions#of} gives the matching schemes.
 */
final class StoredPrecision {
  private StoredPrecision() {}

  static Precision of(Layer layer) {
    DType type = layer.weight().dtype();
    return switch (type) {
      case FLOAT16 -> Precision.FP16;
      case BFLOAT16 -> Precision.BF16;
      case FLOAT8_E4M3, FLOAT8_E5M2, FLOAT8_E8M0 -> Precision.FP8;
      case INT8, UINT8, Q8_0 -> Precision.INT8;
      case INT4,
          UINT4,
          NF4,
          FLOAT4_E2M1,
          UINT2,
          UINT3,
          UINT5,
          UINT6,
          Q4_0,
          Q4_1,
          Q5_0,
          Q5_1,
          Q2_K,
          Q3_K,
          Q4_K,
          Q5_K,
          Q6_K ->
          Precision.INT4;
      case FLOAT32, FLOAT64, INT32, INT64, OTHER -> Precision.FP32;
    };
  }

  /** The scheme column's text for a stored layer, e.g. {@code stored int8}. */
  static String label(Layer layer) {
    return "stored " + layer.weight().dtype().name().toLowerCase(Locale.ROOT);
  }
}
