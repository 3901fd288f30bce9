package io.quantlens.quant;

/**
 * The threshold searches of the histogram calibration methods
 * (docs/numeric-rules.md#activation-calibration).
 */
final class CalibrationSearch {
  private CalibrationSearch() {}

  /**
   * The KL-divergence threshold of NVIDIA's INT8 calibration (S. Migacz, "8-bit Inference with
   * TensorRT", GTC 2017), as NVIDIA's pytorch-quantization HistogramCalibrator computes it
   * (calib/histogram.py, _compute_amax_entropy), on an |x| histogram of {@code hist.length} bins
   * over [0, amax]: bin 0 takes bin 1's count (so the zeros of a ReLU do not decide); for each
   * candidate i from 128 bins up, P is the first i bins with all mass beyond folded into bin i−1, Q
   * is those bins sorted into {@code levels} equal spans of [0, i) (numpy.digitize on
   * numpy.linspace(0, i, levels + 1)) and each span's count spread evenly over its non-empty bins;
   * the largest i of least KL(P ‖ Q) gives T = i · bin width. A Q empty where P is not has infinite
   * divergence.
   *
   * @param levels 2^(b−1) for signed data, 2^b for an unsigned grid
   */
  static double entropyThreshold(long[] hist, double amax, int levels) {
    int n = hist.length;
    long[] bins = hist.clone();
    bins[0] = bins[1];
    long total = 0;
    for (long b : bins) {
      total += b;
    }
    int start = Math.min(n, START_BIN);
    long outliers = total;
    for (int k = 0; k < start; k++) {
      outliers -= bins[k];
    }
    double best = Double.POSITIVE_INFINITY;
    int bestI = n;
    int[] level = new int[n];
    double[] sum = new double[levels];
    int[] used = new int[levels];
    for (int i = start; i <= n; i++) {
      if (i > start) {
        outliers -= bins[i - 1];
      }
      double step = (double) i / levels;
      java.util.Arrays.fill(sum, 0);
      java.util.Arrays.fill(used, 0);
      for (int j = 0; j < i; j++) {
        level[j] = span(j, step, levels);
        if (bins[j] > 0) {
          sum[level[j]] += bins[j];
          used[level[j]]++;
        }
      }
      double qTotal = 0;
      for (int k = 0; k < levels; k++) {
        qTotal += sum[k];
      }
      double kl = 0;
      for (int j = 0; j < i && kl < Double.POSITIVE_INFINITY; j++) {
        double p = bins[j] + (j == i - 1 ? outliers : 0);
        if (p == 0) {
          continue;
        }
        double q = bins[j] > 0 ? sum[level[j]] / used[level[j]] : 0;
        if (q == 0) {
          kl = Double.POSITIVE_INFINITY;
        } else {
          double pn = p / total;
          kl += pn * Math.log(pn / (q / qTotal));
        }
      }
      if (kl <= best) {
        best = kl;
        bestI = i;
      }
    }
    return bestI * amax / n;
  }

  /** The first candidate: 128 bins, as pytorch-quantization starts. */
  static final int START_BIN = 128;

  /** numpy.digitize(j, linspace(0, i, levels + 1)) − 1: the span of [0, i) bin j falls in. */
  private static int span(int j, double step, int levels) {
    int k = Math.min(levels - 1, (int) (j / step));
    while (k + 1 < levels && (k + 1) * step <= j) {
      k++;
    }
    while (k > 0 && k * step > j) {
      k--;
    }
    return k;
  }

  /**
   * The threshold T = k · amax / bins (k = 1 … bins) whose range gives the least squared error of
   * rounding and clipping the histogram's values, each bin's values taken at its centre: symmetric
   * on the |x| histogram with s = T / (2^(b−1) − 1) and codes ±(2^(b−1) − 1); asymmetric on the
   * signed histogram over [−amax, amax] with the range [max(min, −T), min(max, T)] by ONNX
   * Runtime's recipe. Ties keep the larger T.
   */
  static double mseThreshold(
      long[] signed,
      long[] absolute,
      double amax,
      float min,
      float max,
      int bits,
      Symmetry symmetry) {
    int n = absolute.length;
    IntFormat format = new IntFormat(bits);
    double best = Double.POSITIVE_INFINITY;
    double bestT = amax;
    for (int k = n; k >= 1; k--) {
      double t = k * amax / n;
      double error;
      if (symmetry == Symmetry.SYM) {
        error = squaredError(absolute, 0, amax / n, GroupParams.symmetric(format, (float) t));
      } else {
        GroupParams p =
            GroupParams.asymmetric(format, Math.max(min, (float) -t), Math.min(max, (float) t));
        error = squaredError(signed, -amax, 2 * amax / n, p);
      }
      if (error < best) {
        best = error;
        bestT = t;
      }
    }
    return bestT;
  }

  /** Σ count · (c − x̂(c))² over bins of {@code width} from {@code lower}, c each bin's centre. */
  private static double squaredError(long[] bins, double lower, double width, GroupParams p) {
    double sum = 0;
    for (int i = 0; i < bins.length; i++) {
      if (bins[i] == 0) {
        continue;
      }
      float c = (float) (lower + (i + 0.5) * width);
      float q = Math.max(p.qmin(), Math.min(p.qmax(), p.unclampedCode(c)));
      double e = c - (q - p.zeroPoint()) * p.scale();
      sum += bins[i] * e * e;
    }
    return sum;
  }
}
