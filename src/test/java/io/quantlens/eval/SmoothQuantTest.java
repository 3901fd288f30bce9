package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SmoothQuant on y = x·W with one outlier input channel, checked against a hand computation of Xiao
 * et al. (ICML 2023) eq. 4: s_j = max|X_j|^α / max|W_j|^(1−α), then x/s through a static symmetric
 * int8 round trip and diag(s)·W through per-tensor symmetric int8, in float32 as ONNX Runtime
 * computes them.
 */
class SmoothQuantTest {
  private static final int K = 4;
  private static final int N = 3;
  private static final int SAMPLES = 40;
  private static final int CALIBRATION_FROM = SAMPLES / 2;
  private static final double ALPHA = 0.5;

  private static final float[] W = {
    0.7f, -0.33f, 0.26f, //
    0.12f, 0.44f, -0.7f, //
    -0.18f, 0.05f, 0.61f, //
    0.34f, -0.52f, 0.14f
  };

  private static final float[] X = inputs();

  private static final PrecisionPlan W8A8 =
      PrecisionPlan.fp32()
          .with("fc", Scheme.parse("int8:tensor:sym"))
          .withActivation("fc", ActivationScheme.parse("int8:tensor:sym:static"));

  @TempDir Path dir;

  @Test
  void theFactorsRangeAndOutputsAreTheHandComputedOnes() throws Exception {
    float[] s = new float[K];
    for (int j = 0; j < K; j++) {
      float xMax = 0;
      for (int i = CALIBRATION_FROM; i < SAMPLES; i++) {
        xMax = Math.max(xMax, Math.abs(X[i * K + j]));
      }
      float wMax = 0;
      for (int n = 0; n < N; n++) {
        wMax = Math.max(wMax, Math.abs(W[j * N + n]));
      }
      s[j] = (float) (Math.pow(xMax, ALPHA) / Math.pow(wMax, 1 - ALPHA));
    }
    float min = 0;
    float max = 0;
    for (int i = CALIBRATION_FROM; i < SAMPLES; i++) {
      for (int j = 0; j < K; j++) {
        min = Math.min(min, X[i * K + j] / s[j]);
        max = Math.max(max, X[i * K + j] / s[j]);
      }
    }
    float absmax = Math.max(-min, max);
    float[] wq = new float[K * N];
    float wAbsmax = 0;
    for (int j = 0; j < K; j++) {
      for (int n = 0; n < N; n++) {
        wq[j * N + n] = W[j * N + n] * s[j];
        wAbsmax = Math.max(wAbsmax, Math.abs(wq[j * N + n]));
      }
    }
    float wScale = wAbsmax / 127;
    for (int i = 0; i < wq.length; i++) {
      wq[i] = (float) Math.rint(wq[i] / wScale) * wScale;
    }
    float xScale = absmax / 127;

    try (Evaluator evaluator = single()) {
      PrecisionPlan plan = W8A8.withSmoothQuant(ALPHA);
      ActivationQuant quant = evaluator.activationQuantization(plan, EvalProgress.NONE).get("fc");
      assertArrayEquals(s, quant.smoothing(), 1e-6f);
      assertEquals(min, quant.range().min(), 1e-6);
      assertEquals(max, quant.range().max(), 1e-6);

      float[][] outputs = evaluator.outputs(plan, EvalProgress.NONE);
      assertEquals(CALIBRATION_FROM, outputs.length);
      for (int i = 0; i < outputs.length; i++) {
        for (int n = 0; n < N; n++) {
          double y = 0;
          for (int j = 0; j < K; j++) {
            float q =
                (float) Math.max(-128, Math.min(127, Math.rint(X[i * K + j] / s[j] / xScale)));
            y += q * xScale * wq[j * N + n];
          }
          assertEquals(y, outputs[i][n], 1e-4, "sample " + i + " output " + n);
        }
      }

      ActivationProfile profile = evaluator.activationProfile(plan, "fc", EvalProgress.NONE);
      assertEquals(max, profile.calibrated().max(), 1e-6);
      for (int j = 0; j < K; j++) {
        float channelMax = Float.NEGATIVE_INFINITY;
        for (int i = CALIBRATION_FROM; i < SAMPLES; i++) {
          channelMax = Math.max(channelMax, X[i * K + j] / s[j]);
        }
        assertEquals(channelMax, profile.channels().get(j).max(), 1e-6, "channel " + j + " of x/s");
      }
    }
  }

  @Test
  void smoothingTheOutlierChannelLowersTheOutputError() throws Exception {
    try (Evaluator evaluator = single()) {
      EvalResult plain = evaluator.evaluate(W8A8, EvalProgress.NONE);
      EvalResult smoothed = evaluator.evaluate(W8A8.withSmoothQuant(ALPHA), EvalProgress.NONE);
      assertTrue(
          smoothed.outputSqnrDb() > plain.outputSqnrDb() + 3,
          smoothed.outputSqnrDb() + " dB smoothed vs " + plain.outputSqnrDb() + " dB");
      assertNull(
          evaluator.activationQuantization(W8A8, EvalProgress.NONE).get("fc").smoothing(),
          "without SmoothQuant the input is not divided");
    }
  }

  @Test
  void aDynamicSchemeIsSmoothedWithoutARange() throws Exception {
    try (Evaluator evaluator = single()) {
      PrecisionPlan plan =
          W8A8.withActivation("fc", ActivationScheme.parse("int8:token:sym:dynamic"))
              .withSmoothQuant(ALPHA);
      ActivationQuant quant = evaluator.activationQuantization(plan, EvalProgress.NONE).get("fc");
      assertNull(quant.range());
      assertEquals(K, quant.smoothing().length);
      EvalResult plain = evaluator.evaluate(plan.withSmoothQuant(Double.NaN), EvalProgress.NONE);
      EvalResult smoothed = evaluator.evaluate(plan, EvalProgress.NONE);
      assertTrue(
          smoothed.outputSqnrDb() > plain.outputSqnrDb(),
          smoothed.outputSqnrDb() + " dB smoothed vs " + plain.outputSqnrDb() + " dB");
    }
  }

  @Test
  void withBiasCorrectionItIsRefused() throws Exception {
    try (Evaluator evaluator = single()) {
      PrecisionPlan plan = W8A8.withSmoothQuant(ALPHA).withBiasCorrection("fc", true);
      EvalException e =
          assertThrows(EvalException.class, () -> evaluator.evaluate(plan, EvalProgress.NONE));
      assertTrue(e.getMessage().contains("cannot be combined"), e.getMessage());
    }
  }

  @Test
  void alphaOutsideZeroToOneIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> W8A8.withSmoothQuant(1.5));
    assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
  }

  /** Channel 2 is an outlier, 40× the others; values vary by sample and channel. */
  private static float[] inputs() {
    float[] x = new float[SAMPLES * K];
    for (int i = 0; i < SAMPLES; i++) {
      for (int j = 0; j < K; j++) {
        float v = (float) Math.sin(1.7 * i + 2.3 * j + 0.4);
        x[i * K + j] = j == 2 ? 40 * v : v;
      }
    }
    return x;
  }

  /** x [40, 4] → MatMul W [4, 3] → y. */
  private Evaluator single() throws Exception {
    return EvalModels.matMul(dir, K, N, W, SAMPLES, X);
  }
}
