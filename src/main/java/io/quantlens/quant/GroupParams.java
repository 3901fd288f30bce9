package io.quantlens.quant;

/**
 * The parameters shared by one scale group of an integer scheme: {@code q = clamp(rne(x / scale) +
 * zeroPoint, qmin, qmax)}, {@code x̂ = (q − zeroPoint) · scale}, all in float32 as ONNX
 * QuantizeLinear / DequantizeLinear compute them (docs/numeric-rules.md#onnx-recipe).
 */
public record GroupParams(float scale, int zeroPoint, int qmin, int qmax) {

  private static final double FLT_MIN = Float.MIN_NORMAL;

  /** scale = absmax / (2^(b−1)−1) in float32, zero point 0, codes ±(2^(b−1)−1). */
  public static GroupParams symmetric(IntFormat format, float absmax) {
    int qmax = format.symmetricMax();
    float scale = absmax / qmax;
    // ONNX Runtime's quantizer falls back to scale 1 when the range is empty (quant_utils.py).
    if (!(scale >= FLT_MIN) || Float.isInfinite(scale)) {
      scale = 1f;
    }
    return new GroupParams(scale, 0, -qmax, qmax);
  }

  /** ONNX Runtime's reduce_range symmetric grid: scale = absmax / 2^(b−2), codes ±2^(b−2). */
  public static GroupParams symmetricReduced(IntFormat format, float absmax) {
    int qmax = 1 << (format.bits() - 2);
    float scale = absmax / qmax;
    if (!(scale >= FLT_MIN) || Float.isInfinite(scale)) {
      scale = 1f;
    }
    return new GroupParams(scale, 0, -qmax, qmax);
  }

  /**
   * ONNX Runtime's symmetric range on unsigned codes: scale = 2·absmax / (2^b − 1) in double,
   * stored as float32; zero point round((qmin + qmax) / 2) = 2^(b−1) with ties to even, as
   * quant_utils.py compute_scale_zp writes it for symmetric ranges.
   */
  public static GroupParams symmetricUnsigned(IntFormat format, float absmax) {
    int qmax = format.unsignedMax();
    double scale64 = 2.0 * absmax / qmax;
    if (!(scale64 >= FLT_MIN) || Double.isInfinite(scale64)) {
      return new GroupParams(1f, 0, 0, qmax);
    }
    return new GroupParams((float) scale64, 1 << (format.bits() - 1), 0, qmax);
  }

  /**
   * ONNX Runtime's asymmetric recipe (quant_utils.py compute_scale_zp,
   * docs/numeric-rules.md#onnx-recipe): the range always includes 0; scale = (rmax − rmin) / (2^b −
   * 1) computed in double and stored as float32; zero point = rne(−rmin / scale) from the double
   * scale, clamped to the code range.
   */
  public static GroupParams asymmetric(IntFormat format, float min, float max) {
    int qmax = format.unsignedMax();
    float rmin = Math.min(min, 0f);
    float rmax = Math.max(max, 0f);
    double scale64 = (double) (rmax - rmin) / qmax;
    if (!(scale64 >= FLT_MIN) || Double.isInfinite(scale64)) {
      return new GroupParams(1f, 0, 0, qmax);
    }
    long zp = (long) Math.rint(-rmin / scale64);
    int zeroPoint = (int) Math.max(0, Math.min(qmax, zp));
    return new GroupParams((float) scale64, zeroPoint, 0, qmax);
  }

  /** Quantizes one value to its integer code, without clamping. */
  public float unclampedCode(float x) {
    return (float) Math.rint(x / scale) + zeroPoint;
  }
}
