package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bias correction on y = x·W with inputs of a known mean μ: the quantized layer's mean output error
 * is ΔW·μ (ΔW = W̃ − W) without the correction and 0 with it.
 */
class BiasCorrectionTest {
  private static final int K = 4;
  private static final int N = 3;
  private static final int SAMPLES = 40;

  /** Per-tensor int4: absmax 0.7, so the step is 0.1 and W̃ = rne(W / 0.1) · 0.1. */
  private static final float[] W = {
    0.7f, -0.33f, 0.26f, //
    0.12f, 0.44f, -0.7f, //
    -0.18f, 0.05f, 0.61f, //
    0.34f, -0.52f, 0.14f
  };

  /** Input means, exact in binary; each sample is μ ± d with the sign alternating. */
  private static final float[] MU = {1.5f, -0.75f, 2.25f, 0.5f};

  @TempDir Path dir;

  @Test
  void theMeanOutputShiftIsDeltaWTimesTheInputMeanAndTheCorrectionRemovesIt() throws Exception {
    double[] expectedShift = new double[N];
    float step = 0.7f / 7;
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        float w = W[k * N + n];
        float quantized = (float) Math.rint(w / step) * step;
        expectedShift[n] += ((double) quantized - w) * MU[k];
      }
    }
    assertTrue(Math.abs(expectedShift[0]) > 0.01, "the example must shift the mean");

    try (Evaluator evaluator = single()) {
      PrecisionPlan plan = PrecisionPlan.fp32().with("fc", Scheme.parse("int4:tensor:sym"));
      PrecisionPlan corrected = plan.withBiasCorrection("fc", true);
      assertEquals(List.of("fc"), List.copyOf(corrected.biasCorrected()));
      float[][] reference = evaluator.reference(EvalProgress.NONE);
      float[][] plain = evaluator.outputs(plan.withBiasCorrection("fc", false), EvalProgress.NONE);
      float[][] fixed = evaluator.outputs(corrected, EvalProgress.NONE);
      // The correction holds out the last 20 samples to measure E[x]; both are measured on the
      // first 20, whose mean is μ too.
      assertEquals(SAMPLES / 2, fixed.length);
      double[] before = meanError(plain, reference, fixed.length);
      double[] after = meanError(fixed, reference, fixed.length);
      for (int n = 0; n < N; n++) {
        assertEquals(expectedShift[n], before[n], 1e-5, "uncorrected shift of output " + n);
        assertEquals(0, after[n], 1e-5, "corrected shift of output " + n);
      }
      EvalResult without = evaluator.evaluate(plan, fixed.length, EvalProgress.NONE);
      EvalResult with = evaluator.evaluate(corrected, EvalProgress.NONE);
      assertEquals(without.samples(), with.samples());
      assertTrue(with.outputSqnrDb() > without.outputSqnrDb() + 1, with + " vs " + without);
    }
  }

  @Test
  void aLayerThatIsNotAConvGemmOrMatMulIsRefused() throws Exception {
    try (Evaluator evaluator = single()) {
      PrecisionPlan plan =
          PrecisionPlan.fp32()
              .with("fc", Scheme.parse("int4:tensor:sym"))
              .withBiasCorrection("nope", true);
      EvalException e =
          assertThrows(EvalException.class, () -> evaluator.evaluate(plan, EvalProgress.NONE));
      assertTrue(e.getMessage().contains("layer 'nope' cannot be bias corrected"), e.getMessage());
    }
  }

  private static double[] meanError(float[][] quantized, float[][] reference, int samples) {
    double[] mean = new double[N];
    for (int i = 0; i < samples; i++) {
      for (int n = 0; n < N; n++) {
        mean[n] += ((double) quantized[i][n] - reference[i][n]) / samples;
      }
    }
    return mean;
  }

  /** x [40, 4] → MatMul W [4, 3] → y, no bias: samples 2i and 2i+1 are μ + d_i and μ − d_i. */
  private Evaluator single() throws Exception {
    float[] x = new float[SAMPLES * K];
    for (int i = 0; i < SAMPLES; i += 2) {
      for (int k = 0; k < K; k++) {
        float d = 0.25f * ((i / 2 + k) % 5 + 1);
        x[i * K + k] = MU[k] + d;
        x[(i + 1) * K + k] = MU[k] - d;
      }
    }
    return EvalModels.matMul(dir, K, N, W, SAMPLES, x);
  }
}
