package io.quantlens.quant;

/** NF4 quantize → dequantize of one block scaled by {@code absmax} (docs/numeric-rules.md#nf4). */
public final class Nf4Quantizer {
  private Nf4Quantizer() {}

  /**
   * Writes x̂ for {@code x[off..off+len)} to {@code out[off..)}.
   *
   * @return how many values lay beyond ±absmax and were clamped
   */
  public static int roundTrip(float[] x, int off, int len, float absmax, float[] out) {
    Nf4Format nf4 = Nf4Format.NF4;
    if (!(absmax > 0)) {
      java.util.Arrays.fill(out, off, off + len, 0f);
      return 0;
    }
    float inverse = 1f / absmax;
    int clipped = 0;
    for (int i = off, end = off + len; i < end; i++) {
      float scaled = x[i] * inverse;
      if (scaled > 1f || scaled < -1f) {
        clipped++;
        scaled = Math.max(-1f, Math.min(1f, scaled));
      }
      out[i] = nf4.level(nf4.nearestCode(scaled)) * absmax;
    }
    return clipped;
  }
}
