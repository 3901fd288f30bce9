package io.quantlens.cost;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import java.util.Locale;

/**
 * The arithmetic a layer asks for as its file stores it (the one place the cost package reads
 * {@code layer.weight().dtype()}): its weight's stored type and the activations the file feeds it,
 * combined by the rule a plan's scheme and activations are ({@link ComputePrecisions#of(Precision,
 * Precision)}). So a file whose layers get float activations computes in float however its weights
 * are stored, exactly as the plan that stores the weights the same way and leaves activations alone
 * (which keeps the file's activations): a Q4_K GGUF file costs what the llama-q4_k_m plan on it
 * costs.
 */
final class StoredPrecision {
  private StoredPrecision() {}

  static Precision of(Layer layer) {
    return ComputePrecisions.of(weights(layer), activations(layer));
  }

  /** The class of the activations the file feeds the layer: FP32 unless the reader knows better. */
  static Precision activations(Layer layer) {
    return switch (layer.activations()) {
      case INT8, UINT8 -> Precision.INT8;
      case FLOAT16 -> Precision.FP16;
      case BFLOAT16 -> Precision.BF16;
      default -> Precision.FP32;
    };
  }

  /** Bytes per activation value the layer reads and writes as the file feeds it. */
  static double activationBytes(Layer layer) {
    return activations(layer).bits() / 8.0;
  }

  /**
   * The class of the weights' stored type, as {@code ComputePrecisions.of(Scheme)} classes schemes.
   */
  static Precision weights(Layer layer) {
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
