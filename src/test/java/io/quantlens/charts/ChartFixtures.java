package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import io.quantlens.quant.HistogramAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Realistic chart inputs made from fixed seeds. */
final class ChartFixtures {
  private ChartFixtures() {}

  /** 200 000 Gaussian weights (σ = 0.04) in 120 bins over their min–max range. */
  static float[] gaussianWeights(int n, long seed) {
    Random random = new Random(seed);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (random.nextGaussian() * 0.04);
    }
    return w;
  }

  static Histogram histogram(float[] values, double lo, double hi, int bins) {
    HistogramAccumulator acc = new HistogramAccumulator(lo, hi, bins);
    acc.add(values, 0, values.length);
    return acc.toHistogram();
  }

  static Histogram gaussianHistogram() {
    float[] w = gaussianWeights(200_000, 7);
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : w) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return histogram(w, min, max, 120);
  }

  /** Symmetric INT4 levels k·Δ, k = −7…7, with Δ = absmax / 7. */
  static double[] int4Levels(double absmax) {
    double step = absmax / 7;
    double[] levels = new double[15];
    for (int k = -7; k <= 7; k++) {
      levels[k + 7] = k * step;
    }
    return levels;
  }

  /** The 40 weight layers of all-MiniLM-L6-v2, named as its ONNX graph names them. */
  static List<String> miniLmLayers() {
    List<String> names = new ArrayList<>();
    names.add("/embeddings/word_embeddings/Gather");
    names.add("/embeddings/position_embeddings/Gather");
    names.add("/embeddings/token_type_embeddings/Gather");
    String[] roles = {
      "attention/self/query", "attention/self/key", "attention/self/value",
      "attention/output/dense", "intermediate/dense", "output/dense"
    };
    for (int l = 0; l < 6; l++) {
      for (String role : roles) {
        names.add("/encoder/layer." + l + "/" + role + "/MatMul");
      }
    }
    names.add("/pooler/dense/Gemm");
    return names;
  }

  /** Plausible SQNR values (dB) for 40 layers around {@code mean}, with a seeded wobble. */
  static double[] sqnr(int layers, double mean, long seed) {
    Random random = new Random(seed);
    double[] v = new double[layers];
    for (int i = 0; i < layers; i++) {
      v[i] = mean + random.nextGaussian() * 2.5;
    }
    return v;
  }
}
