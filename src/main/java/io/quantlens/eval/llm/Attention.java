package io.quantlens.eval.llm;

import java.util.Arrays;

/**
 * Causal grouped-query attention of one query position over the cached keys and values: query head
 * h reads key/value head {@code h / (heads / kvHeads)}, as ggml's broadcasting {@code mul_mat}
 * does; scores scaled by {@code 1/√headDim} and soft-maxed in double.
 */
final class Attention {
  private Attention() {}

  static float[] attend(LlmConfig c, KvCache cache, int layer, float[] query, int position) {
    int hd = c.headDimension();
    int group = c.heads() / c.kvHeads();
    double scale = 1.0 / Math.sqrt(hd);
    float[] out = new float[c.hidden()];
    double[] scores = new double[position + 1];
    double[] acc = new double[hd];
    for (int h = 0; h < c.heads(); h++) {
      int q0 = h * hd;
      int kv0 = (h / group) * hd;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j <= position; j++) {
        float[] k = cache.key(layer, j);
        double s = 0;
        for (int d = 0; d < hd; d++) {
          s += (double) query[q0 + d] * k[kv0 + d];
        }
        scores[j] = s * scale;
        max = Math.max(max, scores[j]);
      }
      double sum = 0;
      for (int j = 0; j <= position; j++) {
        scores[j] = Math.exp(scores[j] - max);
        sum += scores[j];
      }
      Arrays.fill(acc, 0);
      for (int j = 0; j <= position; j++) {
        float[] v = cache.value(layer, j);
        double w = scores[j] / sum;
        for (int d = 0; d < hd; d++) {
          acc[d] += w * v[kv0 + d];
        }
      }
      for (int d = 0; d < hd; d++) {
        out[q0 + d] = (float) acc[d];
      }
    }
    return out;
  }
}
