package io.quantlens.eval.llm;

/**
 * The element-wise steps of a decoder block, as ggml computes them (ggml-cpu/ops.cpp of the pinned
 * llama.cpp; lines in docs/llm-forward-pass.md), in double where ggml uses float so the results are
 * at least as accurate.
 */
final class DecoderMath {
  private DecoderMath() {}

  /**
   * RMSNorm: {@code y = x / sqrt(mean(x²) + ε) · g} ({@code ggml_compute_forward_rms_norm_f32}).
   */
  static float[] rmsNorm(float[] x, float[] gain, float epsilon) {
    double sum = 0;
    for (float v : x) {
      sum += (double) v * v;
    }
    double scale = 1.0 / Math.sqrt(sum / x.length + epsilon);
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (x[i] * scale * gain[i]);
    }
    return y;
  }

  /**
   * Rotates the first {@code dims} values of each head of {@code x} (heads of {@code headDim}) by
   * angles {@code position · θ^(−2i/dims)}; the rest of each head passes unchanged.
   */
  static void rope(
      float[] x, int heads, int headDim, int dims, int position, double theta, RopeStyle style) {
    int half = dims / 2;
    for (int i = 0; i < half; i++) {
      double angle = position * Math.pow(theta, -2.0 * i / dims);
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      for (int h = 0; h < heads; h++) {
        int base = h * headDim;
        int a = style == RopeStyle.NORM ? base + 2 * i : base + i;
        int b = style == RopeStyle.NORM ? a + 1 : a + half;
        double x0 = x[a];
        double x1 = x[b];
        x[a] = (float) (x0 * cos - x1 * sin);
        x[b] = (float) (x0 * sin + x1 * cos);
      }
    }
  }

  /** SwiGLU: {@code silu(g)·u}, silu(g) = g / (1 + e^−g). */
  static float[] swiglu(float[] gate, float[] up) {
    float[] y = new float[gate.length];
    for (int i = 0; i < y.length; i++) {
      double g = gate[i];
      y[i] = (float) (g / (1 + Math.exp(-g)) * up[i]);
    }
    return y;
  }

  static void addInto(float[] x, float[] delta) {
    for (int i = 0; i < x.length; i++) {
      x[i] += delta[i];
    }
  }
}
