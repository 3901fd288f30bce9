package io.quantlens.quant;

/**
 * OpenVINO NNCF's integer weight compression, as {@code weight_lowering.py} computes it in float32
 * (nncf @ ef8e1dbd, src/nncf/quantization/algorithms/weight_compression/weight_lowering.py;
 * fake_quantize.py {@code calculate_scale_zero_point}).
 */
public final class NncfQuantizer {
  /** numpy's {@code finfo(float32).eps}, NNCF's floor for |scale|. */
  static final float EPS = Math.ulp(1f);

  private NncfQuantizer() {}

  /**
   * Parameters of one group with the given min and max.
   *
   * <ul>
   *   <li>asymmetric ({@code calculate_scale_zero_point}, narrow_range False): s = (max − min) /
   *       (2^b − 1) in float32, |s| &lt; eps → eps; zp = clip(0 − rne(min / s), 0, 2^b − 1). The
   *       range is the group's own [min, max]: 0 is not forced in, so an all-positive group clips.
   *   <li>symmetric ({@code _calculate_signed_scale}): s = (|min| ≥ max ? |min| : −max) / 2^(b−1),
   *       |s| &lt; eps → eps, zp 0, codes −2^(b−1) … 2^(b−1)−1: the larger-magnitude edge maps to
   *       −2^(b−1) exactly.
   * </ul>
   */
  public static GroupParams params(IntFormat format, Symmetry symmetry, float min, float max) {
    if (symmetry == Symmetry.ASYM) {
      int qmax = format.unsignedMax();
      float scale = floorAtEps((max - min) / qmax);
      float zp = -(float) Math.rint(min / scale);
      return new GroupParams(scale, (int) Math.max(0, Math.min(qmax, zp)), 0, qmax);
    }
    int half = 1 << (format.bits() - 1);
    float absMin = Math.abs(min);
    float scale = floorAtEps((absMin >= max ? absMin : -max) / half);
    return new GroupParams(scale, 0, -half, half - 1);
  }

  private static float floorAtEps(float scale) {
    return Math.abs(scale) < EPS ? EPS : scale;
  }

  /**
   * Writes x̂ for {@code x[off..off+len)} to {@code out[off..)} as OpenVINO decompresses what NNCF
   * stores: the code q = clip(rne(x / s + zp), qmin, qmax) with the float32 scale and the zero
   * point added in float32 before rounding, as {@code _calculate_integer_quantized_weight} does
   * (adding after rounding differs at rare ties); then x̂ = f16((q − zp) · f16(s)), since NNCF's
   * OpenVINO backend stores the scale as f16 and multiplies in f16 (nncf @ 029d4cfb,
   * src/nncf/openvino/.../openvino_backend.py {@code _create_compression_subgraph}, scale_dtype
   * f16). (q − zp) · f16(s) is exact in float32 (at most 9 + 11 significant bits), so one rounding
   * to f16 gives the f16 product.
   *
   * @return how many codes were clipped
   */
  public static int roundTrip(float[] x, int off, int len, GroupParams p, float[] out) {
    float scale = p.scale();
    float zp = p.zeroPoint();
    float storedScale = storedScale(p);
    int clipped = 0;
    for (int i = off, end = off + len; i < end; i++) {
      float q = unclipped(x[i], scale, zp);
      if (q < p.qmin() || q > p.qmax()) {
        clipped++;
        q = Math.max(p.qmin(), Math.min(p.qmax(), q));
      }
      // the stored code is an integer: a −0 of rne(x / s) is 0 there
      out[i] = FloatFormat.FP16.round(((int) q - zp) * storedScale);
    }
    return clipped;
  }

  /** The scale as NNCF stores it next to the codes: f16 (rounded to nearest even). */
  public static float storedScale(GroupParams p) {
    return FloatFormat.FP16.round(p.scale());
  }

  /**
   * The stored code of {@code x}, clip(rne(x / s + zp), qmin, qmax), exactly as {@link #roundTrip}
   * computes it: what NNCF writes into a compressed weight's constant.
   */
  public static int code(float x, GroupParams p) {
    float q = unclipped(x, p.scale(), p.zeroPoint());
    return (int) Math.max(p.qmin(), Math.min(p.qmax(), q));
  }

  private static float unclipped(float x, float scale, float zp) {
    return (float) Math.rint(x / scale + zp);
  }

  /**
   * The same levels with a positive step, for displays that expect one: a negative symmetric scale
   * s with codes [qmin, qmax] gives the values of −s with codes [−qmax, −qmin].
   */
  public static GroupParams withPositiveStep(GroupParams p) {
    return p.scale() >= 0 ? p : new GroupParams(-p.scale(), -p.zeroPoint(), -p.qmax(), -p.qmin());
  }
}
