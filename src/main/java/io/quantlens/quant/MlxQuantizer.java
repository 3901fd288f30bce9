package io.quantlens.quant;

/**
 * Apple MLX's affine quantization of one group, as the CPU backend's {@code quantize} computes it
 * (ml-explore/mlx @ 846d1762, mlx/backend/cpu/quantized.cpp; docs/numeric-rules.md#mlx-recipe).
 * Everything is float32: MLX converts each weight to float before it reduces and rounds.
 *
 * <p>MLX then stores scale and bias in the weights' dtype; this class keeps them in float32, which
 * is exact for a float32 model. For an fp16/bf16 model MLX's dequantized weight differs from ours
 * by the 16-bit rounding of s and bias, at most 2^−11 of |bias| (well below half a step for 4 and 8
 * bits).
 */
public final class MlxQuantizer {
  /** MLX's floor for (max − min) / n. */
  private static final float EPS = 1e-7f;

  private MlxQuantizer() {}

  /**
   * Scale and bias of one group: w ≈ scale·q + bias, codes 0 … maxCode.
   *
   * @param maxCode n = 2^b − 1
   */
  public record Params(float scale, float bias, int maxCode) {
    /** The same grid as {@link GroupParams} with a positive step (bias rounded to a code). */
    public GroupParams asGroupParams() {
      int q0 = Math.round(bias / scale);
      return NncfQuantizer.withPositiveStep(new GroupParams(scale, -q0, 0, maxCode));
    }
  }

  /**
   * n = 2^b − 1; s = max((max − min) / n, 1e−7); if |min| &gt; |max| the edge is min and s &gt; 0,
   * else the edge is max and s = −s; q0 = rint(edge / s); when q0 ≠ 0, s = edge / q0 and bias =
   * edge (so the edge, and 0 = s·(−q0) + edge, are exact), otherwise bias = 0.
   */
  public static Params params(IntFormat format, float min, float max) {
    int n = format.unsignedMax();
    boolean minIsEdge = Math.abs(min) > Math.abs(max);
    float scale = Math.max((max - min) / n, EPS);
    scale = minIsEdge ? scale : -scale;
    float edge = minIsEdge ? min : max;
    float q0 = (float) Math.rint(edge / scale);
    float bias = 0;
    if (q0 != 0) {
      scale = edge / q0;
      bias = edge;
    }
    return new Params(scale, bias, n);
  }

  /** The group's codes q = clamp(rint((w − bias) / s), 0, n), written to {@code codes[off..)}. */
  public static void codes(float[] x, int off, int len, Params p, int[] codes) {
    for (int i = off, end = off + len; i < end; i++) {
      codes[i] = (int) code(x[i], p);
    }
  }

  /**
   * Writes x̂ = s·q + bias (float32, not fused) for {@code x[off..off+len)} to {@code out[off..)}.
   *
   * @return how many codes were clamped to 0 or n
   */
  public static int roundTrip(float[] x, int off, int len, Params p, float[] out) {
    int clipped = 0;
    for (int i = off, end = off + len; i < end; i++) {
      float raw = (float) Math.rint((x[i] - p.bias()) / p.scale());
      float q = Math.max(0f, Math.min(p.maxCode(), raw));
      clipped += q != raw ? 1 : 0;
      out[i] = p.scale() * q + p.bias();
    }
    return clipped;
  }

  private static float code(float w, Params p) {
    return Math.max(0f, Math.min(p.maxCode(), (float) Math.rint((w - p.bias()) / p.scale())));
  }
}
