package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.gaussian;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Tensor;
import io.quantlens.quant.Histogram;
import io.quantlens.quant.HistogramAccumulator;
import org.junit.jupiter.api.Test;

/** The bulk of a histogram, and the bulk's own bins with the weights beyond counted exactly. */
class BulkRangeTest {
  /**
   * Ten bins of 0.1 over [0, 1]: one value in the first bin, 998 in bins 4 and 5, one in the last.
   * With a tail of 0.001 (one value of 1000) each lone value may be left out: the bulk is [0.4,
   * 0.6], a fifth of the range.
   */
  @Test
  void eachTailMayLeaveOutItsShare() {
    Histogram h = new Histogram(0, 1, new long[] {1, 0, 0, 0, 500, 498, 0, 0, 0, 1}, 0, 0);
    BulkRange bulk = BulkRange.of(h, 0.001);
    assertEquals(0.4, bulk.lo(), 1e-7);
    assertEquals(0.6, bulk.hi(), 1e-7);
    assertTrue(bulk.lo() <= 0.4 && bulk.hi() >= 0.6, "float ends rounded outward");
    assertTrue(
        Math.nextUp(bulk.lo()) > 0.4 && Math.nextDown(bulk.hi()) < 0.6, "by one ulp at most");
    assertTrue(bulk.narrow());

    BulkRange none = BulkRange.of(h, 0);
    assertEquals(0f, none.lo());
    assertEquals(1f, none.hi());
    assertFalse(none.narrow());
  }

  @Test
  void twoValuesInATailOfOneAreKept() {
    Histogram h = new Histogram(0, 1, new long[] {2, 0, 0, 0, 500, 497, 0, 0, 0, 1}, 0, 0);
    BulkRange bulk = BulkRange.of(h, 0.001);
    assertEquals(0f, bulk.lo());
    assertEquals(0.6, bulk.hi(), 1e-7);
    assertFalse(bulk.narrow(), "0.6 of the range is not narrow");
  }

  @Test
  void valuesOutsideTheBinsCountAsTail() {
    Histogram h = new Histogram(0, 1, new long[] {0, 0, 0, 0, 500, 499, 0, 0, 0, 0}, 1, 0);
    BulkRange bulk = BulkRange.of(h, 0.001);
    assertEquals(0.4, bulk.lo(), 1e-7);
    assertEquals(0.6, bulk.hi(), 1e-7);
  }

  @Test
  void aTailOfHalfOrMoreIsRefused() {
    Histogram h = new Histogram(0, 1, new long[] {1}, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> BulkRange.of(h, 0.5));
    assertThrows(IllegalArgumentException.class, () -> BulkRange.of(h, Double.NaN));
  }

  /**
   * 100,000 Gaussian weights (σ = 0.05) and 40 at ±2: the bulk leaves out at most 0.2 % of the
   * weights, and the weights beyond it are exactly those below lo or above hi.
   */
  @Test
  void theBulksBinsCountTheWeightsBeyondExactly() {
    float[] w = gaussian(100_040, 11);
    for (int i = 0; i < 40; i++) {
      w[i * 2_500] = i % 4 == 0 ? -2f : 2f;
    }
    Tensor t = tensor("w", w, 100_040);
    BulkHistogram bulk = BulkHistogram.compute(t, summary(w), 256, () -> false);
    assertTrue(bulk.range().narrow(), "±2 against a bulk of about ±0.17");
    long beyond = 0;
    long below = 0;
    for (float v : w) {
      if (v < bulk.range().lo() || v > bulk.range().hi()) {
        beyond++;
      }
      if (v < bulk.range().lo()) {
        below++;
      }
    }
    assertEquals(beyond, bulk.beyond());
    assertEquals(below, bulk.histogram().underflow());
    assertTrue(beyond >= 40, beyond + " weights beyond, the 40 outliers among them");
    assertTrue(w.length - beyond >= 0.998 * w.length, (w.length - beyond) + " of " + w.length);
    assertEquals(2f, bulk.maxAbs());
    assertEquals(256, bulk.histogram().bins());
    assertEquals(w.length, bulk.histogram().total());
  }

  @Test
  void cancellingStopsThePass() {
    float[] w = gaussian(1_000, 2);
    assertThrows(
        java.util.concurrent.CancellationException.class,
        () -> BulkHistogram.compute(tensor("w", w, 1_000), summary(w), 16, () -> true));
  }

  private static WeightSummary summary(float[] w) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : w) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    HistogramAccumulator acc = new HistogramAccumulator(min, max, 256);
    acc.add(w, 0, w.length);
    return new WeightSummary(w.length, min, max, 0, 0.05, acc.toHistogram());
  }
}
