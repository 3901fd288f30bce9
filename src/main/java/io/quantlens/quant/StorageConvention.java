package io.quantlens.quant;

/**
 * What a real file stores per scheme, for size and effective bits per weight:
 *
 * <ul>
 *   <li>float casts: the format's bits, nothing else;
 *   <li>integer, per tensor or per channel: one float32 scale per scale group (ONNX QDQ stores
 *       float32 scales), plus a b-bit zero point when asymmetric;
 *   <li>integer, groups of N: one FP16 scale per group (GGUF and common 4-bit formats), plus a
 *       b-bit zero point when asymmetric (as MatMulNBits packs them);
 *   <li>NF4: one float32 absmax per group (bitsandbytes without double quantization);
 *   <li>llama.cpp block formats: exactly {@link GgmlFormat#blockBytes()} per block, codes and
 *       scales together, with blocks counted per row (a row that is not a multiple of the block is
 *       padded to whole blocks): 8.5 bits per weight for q8_0, 4.5 q4_0, 5 q4_1, 5.5 q5_0, 6 q5_1,
 *       2.625 q2_k, 3.4375 q3_k, 4.5 q4_k, 5.5 q5_k, 6.5625 q6_k.
 *   <li>NNCF recipe: one FP16 scale per channel or group (OpenVINO's compressed-weight constants,
 *       nncf openvino_backend.py {@code _create_compression_subgraph}), plus a b-bit zero point
 *       when asymmetric;
 *   <li>MLX recipe: a 16-bit scale and a 16-bit bias per group (MLX stores both in the weights'
 *       dtype; models converted with mlx-lm are fp16 or bf16).
 * </ul>
 */
public final class StorageConvention {
  private StorageConvention() {}

  /** Number of scale groups in a tensor of {@code channels} × {@code reduction} weights. */
  public static long groupCount(Scheme scheme, long channels, long reduction) {
    Granularity g = scheme.granularity();
    return switch (g.kind()) {
      case TENSOR -> 1;
      case CHANNEL -> channels;
      case GROUP -> channels * ((reduction + g.groupSize() - 1) / g.groupSize());
    };
  }

  /**
   * Bits stored per group for its scale and zero point; for a ggml format, everything a block
   * stores beyond its nominal code bits (fp16 scales, sub-block scales, mins).
   */
  public static int bitsPerGroup(Scheme scheme) {
    Format format = scheme.format();
    if (format instanceof FloatFormat) {
      return 0;
    }
    if (format instanceof GgmlFormat f) {
      return 8 * f.blockBytes() - f.blockElements() * f.bits();
    }
    if (format instanceof Nf4Format) {
      return 32;
    }
    return switch (scheme.recipe()) {
      case MLX -> 16 + 16;
      case NNCF -> 16 + (scheme.symmetry() == Symmetry.ASYM ? format.bits() : 0);
      case UNSIGNED -> 32 + format.bits();
      case ONNX, REDUCE -> {
        int scaleBits = scheme.granularity().kind() == Granularity.Kind.GROUP ? 16 : 32;
        yield scaleBits + (scheme.symmetry() == Symmetry.ASYM ? format.bits() : 0);
      }
    };
  }

  /** Total stored bits for the tensor. */
  public static long storedBits(Scheme scheme, long channels, long reduction) {
    long elements = channels * reduction;
    if (scheme.format() instanceof FloatFormat) {
      return elements * scheme.format().bits();
    }
    if (scheme.format() instanceof GgmlFormat f) {
      return groupCount(scheme, channels, reduction) * 8L * f.blockBytes();
    }
    return elements * scheme.format().bits()
        + groupCount(scheme, channels, reduction) * bitsPerGroup(scheme);
  }

  /** Effective bits per weight, scales and zero points included. */
  public static double bitsPerWeight(Scheme scheme, long channels, long reduction) {
    return (double) storedBits(scheme, channels, reduction) / (channels * reduction);
  }
}
