package io.quantlens.cost;

import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.Format;
import io.quantlens.quant.GgmlFormat;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Scheme;

/** The arithmetic a scheme's layer asks for. */
final class ComputePrecisions {
  private ComputePrecisions() {}

  /**
   * Float casts compute in their format; integers of 5 to 8 bits in INT8 and of 2 to 4 bits in INT4
   * units; NF4 is a lookup table, dequantized to FP16 for the multiply (as bitsandbytes does).
   * llama.cpp blocks: q8_0 in INT8 units, the 2- to 6-bit types counted as INT4-class (llama.cpp's
   * CPU kernels actually multiply them against 8-bit quantized activations; this is a cost class).
   */
  static Precision of(Scheme scheme) {
    Format format = scheme.format();
    if (format instanceof FloatFormat f) {
      return switch (f) {
        case FP32 -> Precision.FP32;
        case FP16 -> Precision.FP16;
        case BF16 -> Precision.BF16;
        case FP8_E4M3, FP8_E5M2 -> Precision.FP8;
      };
    }
    if (format instanceof GgmlFormat g) {
      return g == GgmlFormat.Q8_0 ? Precision.INT8 : Precision.INT4;
    }
    if (format instanceof IntFormat i) {
      return i.bits() <= 4 ? Precision.INT4 : Precision.INT8;
    }
    return Precision.FP16;
  }

  /** Bytes per activation value at a precision (INT4 layers keep 8-bit activations). */
  static double activationBytes(Precision p) {
    return Math.max(8, p.bits()) / 8.0;
  }
}
