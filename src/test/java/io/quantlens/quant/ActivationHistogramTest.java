package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Calibration methods on known data; entropy and MSE against a plain re-implementation of the
 * published algorithms written here, with no code shared with the production class.
 */
class ActivationHistogramTest {
  private static final int BINS = ActivationHistogram.BINS;

  private static ActivationHistogram of(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    ActivationHistogram h = new ActivationHistogram(min, max);
    h.add(values, 0, values.length);
    return h;
  }

  private static float[] zeroTo999() {
    float[] v = new float[1000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return v;
  }

  @Test
  void minMaxIsTheFirstPassRange() {
    ActivationHistogram h = of(new float[] {-2.5f, 0.25f, 7f});
    assertEquals(new ActivationRange(-2.5f, 7f), h.range(Calibration.MINMAX, 8, Symmetry.ASYM));
    assertEquals(3, h.count());
  }

  @Test
  void symmetricPercentileIsTheLowerEdgeOfTheBinReachingIt() {
    // |x| bins of width 999/2048; value v falls in bin ⌊v·2048/999⌋. p99 needs 990 values:
    // 0 … 989, the last in bin ⌊989·2048/999⌋ = 2027, so T = 2027·999/2048 = 988.77…
    ActivationHistogram h = of(zeroTo999());
    float t = (float) (2027 * 999.0 / 2048);
    assertEquals(new ActivationRange(0f, t), h.range(Calibration.percentile(99), 8, Symmetry.SYM));
    assertEquals(
        new ActivationRange(0f, 999f), h.range(Calibration.percentile(100), 8, Symmetry.SYM));
  }

  @Test
  void asymmetricPercentileCutsHalfTheRestFromEachSide() {
    // signed bins over [−999, 999] of width 1998/2048; v falls in ⌊(v + 999)·2048/1998⌋.
    // p99 cuts 0.5 %: the left edge reaches 5 values (0 … 4, v = 4 in bin 1028), the right 995
    // (0 … 994, v = 994 in bin 2042).
    ActivationHistogram h = of(zeroTo999());
    double width = 1998.0 / 2048;
    ActivationRange r = h.range(Calibration.percentile(99), 8, Symmetry.ASYM);
    assertEquals((float) (-999 + 1028 * width), r.min());
    assertEquals((float) (-999 + 2042 * width), r.max());
  }

  @Test
  void entropyMatchesThePublishedAlgorithm() {
    float[] data = laplaceWithOutliers();
    ActivationHistogram h = of(data);
    double expected = referenceEntropyThreshold(h.absoluteCounts(), amax(h), 128);
    ActivationRange r = h.range(Calibration.ENTROPY, 8, Symmetry.SYM);
    assertEquals((float) expected, r.max());
    assertEquals(-r.max(), r.min());
    assertTrue(r.max() < 0.5 * amax(h), "the outliers are clipped: " + r);
    // non-negative data on an asymmetric grid: 256 levels over [0, T]
    float[] relu = data.clone();
    for (int i = 0; i < relu.length; i++) {
      relu[i] = Math.max(0, relu[i]);
    }
    ActivationHistogram positive = of(relu);
    assertEquals(
        (float) referenceEntropyThreshold(positive.absoluteCounts(), amax(positive), 256),
        positive.range(Calibration.ENTROPY, 8, Symmetry.ASYM).max());
    // int4 has 8 target levels and clips harder
    assertTrue(h.range(Calibration.ENTROPY, 4, Symmetry.SYM).max() < r.max());
  }

  @Test
  void mseMatchesAPlainSearch() {
    float[] data = laplaceWithOutliers();
    ActivationHistogram h = of(data);
    for (Symmetry symmetry : Symmetry.values()) {
      double t = referenceMseThreshold(h, 8, symmetry);
      ActivationRange r = h.range(Calibration.MSE, 8, symmetry);
      if (symmetry == Symmetry.SYM) {
        assertEquals(new ActivationRange((float) -t, (float) t), r);
      } else {
        assertEquals(
            new ActivationRange(Math.max(h.min(), (float) -t), Math.min(h.max(), (float) t)), r);
      }
      // clipping 5 outliers costs more than rounding 50,000 values on a wider grid, but the
      // farthest one is still clipped
      assertTrue(t < amax(h) && t > 0.5 * amax(h), symmetry + ": " + t);
    }
  }

  @Test
  void uniformDataKeepsItsWholeRangeUnderEntropy() {
    float[] data = new float[100_000];
    Random random = new Random(3);
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat() * 2 - 1;
    }
    ActivationHistogram h = of(data);
    assertTrue(h.range(Calibration.ENTROPY, 8, Symmetry.SYM).max() > 0.95 * amax(h));
  }

  @Test
  void nanIsLeftOutAndBuffersAreReadWithoutMoving() {
    ActivationHistogram h = new ActivationHistogram(-1, 1);
    FloatBuffer b = FloatBuffer.wrap(new float[] {0.5f, Float.NaN, -1f, 1f});
    b.position(1);
    h.add(b);
    assertEquals(1, b.position());
    assertEquals(2, h.count());
    assertEquals(1, h.nans());
    assertEquals(1, h.signedCounts()[0]);
    assertEquals(1, h.signedCounts()[BINS - 1]);
  }

  @Test
  void emptyOrSingleValueHistogramsKeepTheirRange() {
    ActivationHistogram empty = new ActivationHistogram(0, 0);
    assertEquals(new ActivationRange(0, 0), empty.range(Calibration.ENTROPY, 8, Symmetry.SYM));
    ActivationHistogram one = of(new float[] {3f, 3f});
    assertEquals(new ActivationRange(3, 3), one.range(Calibration.MSE, 8, Symmetry.ASYM));
    assertThrows(IllegalArgumentException.class, () -> new ActivationHistogram(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ActivationHistogram(0, Float.NaN));
  }

  // ---- data and the reference implementations ----

  /** 50,000 seeded Laplace values (scale 1) and five outliers at ±40 … 60. */
  private static float[] laplaceWithOutliers() {
    Random random = new Random(42);
    float[] data = new float[50_005];
    for (int i = 0; i < 50_000; i++) {
      double u = random.nextDouble() - 0.5;
      data[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
    }
    float[] outliers = {40f, -45f, 50f, 55f, -60f};
    System.arraycopy(outliers, 0, data, 50_000, outliers.length);
    return data;
  }

  private static double amax(ActivationHistogram h) {
    return Math.max(Math.abs((double) h.min()), Math.abs((double) h.max()));
  }

  /**
   * Migacz (GTC 2017) as NVIDIA's pytorch-quantization computes it (_compute_amax_entropy): bin 0
   * set to bin 1, candidates from 128 bins, spans from linspace/digitize, the last minimum wins,
   * amax = the upper edge of the last bin kept. Written out step by step.
   */
  private static double referenceEntropyThreshold(long[] hist, double amax, int levels) {
    long[] bins = hist.clone();
    bins[0] = bins[1];
    double bestKl = Double.POSITIVE_INFINITY;
    int bestI = -1;
    for (int i = 128; i <= bins.length; i++) {
      double[] space = new double[levels + 1];
      for (int k = 0; k <= levels; k++) {
        space[k] = k * ((double) i / levels);
      }
      space[levels] = i;
      int[] digitized = new int[i];
      for (int j = 0; j < i; j++) {
        int r = 0;
        while (r < space.length && space[r] <= j) {
          r++;
        }
        digitized[j] = bins[j] == 0 ? -1 : r - 1;
      }
      double[] density = new double[levels];
      int[] members = new int[levels];
      for (int j = 0; j < i; j++) {
        if (digitized[j] != -1) {
          density[digitized[j]] += bins[j];
          members[digitized[j]]++;
        }
      }
      double[] q = new double[i];
      double[] p = new double[i];
      for (int j = 0; j < i; j++) {
        q[j] = digitized[j] == -1 ? 0 : density[digitized[j]] / members[digitized[j]];
        p[j] = bins[j];
      }
      for (int j = i; j < bins.length; j++) {
        p[i - 1] += bins[j];
      }
      double ps = 0;
      double qs = 0;
      for (int j = 0; j < i; j++) {
        ps += p[j];
        qs += q[j];
      }
      double kl = 0;
      for (int j = 0; j < i; j++) {
        if (p[j] > 0) {
          kl +=
              q[j] == 0
                  ? Double.POSITIVE_INFINITY
                  : (p[j] / ps) * Math.log((p[j] / ps) / (q[j] / qs));
        }
      }
      if (kl <= bestKl) {
        bestKl = kl;
        bestI = i;
      }
    }
    return bestI * amax / bins.length;
  }

  /** Every candidate threshold tried in turn, error of each bin centre, ties to the larger T. */
  private static double referenceMseThreshold(ActivationHistogram h, int bits, Symmetry symmetry) {
    double amax = amax(h);
    long[] abs = h.absoluteCounts();
    long[] signed = h.signedCounts();
    double bestT = amax;
    double bestError = Double.MAX_VALUE;
    for (int k = BINS; k >= 1; k--) {
      double t = k * amax / BINS;
      double error = 0;
      if (symmetry == Symmetry.SYM) {
        int qmax = (1 << (bits - 1)) - 1;
        float s = (float) t / qmax;
        for (int b = 0; b < BINS; b++) {
          float c = (float) ((b + 0.5) * amax / BINS);
          float code = Math.min(qmax, (float) Math.rint(c / s));
          double e = c - code * s;
          error += abs[b] * e * e;
        }
      } else {
        int qmax = (1 << bits) - 1;
        float lo = Math.min(0f, Math.max(h.min(), (float) -t));
        float hi = Math.max(0f, Math.min(h.max(), (float) t));
        double s64 = (double) (hi - lo) / qmax;
        float s = (float) s64;
        int zp = (int) Math.max(0, Math.min(qmax, Math.rint(-lo / s64)));
        for (int b = 0; b < BINS; b++) {
          float c = (float) (-amax + (b + 0.5) * 2 * amax / BINS);
          float code = Math.max(0, Math.min(qmax, (float) Math.rint(c / s) + zp));
          double e = c - (code - zp) * s;
          error += signed[b] * e * e;
        }
      }
      if (error < bestError) {
        bestError = error;
        bestT = t;
      }
    }
    return bestT;
  }
}
