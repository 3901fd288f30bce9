package io.quantlens.cost;

import io.quantlens.quant.ActivationScheme;
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

  /**
   * The arithmetic a layer with these weights and input activations runs in
   * (docs/hardware-profiles.md#compute-precision): integer weights and activations multiply in
   * integer units as wide as the wider of the two (W4A8 in INT8, W8A8 in INT8, W4A4 in INT4);
   * integer weights are otherwise dequantized into the activations' float format (W4A16 computes in
   * FP16, a weight-only W8 plan in FP32); float weights with integer activations compute in the
   * weights' format; two float formats in the wider one.
   */
  static Precision of(Scheme weights, ActivationScheme activations) {
    Precision a =
        activations.format() instanceof IntFormat i
            ? (i.bits() <= 4 ? Precision.INT4 : Precision.INT8)
            : of(Scheme.of((FloatFormat) activations.format()));
    return of(of(weights), a);
  }

  /** The rule of {@link #of(Scheme, ActivationScheme)} on the two operands' classes. */
  static Precision of(Precision w, Precision a) {
    boolean intW = isInteger(w);
    boolean intA = isInteger(a);
    if (intW && intA) {
      return w.bits() >= a.bits() ? w : a;
    }
    if (intW) {
      return a;
    }
    if (intA) {
      return w;
    }
    return w.bits() > a.bits() ? w : a;
  }

  /**
   * As {@link #of(Scheme, ActivationScheme)}, on a device whose INT4 units may take 8-bit
   * activations (W4A8): there 4-bit integer weights with 8-bit integer activations compute in those
   * INT4 units, not in INT8 ones.
   */
  static Precision of(Scheme weights, ActivationScheme activations, HardwareProfile device) {
    Precision p = of(weights, activations);
    if (device.int4TakesInt8Activations()
        && p == Precision.INT8
        && of(weights) == Precision.INT4
        && weights.format() instanceof IntFormat
        && activations.format() instanceof IntFormat) {
      return Precision.INT4;
    }
    return p;
  }

  private static boolean isInteger(Precision p) {
    return p == Precision.INT8 || p == Precision.INT4;
  }

  /** Bytes per activation value under {@code scheme}: 4 for activations left in float32. */
  static double activationBytes(ActivationScheme scheme) {
    return scheme.bits() / 8.0;
  }

  /** Bytes per activation value of a file computed as stored (INT4 layers keep 8-bit ones). */
  static double storedActivationBytes(Precision p) {
    return Math.max(8, p.bits()) / 8.0;
  }
}
