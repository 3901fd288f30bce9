package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metric a sensitivity scan ranks by, per task, in the unit it is shown in. */
class SensitivityMetricTest {
  static EvalResult result(
      EvalTask.Kind kind,
      double referenceAccuracy,
      double quantizedAccuracy,
      double agreement,
      double sqnrDb,
      double cosine) {
    return new EvalResult(
        PrecisionPlan.fp32(),
        new EvalTask("out", kind, null),
        "2000 samples",
        DataOrigin.FOLDER,
        2000,
        referenceAccuracy,
        quantizedAccuracy,
        agreement,
        0.001,
        sqnrDb,
        cosine,
        Double.NaN,
        List.of(),
        Evaluator.FP32);
  }

  @Test
  void aLabelledClassifierIsRankedByItsAccuracyDropInPoints() {
    EvalResult r = result(EvalTask.Kind.CLASSIFIER, 0.9900, 0.9860, 0.9940, 23.8, 0.99);
    assertEquals(SensitivityMetric.ACCURACY_DROP, SensitivityMetric.of(r));
    assertEquals(0.40, SensitivityMetric.ACCURACY_DROP.value(r), 1e-12);
    assertEquals(0.40, SensitivityMetric.ACCURACY_DROP.loss(r), 1e-12);
  }

  @Test
  void aClassifierWithoutLabelsIsRankedByThePercentOfSamplesThatFlip() {
    EvalResult r = result(EvalTask.Kind.CLASSIFIER, Double.NaN, Double.NaN, 0.9965, 23.8, 0.99);
    assertEquals(SensitivityMetric.DISAGREEMENT, SensitivityMetric.of(r));
    assertEquals(0.35, SensitivityMetric.DISAGREEMENT.value(r), 1e-9);
  }

  @Test
  void embeddingsAreRankedByOneMinusCosine() {
    EvalResult r = result(EvalTask.Kind.EMBEDDING, Double.NaN, Double.NaN, Double.NaN, 35, 0.99977);
    assertEquals(SensitivityMetric.COSINE_LOSS, SensitivityMetric.of(r));
    assertEquals(2.3e-4, SensitivityMetric.COSINE_LOSS.value(r), 1e-12);
  }

  @Test
  void otherOutputsAreRankedByOutputSqnrWhereLowerIsWorse() {
    EvalResult r = result(EvalTask.Kind.TENSOR, Double.NaN, Double.NaN, Double.NaN, 21.5, 0.99);
    assertEquals(SensitivityMetric.OUTPUT_SQNR, SensitivityMetric.of(r));
    assertEquals(21.5, SensitivityMetric.OUTPUT_SQNR.value(r));
    assertEquals(-21.5, SensitivityMetric.OUTPUT_SQNR.loss(r));
    assertTrue(SensitivityMetric.OUTPUT_SQNR.lowerIsWorse());
    assertFalse(SensitivityMetric.ACCURACY_DROP.lowerIsWorse());
  }
}
