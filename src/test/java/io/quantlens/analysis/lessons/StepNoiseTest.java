package io.quantlens.analysis.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lessons' numbers against closed forms. */
class StepNoiseTest {
  private static final int N = 200_000;

  @Test
  void theQuantizerMapsEachCellToItsMiddleAndClipsToTheOuterLevels() {
    UniformQuantizer q = new UniformQuantizer(2, 1);
    assertEquals(0.5, q.step());
    assertEquals(0.25, q.quantize(0.1));
    assertEquals(-0.25, q.quantize(-0.1));
    assertEquals(0.75, q.quantize(0.6));
    assertEquals(0.75, q.quantize(7));
    assertEquals(-0.75, q.quantize(-7));
    assertEquals(0.25, q.quantize(0), "0 is a cell boundary: it goes up");
    assertTrue(q.clips(1.01));
    assertThrows(IllegalArgumentException.class, () -> new UniformQuantizer(17, 1));
    assertThrows(IllegalArgumentException.class, () -> new UniformQuantizer(8, 0));
  }

  @Test
  void aUniformSignalHasTheUniformModelsNoiseDeltaOverRootTwelve() {
    float[] x = TestSignal.UNIFORM.samples(N, 1);
    for (int bits : new int[] {2, 4, 8, 12}) {
      StepNoise s = StepNoise.of(x, new UniformQuantizer(bits, 1));
      assertEquals(2.0 / (1 << bits), s.quantizer().step(), 1e-15);
      assertEquals(s.quantizer().step() / Math.sqrt(12), s.predictedRmse(), 1e-15);
      assertEquals(1 / Math.sqrt(12), s.rmsePerStep(), 0.003, bits + " bits");
      assertEquals(0, s.clippedShare());
      // Uniform error on ±Δ/2: the middle half of the ±Δ histogram holds every count, evenly.
      long[] counts = s.errors().counts();
      long middle = 0;
      for (int i = StepNoise.BINS / 4; i < 3 * StepNoise.BINS / 4; i++) {
        middle += counts[i];
        assertEquals((double) N / (StepNoise.BINS / 2), counts[i], 0.06 * N / (StepNoise.BINS / 2));
      }
      assertEquals(N, middle);
    }
  }

  @Test
  void aFullScaleSineFollowsSixDecibelsPerBitAsTheRuleSays() {
    assertEquals(6.0206 * 8 + 1.7609, StepNoise.sineRuleDb(8), 1e-3);
    float[] x = TestSignal.SINE.samples(N, 1);
    double amax = BitsAndClipping.amax(x);
    List<BitsAndClipping.Point> curve = BitsAndClipping.sqnrByBits(x, 2, 16);
    assertEquals(15, curve.size());
    for (BitsAndClipping.Point p : curve) {
      int bits = (int) p.x();
      assertEquals(StepNoise.of(x, new UniformQuantizer(bits, amax)).sqnrDb(), p.y(), 1e-12);
      // The rule assumes uniform noise; at few bits a sine's error is not uniform.
      double gap = StepNoise.sineRuleDb(bits) - p.y();
      assertTrue(gap >= 0 && gap < (bits >= 8 ? 0.2 : 1.1), bits + " bits: " + gap + " dB");
    }
  }

  @Test
  void aGaussianFallsBelowTheRuleBecauseItsRangeIsSetByRareValues() {
    float[] x = TestSignal.GAUSSIAN.samples(N, 1);
    double sqnr = BitsAndClipping.sqnrByBits(x, 8, 8).get(0).y();
    assertTrue(sqnr < StepNoise.sineRuleDb(8) - 8, sqnr + " dB");
    // σ² / (Δ²/12) with Δ = 2·max|x| / 256: the uniform model's prediction, which holds at 8 bits.
    double step = 2 * BitsAndClipping.amax(x) / 256;
    double predicted = 10 * Math.log10(TestSignal.SIGMA * TestSignal.SIGMA / (step * step / 12));
    assertEquals(predicted, sqnr, 0.05);
  }

  @Test
  void theClippingOptimumOfAFourBitGaussianIsWhereTheExpectedErrorIsLeast() {
    float[] x = TestSignal.GAUSSIAN.samples(N, 7);
    List<BitsAndClipping.Point> curve = BitsAndClipping.mseByClipping(x, 4);
    BitsAndClipping.Point best = BitsAndClipping.optimum(curve);
    double amax = BitsAndClipping.amax(x);
    double[] expected = gaussianOptimum(4);
    double sigma = TestSignal.SIGMA;
    assertEquals(expected[0], best.x() * amax / sigma, 0.15, "optimal range in σ");
    assertEquals(expected[1] * sigma * sigma, best.y(), 0.03 * expected[1] * sigma * sigma);
    assertTrue(curve.get(curve.size() - 1).y() > 2 * best.y(), "no clipping costs more");
  }

  @Test
  void signalsAreTheSameForASeed() {
    for (TestSignal s : TestSignal.values()) {
      assertArrayEquals(s.samples(100, 3), s.samples(100, 3), s.name());
    }
  }

  /**
   * The range R/σ of least expected squared error for a unit Gaussian through the b-bit quantizer,
   * and that error: E[(x − q(x))²] integrated exactly cell by cell with the normal moments, the
   * tails beyond ±R at the outer levels; searched on a 0.001 grid.
   */
  private static double[] gaussianOptimum(int bits) {
    double bestR = 0;
    double bestMse = Double.POSITIVE_INFINITY;
    for (double r = 0.5; r <= 6; r += 0.001) {
      double step = 2 * r / (1 << bits);
      double mse = 0;
      for (int k = -(1 << (bits - 1)); k < (1 << (bits - 1)); k++) {
        double a = k * step;
        mse += cell(a, a + step, a + step / 2);
      }
      double outer = r - step / 2;
      mse += 2 * cell(r, Double.POSITIVE_INFINITY, outer);
      if (mse < bestMse) {
        bestMse = mse;
        bestR = r;
      }
    }
    return new double[] {bestR, bestMse};
  }

  /** ∫_a^c (x − l)² φ(x) dx for the unit normal density φ. */
  private static double cell(double a, double c, double l) {
    double m0 = cdf(c) - cdf(a);
    double m1 = pdf(a) - pdf(c);
    double m2 = m0 + a * pdf(a) - (Double.isInfinite(c) ? 0 : c * pdf(c));
    return m2 - 2 * l * m1 + l * l * m0;
  }

  private static double pdf(double x) {
    return Double.isInfinite(x) ? 0 : Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  }

  /** Φ(x) from the complementary error function (Abramowitz–Stegun 7.1.26 is too coarse here). */
  private static double cdf(double x) {
    if (Double.isInfinite(x)) {
      return x > 0 ? 1 : 0;
    }
    return 0.5 * erfc(-x / Math.sqrt(2));
  }

  /** erfc by its continued fraction (x ≥ 0) or series, to about 1e-14. */
  private static double erfc(double x) {
    if (x < 0) {
      return 2 - erfc(-x);
    }
    if (x < 2) {
      // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
      double sum = 0;
      double term = x;
      for (int n = 0; n < 60; n++) {
        sum += term / (2 * n + 1);
        term *= -x * x / (n + 1);
      }
      return 1 - 2 / Math.sqrt(Math.PI) * sum;
    }
    // Lentz's continued fraction: erfc(x) = e^(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
    double f = x;
    for (int k = 60; k >= 1; k--) {
      f = x + (k / 2.0) / f;
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }
}
